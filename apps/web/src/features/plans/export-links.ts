import type { PlanMessageKey } from './plan-i18n';

export type Paper = 'A3' | 'A4';

export interface ExportLink {
  key: string;
  label: PlanMessageKey;
  href: string;
  /** The file name the browser saves it as. */
  fileName: string;
}

/**
 * The download links of a version's exports (served by the plan export routes): per commune or,
 * with `commune` null, city-wide; the GeoJSON, GeoPackage and DXF (CAD, VN-2000) are always of the whole version.
 */
export function exportLinks(versionId: string, commune: string | null, paper: Paper): ExportLink[] {
  const base = `/api/v1/plan-versions/${encodeURIComponent(versionId)}`;
  const query = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(commune ? { commune, ...extra } : extra);
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  const scope = commune ?? 'city';
  const short = versionId.slice(0, 8);
  return [
    {
      key: 'xlsx',
      label: 'appendixXlsx',
      href: `${base}/appendix.xlsx${query()}`,
      fileName: `plan-${short}-${scope}.xlsx`,
    },
    {
      key: 'csv',
      label: 'appendixCsv',
      href: `${base}/appendix.csv${query()}`,
      fileName: `plan-${short}-${scope}.csv`,
    },
    {
      key: 'pdf',
      label: 'mapPdf',
      href: `${base}/map.pdf${query({ paper })}`,
      fileName: `plan-${short}-${scope}-${paper}.pdf`,
    },
    {
      key: 'png',
      label: 'mapPng',
      href: `${base}/map.png${query()}`,
      fileName: `plan-${short}-${scope}.png`,
    },
    { key: 'geojson', label: 'geojson', href: `${base}/export.geojson`, fileName: `plan-${short}.geojson` },
    { key: 'gpkg', label: 'gpkg', href: `${base}/export.gpkg`, fileName: `plan-${short}.gpkg` },
    { key: 'dxf', label: 'dxf', href: `${base}/export.dxf`, fileName: `plan-${short}-VN2000.dxf` },
  ];
}
