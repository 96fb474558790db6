import { describe, expect, it } from 'vitest';
import type { CoverageResult } from './analysis-api';
import { communeCsv, csvField, gapsGeoJson } from './export';

const figures = {
  populationCount: 1000,
  coveredCount: 750,
  coveredPercent: 75,
  uncoveredCount: 250,
  singleOperatorCount: 100,
  any4GCount: 990,
  any4GPercent: 99,
  any5GCount: 750,
  any5GPercent: 75,
  byOperator: { a: { '2G': 900, '3G': 800, '4G': 950, '5G': 700 } },
};

const result: CoverageResult = {
  dataVersion: 'v1',
  technology: '5G',
  operators: [{ id: 'a', code: 'OP-A', name: 'A' }],
  summary: {
    city: figures,
    communes: [
      { ...figures, code: '10507', name: 'Thành Đông', unitType: 'ward', environment: 'urban' },
      { ...figures, code: '11560', name: 'Xã "Hải", An', unitType: 'commune', environment: 'rural' },
    ],
  },
  gaps: {
    type: 'FeatureCollection',
    gapCount: 1,
    populationCount: 250,
    features: [
      {
        type: 'Feature',
        id: 1,
        geometry: { type: 'MultiPolygon', coordinates: [] },
        properties: {
          rank: 1,
          populationCount: 250,
          cellCount: 3,
          areaKm2: 0.03,
          unitCode: '10507',
          centre: [106.7, 20.9],
          bbox: [106.69, 20.89, 106.71, 20.91],
        },
      },
    ],
  },
  candidates: {
    service: '5G',
    populationCount: 1000,
    coveredCountBefore: 750,
    coveredCountAfter: 800,
    targetPercent: 100,
    targetReached: false,
    sites: [],
  },
  timings: {},
};

describe('commune CSV', () => {
  it('starts with a BOM, has a header in the UI language and one CRLF row per unit', () => {
    const csv = communeCsv(result, result.summary.communes, 'vi');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Dân số');
    expect(lines[0]).toContain('OP-A 5G (người)');
    expect(lines[1]).toBe('10507,Thành Đông,Phường,Đô thị,1000,750,75,250,100,990,99,750,75,700');
    expect(lines[2]?.startsWith('11560,"Xã ""Hải"", An",Xã,Nông thôn,')).toBe(true);
    expect(communeCsv(result, result.summary.communes, 'en').split('\r\n')[0]).toContain('Population');
  });

  it('quotes separators and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });
});

describe('gap GeoJSON', () => {
  it('adds the commune name and technology to every gap, without a BOM', () => {
    const text = gapsGeoJson(result);
    expect(text.charCodeAt(0)).toBe('{'.charCodeAt(0));
    const parsed = JSON.parse(text) as { features: Array<{ properties: Record<string, unknown> }> };
    expect(parsed.features[0]?.properties).toMatchObject({
      rank: 1,
      unitName: 'Thành Đông',
      technology: '5G',
    });
  });
});
