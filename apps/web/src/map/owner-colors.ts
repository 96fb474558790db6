import type { ExpressionSpecification } from 'maplibre-gl';
import type { Organisation } from '../lib/types';
import type { ColorValue } from './layer-group';

/** Colour of assets whose owner is unknown or not a telecom company. */
export const OTHER_OWNER_COLOR = '#64748b';

/** Distinct, colour-blind-friendlier hues for operators and tower companies. */
const PALETTE = [
  '#e11d48',
  '#2563eb',
  '#f97316',
  '#7c3aed',
  '#059669',
  '#d946ef',
  '#0891b2',
  '#854d0e',
  '#4f46e5',
  '#65a30d',
  '#be123c',
  '#0d9488',
];

/** Muted tones for the other owners (city departments, other sectors, communes). */
const MUTED = ['#64748b', '#78716c', '#6b7280', '#71717a'];

/** Colour per organisation id: operators and tower companies get the palette (by code), others muted tones. */
export function ownerColors(organisations: readonly Organisation[]): Map<string, string> {
  const colors = new Map<string, string>();
  const telecom = organisations
    .filter((o) => o.kind === 'operator' || o.kind === 'tower_company')
    .sort((a, b) => a.code.localeCompare(b.code));
  telecom.forEach((org, i) => {
    colors.set(org.id, PALETTE[i % PALETTE.length] ?? OTHER_OWNER_COLOR);
  });
  organisations
    .filter((o) => !colors.has(o.id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .forEach((org, i) => {
      colors.set(org.id, MUTED[i % MUTED.length] ?? OTHER_OWNER_COLOR);
    });
  return colors;
}

/** A `match` on `ownerOrgId` yielding the owner's colour. */
export function ownerColorExpression(colors: Map<string, string>): ColorValue {
  const [first, ...rest] = [...colors];
  if (!first) return OTHER_OWNER_COLOR;
  const expression: ExpressionSpecification = [
    'match',
    ['get', 'ownerOrgId'],
    first[0],
    first[1],
    ...rest.flat(),
    OTHER_OWNER_COLOR,
  ];
  return expression;
}
