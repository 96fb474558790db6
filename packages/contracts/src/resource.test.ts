import { describe, expect, it } from 'vitest';
import { civilWorks, ducts, towers } from './assets.js';
import { validateProperties, validatePropertiesPatch } from './resource.js';

const tower = {
  code: 'HP-0001',
  ownerOrgId: '6f1c1c9e-4a7b-4c39-9d2e-0a4c2f9b1d11',
  status: 'existing',
  towerClass: 'A2a',
  structure: 'lattice',
  placement: 'ground',
  heightM: 36,
  antennaSlotsTotal: 9,
  tenantsMax: 3,
};

describe('resource properties', () => {
  it('fills optional fields with null and accepts a valid tower', () => {
    const result = validateProperties(towers, tower);
    expect(result.ok && result.value.buildingHeightM).toBeNull();
  });

  it('reports every problem with its path, unknown keys included', () => {
    const result = validateProperties(towers, { ...tower, heightM: 0, tenantsMax: 2.5, paint: 'red' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['properties.heightM', 'properties.tenantsMax']));
    expect(result.issues.some((i) => i.message.includes('paint'))).toBe(true);
  });

  it('runs cross-field rules only on otherwise valid input', () => {
    const result = validateProperties(ducts, {
      code: 'D1',
      ownerOrgId: tower.ownerOrgId,
      status: 'planned',
      tubesTotal: 4,
      tubesUsed: 6,
      diameterMm: 110,
      depthM: 0.7,
    });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: ['properties', 'tubesUsed'], message: 'tubes used (6) exceed tubes total (4)' }],
    });
  });

  it('rejects works that end before they start', () => {
    const result = validateProperties(civilWorks, {
      code: 'CW1',
      ownerOrgId: tower.ownerOrgId,
      status: 'planned',
      name: 'Cải tạo đường',
      sector: 'road',
      startsOn: '2028-01-01',
      endsOn: '2027-12-31',
    });
    expect(!result.ok && result.issues[0]?.path).toEqual(['properties', 'endsOn']);
  });

  it('does not fill absent keys with defaults in a patch (that would erase stored values)', () => {
    const result = validatePropertiesPatch(towers, { heightM: 40 });
    expect(result).toEqual({ ok: true, value: { heightM: 40 } });
  });
});
