import { describe, expect, it } from 'vitest';
import type { Organisation } from '../lib/types';
import { OTHER_OWNER_COLOR, ownerColorExpression, ownerColors } from './owner-colors';

const org = (id: string, code: string, kind: Organisation['kind']): Organisation => ({
  id,
  code,
  name: code,
  adminUnitCode: null,
  kind,
});

describe('owner colours', () => {
  it('gives operators and tower companies distinct palette colours and other owners muted ones', () => {
    const colors = ownerColors([
      org('b', 'VNPT', 'operator'),
      org('a', 'VIETTEL', 'operator'),
      org('c', 'TOWERCO', 'tower_company'),
      org('d', 'EVN', 'other_sector'),
    ]);
    const telecom = ['a', 'b', 'c'].map((id) => colors.get(id));
    expect(new Set(telecom).size).toBe(3);
    expect(colors.get('d')).toMatch(/^#(64748b|78716c|6b7280|71717a)$/);
  });

  it('matches on ownerOrgId with a fallback, or is a constant when no organisation is known', () => {
    expect(ownerColorExpression(new Map())).toBe(OTHER_OWNER_COLOR);
    expect(ownerColorExpression(new Map([['x', '#111111']]))).toEqual([
      'match',
      ['get', 'ownerOrgId'],
      'x',
      '#111111',
      OTHER_OWNER_COLOR,
    ]);
  });
});
