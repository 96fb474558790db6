import { describe, expect, it } from 'vitest';
import {
  candidatesCsv,
  digOnceCsv,
  towerReportCsv,
  towerReportGeoJson,
} from '../features/sharing/sharing-downloads.js';
import { csvField, exportFileName, toCsv, toGeoJson, UTF8_BOM } from './downloads.js';

describe('toCsv', () => {
  it('starts with the UTF-8 BOM, then a header row, CRLF line ends', () => {
    const csv = toCsv(
      [{ a: 1, b: 'x' }],
      [
        { header: 'a', value: (r) => r.a },
        { header: 'b', value: (r) => r.b },
      ],
    );
    expect(csv).toBe(`${UTF8_BOM}a,b\r\n1,x\r\n`);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps Vietnamese as it is and quotes commas, quotes and line breaks', () => {
    expect(csvField('Đường Lạch Tray')).toBe('Đường Lạch Tray');
    expect(csvField('Lê Lợi, Ngô Quyền')).toBe('"Lê Lợi, Ngô Quyền"');
    expect(csvField('cột "A"')).toBe('"cột ""A"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('writes empty fields for null and undefined, numbers as numbers, and defuses formulas', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+84 912')).toBe("'+84 912");
  });
});

describe('toGeoJson and file names', () => {
  it('keeps geometry, id and properties of each feature', () => {
    const fc = toGeoJson(
      [
        {
          type: 'Feature',
          id: 'a',
          geometry: { type: 'Point', coordinates: [106.7, 20.8] },
          properties: { n: 1 },
        },
      ],
      'test',
    );
    expect(fc).toEqual({
      type: 'FeatureCollection',
      name: 'test',
      features: [
        {
          type: 'Feature',
          id: 'a',
          geometry: { type: 'Point', coordinates: [106.7, 20.8] },
          properties: { n: 1 },
        },
      ],
    });
  });

  it('names a download by what it holds and the day', () => {
    expect(exportFileName('dig-once-notices', 'csv', new Date('2027-03-04T10:00:00Z'))).toBe(
      'hatang-dig-once-notices-2027-03-04.csv',
    );
  });
});

const orgs = new Map([['o1', { code: 'VNPT', name: 'Viễn thông Hải Phòng' }]]);
const report = {
  underused: [
    {
      towerId: 't1',
      towerCode: 'HP-001',
      ownerOrgId: 'o1',
      unitCode: '11311',
      heightM: 42,
      tenantsMax: 3,
      freeTenantSlots: 2,
    },
  ],
  clusters: [
    {
      towerIds: ['t1', 't2'],
      ownerOrgIds: ['o1', 'o2'],
      maxLinkM: 80,
      centre: [106.7, 20.8] as [number, number],
      unitCodes: ['11311'],
    },
  ],
  byOwner: [
    {
      ownerOrgId: 'o1',
      ownerCode: 'VNPT',
      ownerName: 'Viễn thông Hải Phòng',
      towers: 2,
      singleTenantTowers: 1,
      tenantSlots: 6,
      tenants: 3,
      utilisationPercent: 50,
    },
  ],
  byUnit: [
    { unitCode: null, towers: 2, singleTenantTowers: 1, tenantSlots: 6, tenants: 3, utilisationPercent: 50 },
  ],
};

describe('the sharing downloads', () => {
  it('writes each table of the tower report', () => {
    const lines = (csv: string) => csv.slice(1).trim().split('\r\n');
    expect(lines(towerReportCsv(report, 'underused', orgs))).toEqual([
      'tower_code,owner_code,owner_name,commune_code,height_m,tenants_max,free_tenant_slots',
      'HP-001,VNPT,Viễn thông Hải Phòng,11311,42,3,2',
    ]);
    expect(lines(towerReportCsv(report, 'clusters', orgs))[1]).toBe('2,VNPT o2,80,106.7,20.8,11311');
    expect(lines(towerReportCsv(report, 'byOwner', orgs))[1]).toBe('VNPT,Viễn thông Hải Phòng,2,1,6,3,50');
    expect(lines(towerReportCsv(report, 'byUnit', orgs))[1]).toBe(',2,1,6,3,50');
  });

  it('puts underused towers at their positions and clusters at their centres', () => {
    const fc = towerReportGeoJson(report, [{ id: 't1', position: [106.71, 20.81] }], orgs);
    expect(fc.features.map((f) => [f.properties.kind, f.geometry.coordinates])).toEqual([
      ['underused_tower', [106.71, 20.81]],
      ['consolidation_cluster', [106.7, 20.8]],
    ]);
  });

  it('writes dig-once notices and undergrounding candidates', () => {
    const notice = digOnceCsv([
      {
        org: { code: 'VNPT', name: 'Viễn thông Hải Phòng' },
        role: 'telecom',
        coordinateWith: { code: 'SGTVT', name: 'Sở Xây dựng' },
        telecomWork: { kind: 'duct', code: 'D-1' },
        civilWork: { code: 'CW-1', name: 'Cải tạo đường Lạch Tray', sector: 'road' },
        sharedLengthM: 120.4,
        window: { startsOn: '2027-01-01', endsOn: '2027-06-30' },
      },
    ]);
    expect(notice.slice(1).split('\r\n')[1]).toBe(
      'Viễn thông Hải Phòng,telecom,Sở Xây dựng,duct,D-1,CW-1,Cải tạo đường Lạch Tray,road,120,2027-01-01,2027-06-30',
    );
    const candidates = candidatesCsv([
      {
        properties: {
          rank: 1,
          code: 'C-1',
          ownerCode: 'VNPT',
          streetName: 'Lạch Tray',
          streetClass: 'primary',
          lengthM: 399.96,
          score: 1199.9,
          spareDuctIds: [],
          civilWorkIds: ['w'],
        },
      },
    ]);
    expect(candidates.slice(1).split('\r\n')[1]).toBe('1,C-1,VNPT,Lạch Tray,primary,400,1199.9,0,1');
  });
});
