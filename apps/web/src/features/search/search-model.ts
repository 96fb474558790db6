/**
 * The search box's options, without React: the coordinate typed (parsed in the browser) first,
 * then the server's results grouped by kind, the kind of the best result first, each with its second line in the
 * UI language, and where choosing it takes the map.
 */
import {
  assetKindNames,
  COLOCATION_LABELS,
  KEY_SITE_CATEGORY_LABELS,
  SEARCH_KIND_LABELS,
  type SearchResult,
} from '@hatang/contracts';
import type { ParsedCoordinates } from '@hatang/geo/coordinates';
import { formatNumber } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { type SearchT, searchText } from './search-i18n';

/** One option of the list: a coordinate, or a record the server found. */
export type SearchOption =
  | { type: 'coordinate'; key: string; label: string; detail: string; coordinate: ParsedCoordinates }
  | { type: 'result'; key: string; label: string; detail: string; result: SearchResult };

export interface SearchGroup {
  /** `coordinate` or a result kind. */
  id: string;
  title: string;
  options: SearchOption[];
}

/** The second line of a result: what it is (in `lang`) and the stored second line. */
export function resultDetail(result: SearchResult, lang: Lang): string {
  const t: SearchT = (key, params) => searchText(lang, key, params);
  const open = result.open;
  const what = (() => {
    switch (open.kind) {
      case 'asset':
        return assetKindNames(lang)[open.resource];
      case 'admin_unit':
        return t(`unit_${open.unitType}`);
      case 'street':
        return `${t('street')} · ${t('segments', { count: open.segments })}`;
      case 'plan_item':
        return t(`version_${open.versionKind}`);
      case 'key_site':
        return KEY_SITE_CATEGORY_LABELS[open.category][lang];
      case 'permit':
        return t('permit');
      case 'colocation_request':
        return `${t('request')} · ${COLOCATION_LABELS.assetKind[open.assetKind][lang]}`;
    }
  })();
  return [what, result.sublabel].filter((s) => s).join(' · ');
}

function coordinateDetail(c: ParsedCoordinates, lang: Lang): string {
  const t: SearchT = (key, params) => searchText(lang, key, params);
  if (c.format !== 'vn2000' || !c.vn2000) return t(`format_${c.format}`);
  const metres = (v: number) => formatNumber(lang, Math.round(v * 100) / 100);
  return t('format_vn2000', { X: metres(c.vn2000.X), Y: metres(c.vn2000.Y) });
}

/** `[lng, lat]` as "20.844889° N, 106.688111° E" (6 decimals ≈ 0.1 m). */
export function lngLatLabel([lng, lat]: [number, number]): string {
  return `${lat.toFixed(6)}° N, ${lng.toFixed(6)}° E`;
}

/** The options in display order, grouped; empty groups left out. */
export function searchGroups(
  coordinate: ParsedCoordinates | null,
  results: readonly SearchResult[],
  lang: Lang,
): SearchGroup[] {
  const groups: SearchGroup[] = [];
  if (coordinate)
    groups.push({
      id: 'coordinate',
      title: searchText(lang, 'coordinates'),
      options: [
        {
          type: 'coordinate',
          key: 'coordinate',
          label: lngLatLabel(coordinate.lngLat),
          detail: coordinateDetail(coordinate, lang),
          coordinate,
        },
      ],
    });
  // The server sends the best first: a kind's group stands where its best result does (an exact
  // commune name before the assets that merely carry it in their names).
  const kinds = [...new Set(results.map((r) => r.kind))];
  for (const kind of kinds) {
    const found = results.filter((r) => r.kind === kind);
    if (found.length === 0) continue;
    groups.push({
      id: kind,
      title: SEARCH_KIND_LABELS[kind][lang],
      options: found.map((result) => ({
        type: 'result',
        key: `${kind}:${result.id}`,
        label: result.label,
        detail: resultDetail(result, lang),
        result,
      })),
    });
  }
  return groups;
}

/** The next option index for an arrow key, wrapping around; -1 when there is none. */
export function moveActive(active: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (active < 0) return step === 1 ? 0 : count - 1;
  return (active + step + count) % count;
}
