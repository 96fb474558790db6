import { describe, expect, it } from 'vitest';
import { exportLinks } from './export-links';
import {
  attributeFields,
  emptyFormValues,
  fieldErrors,
  formValuesOf,
  toItemProperties,
} from './plan-item-form';
import { compareTableRows, metresToPixels } from './plan-style';
import type { CompareResult, PlanItem } from './plans-api';

describe('plan item form', () => {
  it('reads the attribute fields of a kind from the contract', () => {
    expect(attributeFields('tower_area')).toEqual([
      { key: 'towerClass', type: 'enum', options: ['A1', 'A2a', 'A2b', 'A2c'], required: true },
      { key: 'maxHeightM', type: 'number', options: [], required: true },
      { key: 'tenantsPlanned', type: 'integer', options: [], required: false },
    ]);
    expect(attributeFields('data_centre').map((f) => [f.key, f.type])).toEqual([
      ['isGreen', 'boolean'],
      ['powerMw', 'number'],
    ]);
  });

  it('maps the form to the API properties: blanks to null, numbers parsed, booleans', () => {
    const values = emptyFormValues('submarine_corridor');
    values.name = '  Tuyến cáp ADG  ';
    values.attributes.protectionWidthM = '1000,5';
    values.attributes.fiberPairs = '';
    expect(toItemProperties('submarine_corridor', values)).toEqual({
      kind: 'submarine_corridor',
      name: 'Tuyến cáp ADG',
      phase: '2026-2027',
      status: 'planned',
      responsibleOrgId: null,
      notes: null,
      attributes: { protectionWidthM: 1000.5 },
    });
    const dc = emptyFormValues('data_centre');
    dc.attributes.isGreen = 'false';
    dc.attributes.powerMw = 'ten';
    expect(toItemProperties('data_centre', dc).attributes).toEqual({ isGreen: false, powerMw: 'ten' });
  });

  it('round-trips an item through the form', () => {
    const item: PlanItem = {
      type: 'Feature',
      id: 'i1',
      geometry: { type: 'Point', coordinates: [106.7, 20.85] },
      properties: {
        kind: 'tower_site',
        name: 'BTS 1',
        phase: '2028-2030',
        status: 'planned',
        responsibleOrgId: 'org-1',
        notes: null,
        attributes: { towerClass: 'A2b', heightM: 42 },
        planVersionId: 'v1',
        originId: 'i1',
        sourceTable: null,
        sourceId: null,
        checkResults: [],
        version: 3,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    };
    const values = formValuesOf(item);
    expect(values.attributes).toEqual({ towerClass: 'A2b', heightM: '42' });
    const { kind, name, phase, status, responsibleOrgId, notes, attributes } = item.properties;
    expect(toItemProperties('tower_site', values)).toEqual({
      kind,
      name,
      phase,
      status,
      responsibleOrgId,
      notes,
      attributes,
    });
  });

  it('puts each API problem on its field', () => {
    expect(
      fieldErrors([
        { path: ['properties', 'attributes', 'maxHeightM'], message: 'Invalid input: expected number' },
        { path: ['properties', 'name'], message: 'must not be empty' },
        { path: ['geometry', 'coordinates'], message: 'a landing station must be on land' },
        { path: ['properties', 'attributes', 'maxHeightM'], message: 'second' },
      ]),
    ).toEqual({
      'attributes.maxHeightM': 'Invalid input: expected number',
      name: 'must not be empty',
      geometry: 'a landing station must be on land',
    });
  });
});

describe('compare styling', () => {
  const row = (originId: string, kind: string, name: string | null) => ({
    originId,
    itemId: originId,
    kind,
    name,
    phase: null,
    status: 'planned',
  });
  it('lists added, then changed, then removed, each by kind and name', () => {
    const result = {
      base: { id: 'b', name: 'B', kind: 'baseline' },
      target: { id: 't', name: 'T', kind: 'draft' },
      summary: { added: 2, removed: 1, changed: 1, unchanged: 5 },
      added: [row('3', 'tower_area', 'Z'), row('1', 'duct_route', 'A')],
      removed: [row('4', 'duct_route', null)],
      changed: [{ ...row('2', 'tower_site', 'M'), fields: ['geometry'] }],
      features: { type: 'FeatureCollection', features: [] },
    } as unknown as CompareResult;
    expect(compareTableRows(result).map((r) => [r.change, r.originId])).toEqual([
      ['added', '1'],
      ['added', '3'],
      ['changed', '2'],
      ['removed', '4'],
    ]);
  });

  it('draws a protection width at ground scale: 1 km at zoom 12 in Hai Phong is ~14 px', () => {
    // 40 075 017 m / (512 px · 2^12) = 19.11 m/px at the equator; × cos(20.85°) = 17.86 m/px.
    expect(metresToPixels(1000, 12)).toBeCloseTo(1000 / 17.86, 1);
    expect(metresToPixels(1000, 13)).toBeCloseTo(2 * metresToPixels(1000, 12), 6);
  });
});

describe('export links', () => {
  it('asks for one commune, or city-wide without a commune', () => {
    const links = exportLinks('abcdef12-0000-0000-0000-000000000000', '11311', 'A3');
    const pdf = links.find((l) => l.key === 'pdf');
    expect(pdf?.href).toBe(
      '/api/v1/plan-versions/abcdef12-0000-0000-0000-000000000000/map.pdf?commune=11311&paper=A3',
    );
    expect(pdf?.fileName).toBe('plan-abcdef12-11311-A3.pdf');
    const city = exportLinks('v', null, 'A4');
    expect(city.map((l) => l.href)).toEqual([
      '/api/v1/plan-versions/v/appendix.xlsx',
      '/api/v1/plan-versions/v/appendix.csv',
      '/api/v1/plan-versions/v/map.pdf?paper=A4',
      '/api/v1/plan-versions/v/map.png',
      '/api/v1/plan-versions/v/export.geojson',
      '/api/v1/plan-versions/v/export.gpkg',
      '/api/v1/plan-versions/v/export.dxf',
    ]);
  });
});
