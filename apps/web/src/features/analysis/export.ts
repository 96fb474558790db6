import { csvCell } from '@hatang/geo/csv-write';
import type { Lang } from '../../lib/i18n';
import type { CommuneCoverage, CoverageResult } from './analysis-api';
import { analysisText } from './analysis-i18n';

/** Byte order mark: Excel reads the file as UTF-8 only with it (Vietnamese names). */
const BOM = '\uFEFF';

/**
 * One CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180); text
 * starting like a formula is neutralised (the API's downloads use the same function).
 */
export const csvField = (value: string | number | null | undefined): string => csvCell(value);

const unitTypeText: Record<Lang, Record<CommuneCoverage['unitType'], string>> = {
  vi: { ward: 'Phường', commune: 'Xã', special_zone: 'Đặc khu' },
  en: { ward: 'Ward', commune: 'Commune', special_zone: 'Special zone' },
};

/**
 * The commune table as CSV (UTF-8 with BOM, CRLF, header row in `lang`): one row per unit in the
 * given order, counts in people and shares in percent, then the covered people per operator for
 * the analysed technology.
 */
export function communeCsv(result: CoverageResult, rows: readonly CommuneCoverage[], lang: Lang): string {
  const t = (key: Parameters<typeof analysisText>[1], params?: Record<string, string | number>) =>
    analysisText(lang, key, params);
  const header = [
    t('colCode'),
    t('colName'),
    t('colType'),
    t('colEnvironment'),
    t('colPopulation'),
    t('csvCovered'),
    t('colCoveredPercent'),
    t('csvUncovered'),
    t('csvSingle'),
    t('csvAny4G'),
    t('colAny4G'),
    t('csvAny5G'),
    t('colAny5G'),
    ...result.operators.map((o) => t('csvPerOperator', { operator: o.code, technology: result.technology })),
  ];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.code,
        row.name ?? '',
        unitTypeText[lang][row.unitType],
        t(row.environment),
        row.populationCount,
        row.coveredCount,
        row.coveredPercent,
        row.uncoveredCount,
        row.singleOperatorCount,
        row.any4GCount,
        row.any4GPercent,
        row.any5GCount,
        row.any5GPercent,
        ...result.operators.map((o) => row.byOperator[o.id]?.[result.technology] ?? 0),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * The gaps as a GeoJSON FeatureCollection with the commune name on each gap. RFC 7946 forbids
 * a byte order mark, so unlike the CSV this file has none (GIS tools read it as UTF-8).
 */
export function gapsGeoJson(result: CoverageResult): string {
  const names = new Map(result.summary.communes.map((c) => [c.code, c.name ?? c.code]));
  return JSON.stringify({
    type: 'FeatureCollection',
    features: result.gaps.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: {
        ...f.properties,
        unitName: names.get(f.properties.unitCode) ?? null,
        technology: result.technology,
        dataVersion: result.dataVersion,
      },
    })),
  });
}

/** Saves `text` as a file through a Blob link (nothing leaves the browser). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `hatang-coverage-5G-2026-11-26` */
export const exportName = (result: CoverageResult) =>
  `hatang-coverage-${result.technology}-${new Date().toISOString().slice(0, 10)}`;
