import { describe, expect, it } from 'vitest';
import { buildCreate, detailFields, detailsOf, emptyValues, fieldErrors } from './permit-form';
import type { PermitApplication, PermitCheck } from './permits-api';
import {
  attachmentProblem,
  boundsOf,
  checkBounds,
  checkFeatures,
  checkSummary,
  contextFeatures,
  dueState,
  parseLine,
  parseLngLat,
  planarDistanceM,
  RESULT_COLOURS,
  racetrackRing,
  sortedChecks,
} from './permits-model';

const application = (over: Partial<PermitApplication> = {}): PermitApplication => ({
  id: 'a1',
  kind: 'tower',
  status: 'submitted',
  applicantOrgId: 'o1',
  adminUnitCode: '11311',
  title: 'Trạm thử',
  details: { heightM: 30, mounting: 'on_ground' },
  justification: null,
  reviewNote: null,
  conditions: [],
  checks: null,
  checkedAt: null,
  submittedAt: '2026-11-01T08:00:00.000Z',
  decidedAt: null,
  geometry: { type: 'Point', coordinates: [106.68, 20.86] },
  version: 2,
  createdAt: '2026-11-01T07:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
  ...over,
});

const check = (
  name: string,
  result: PermitCheck['result'],
  geometry?: PermitCheck['geometry'],
): PermitCheck => ({
  check: name,
  result,
  reason: { vi: `lý do ${name}`, en: `reason ${name}` },
  ...(geometry ? { geometry } : {}),
});

describe('check results as map features', () => {
  const checks = [
    check('emf-safety', 'pass', {
      type: 'Polygon',
      coordinates: [
        [
          [106.68, 20.86],
          [106.681, 20.86],
          [106.68, 20.861],
          [106.68, 20.86],
        ],
      ],
    }),
    check('sharing-obligation', 'fail', {
      type: 'LineString',
      coordinates: [
        [106.68, 20.86],
        [106.6806, 20.86],
      ],
    }),
    check('aviation-marking', 'warn', { type: 'Point', coordinates: [106.68, 20.86] }),
    check('plan-conformity', 'not_applicable'),
    check('duplicate', 'pass', { type: 'Point', coordinates: [] }),
  ];

  it('keeps the checks that carry a geometry, coloured by result, worst drawn last', () => {
    const fc = checkFeatures(checks, 'en');
    expect(fc.features.map((f) => f.properties.check)).toEqual([
      'emf-safety',
      'aviation-marking',
      'sharing-obligation',
    ]);
    const fail = fc.features.at(-1);
    expect(fail?.properties).toEqual({
      check: 'sharing-obligation',
      result: 'fail',
      colour: '#dc2626',
      reason: 'reason sharing-obligation',
      focused: 0,
    });
    expect(fc.features[1]?.properties.colour).toBe(RESULT_COLOURS.warn);
    expect(fc.features[0]?.properties.colour).toBe('#16a34a');
  });

  it('marks the check chosen in the list, and only that one', () => {
    const fc = checkFeatures(checks, 'en', 'aviation-marking');
    expect(fc.features.filter((f) => f.properties.focused === 1).map((f) => f.properties.check)).toEqual([
      'aviation-marking',
    ]);
  });

  it('frames a check with the works it is about, or nothing without a geometry', () => {
    const works = application();
    // The works at 106.68, 20.86; the failed check's line runs east to 106.6806.
    expect(
      checkBounds(
        works,
        checks.find((c) => c.check === 'sharing-obligation'),
      ),
    ).toEqual([106.68, 20.86, 106.6806, 20.86]);
    expect(
      checkBounds(
        works,
        checks.find((c) => c.check === 'plan-conformity'),
      ),
    ).toBeNull();
    expect(
      checkBounds(
        works,
        checks.find((c) => c.check === 'duplicate'),
      ),
    ).toBeNull();
    expect(checkBounds(works, undefined)).toBeNull();
  });

  it('gives the reason in the chosen language', () => {
    expect(checkFeatures(checks, 'vi').features[0]?.properties.reason).toBe('lý do emf-safety');
    expect(checkFeatures(null, 'vi').features).toEqual([]);
  });

  it('sorts and counts the checks worst first', () => {
    expect(sortedChecks(checks).map((c) => c.result)).toEqual([
      'fail',
      'warn',
      'pass',
      'pass',
      'not_applicable',
    ]);
    expect(checkSummary(checks)).toEqual([
      { result: 'fail', count: 1 },
      { result: 'warn', count: 1 },
      { result: 'pass', count: 2 },
      { result: 'not_applicable', count: 1 },
    ]);
  });

  it('zooms around the works and nearby proof, leaving out a far airport line', () => {
    const far = check('airport-height', 'pass', {
      type: 'LineString',
      coordinates: [
        [106.723, 20.817],
        [106.68, 20.86],
      ],
    });
    const [w, s, e, n] = boundsOf(application(), [...checks, far]);
    expect([w, s, e, n]).toEqual([106.68, 20.86, 106.681, 20.861]);
  });
});

describe('the statutory period', () => {
  const now = new Date('2026-11-15T12:00:00.000Z');

  it('counts calendar days since submission against 20 days', () => {
    const due = dueState(application(), now);
    expect(due).toEqual({
      daysElapsed: 14,
      periodDays: 20,
      dueAt: '2026-11-21T08:00:00.000Z',
      overdue: false,
      daysLeft: 6,
      weekendDays: 0,
    });
  });

  it('counts the days left on the calendar, so a deadline moved past a weekend reads as more than the period', () => {
    // Submitted Friday 5 June 2026, 10:00 Vietnam time: 20 days end on Thursday 25 June.
    const friday = application({ submittedAt: '2026-06-05T03:00:00.000Z' });
    expect(dueState(friday, new Date('2026-06-05T10:35:00.000Z'))).toMatchObject({
      daysElapsed: 0,
      daysLeft: 20,
      weekendDays: 0,
    });
    // Submitted Sunday 7 June: the 20th day is Saturday 27 June, so the deadline is Monday 29 June.
    const sunday = application({
      submittedAt: '2026-06-07T03:00:00.000Z',
      dueAt: '2026-06-29T03:00:00.000Z',
    });
    expect(dueState(sunday, new Date('2026-06-07T10:35:00.000Z'))).toMatchObject({
      daysElapsed: 0,
      daysLeft: 22,
      weekendDays: 2,
    });
  });

  it('is overdue after the period while still waiting for the reviewer', () => {
    const due = dueState(application(), new Date('2026-11-23T09:00:00.000Z'));
    expect(due.overdue).toBe(true);
    expect(due.daysLeft).toBe(-2);
    expect(due.daysElapsed).toBe(22);
  });

  it('stops the clock once decided, and has none before submission', () => {
    const decided = application({ status: 'rejected', decidedAt: '2026-11-11T09:00:00.000Z' });
    expect(dueState(decided, new Date('2026-12-30T00:00:00Z'))).toMatchObject({
      daysElapsed: 10,
      overdue: false,
      daysLeft: null,
    });
    expect(dueState(application({ status: 'draft', submittedAt: null }), now)).toEqual({
      daysElapsed: null,
      periodDays: 20,
      dueAt: null,
      overdue: false,
      daysLeft: null,
      weekendDays: 0,
    });
  });

  it("uses the API's queue fields when it sends them", () => {
    const due = dueState(
      application({ daysElapsed: 3, dueAt: '2026-11-14T00:00:00.000Z', overdue: true }),
      now,
    );
    expect(due).toMatchObject({ daysElapsed: 3, dueAt: '2026-11-14T00:00:00.000Z', overdue: true });
  });
});

describe('context layers', () => {
  it('draws the sharing circle and the host towers, and the airport surfaces only near the airport', () => {
    const nearby = {
      point: [106.68, 20.86] as [number, number],
      sharingDistanceM: 100,
      candidates: [
        { towerId: 't1', towerCode: 'BTS-1', position: [106.6806, 20.86] as [number, number], distanceM: 62 },
      ],
    };
    const airport = {
      referencePoint: [106.7231, 20.8169] as [number, number],
      innerRadiusM: 4000,
      conicalOuterRadiusM: 6000,
    };
    // 106.60, 20.95 lies about 17 km from Cát Bi's reference point.
    const far = contextFeatures(
      application({ geometry: { type: 'Point', coordinates: [106.6, 20.95] } }),
      nearby,
      airport,
    );
    expect(far.features.map((f) => f.properties.role)).toEqual(['sharing-circle', 'host']);
    const ring = far.features[0]?.geometry.coordinates as [number, number][][];
    expect(planarDistanceM([106.68, 20.86], ring[0]?.[5] as [number, number])).toBeCloseTo(100, 2);
    const near = contextFeatures(
      application({ geometry: { type: 'Point', coordinates: [106.72, 20.82] } }),
      null,
      airport,
    );
    expect(near.features.map((f) => f.properties.role)).toEqual(['airport-inner', 'airport-conical']);
  });

  it('draws racetracks around a corrected runway: every vertex at the radius from the centreline', () => {
    const runway: [[number, number], [number, number]] = [
      [106.712, 20.825],
      [106.735, 20.808],
    ];
    const ring = racetrackRing(runway[0], runway[1], 4000);
    const mx = 111_319.49 * Math.cos((runway[0][1] * Math.PI) / 180);
    const my = 111_132.954;
    const toM = (p: [number, number]) => [(p[0] - runway[0][0]) * mx, (p[1] - runway[0][1]) * my] as const;
    const [bx, by] = toM(runway[1]);
    const toSegmentM = (p: [number, number]) => {
      const [px, py] = toM(p);
      const t = Math.max(0, Math.min(1, (px * bx + py * by) / (bx * bx + by * by)));
      return Math.hypot(px - t * bx, py - t * by);
    };
    for (const p of ring) expect(toSegmentM(p)).toBeCloseTo(4000, 3);
    expect(ring[0]).toEqual(ring.at(-1));
    const airport = {
      referencePoint: [106.7231, 20.8169] as [number, number],
      runwayThresholds: runway,
      innerRadiusM: 4000,
      conicalOuterRadiusM: 6000,
    };
    const fc = contextFeatures(
      application({ geometry: { type: 'Point', coordinates: [106.72, 20.82] } }),
      null,
      airport,
    );
    expect(fc.features.map((f) => f.properties.role)).toEqual(['airport-inner', 'airport-conical', 'runway']);
  });

  it('adds the zones and civil works within about 1 km, not those further away', () => {
    const square = (x: number, y: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.001, y],
          [x + 0.001, y + 0.001],
          [x, y],
        ],
      ],
    });
    const zones = [
      { geometry: square(106.681, 20.861), properties: { kind: 'restricted', name: 'Khu di tích' } },
      { geometry: square(106.7, 20.9), properties: { kind: 'restricted', name: 'Xa' } },
    ];
    const works = [
      {
        geometry: {
          type: 'LineString',
          coordinates: [
            [106.6795, 20.8601],
            [106.6805, 20.8601],
          ],
        },
        properties: { name: 'Cấp nước' },
      },
    ];
    const fc = contextFeatures(application(), null, null, 10_000, zones, works);
    expect(fc.features.map((f) => [f.properties.role, f.properties.name])).toEqual([
      ['zone', 'Khu di tích'],
      ['civil-work', 'Cấp nước'],
    ]);
  });
});

describe('the application form', () => {
  it('reads the tower details fields from the contract', () => {
    const fields = detailFields('tower');
    expect(fields.map((f) => f.key)).toEqual([
      'towerClass',
      'heightM',
      'structure',
      'mounting',
      'buildingHeightM',
      'isCamouflaged',
      'eirpW',
      'nearestBuildingM',
    ]);
    expect(fields[0]).toEqual({
      key: 'towerClass',
      kind: 'enum',
      options: ['A1', 'A2a', 'A2b', 'A2c'],
      required: true,
    });
    expect(fields.find((f) => f.key === 'buildingHeightM')).toMatchObject({
      kind: 'number',
      required: false,
    });
    expect(detailFields('duct_works').map((f) => [f.key, f.kind])).toEqual([
      ['startsOn', 'date'],
      ['endsOn', 'date'],
      ['method', 'enum'],
    ]);
  });

  it('builds a tower body, parsing decimal commas and dropping the building height on the ground', () => {
    const values = emptyValues('tower');
    values.title = 'Trạm mới';
    values.where = '106.68, 20.86';
    values.details = {
      ...values.details,
      heightM: '30,5',
      eirpW: '200',
      nearestBuildingM: '40',
      buildingHeightM: '12',
    };
    const built = buildCreate(values);
    expect(built.ok).toBe(true);
    if (built.ok)
      expect(built.body).toMatchObject({
        kind: 'tower',
        geometry: { type: 'Point', coordinates: [106.68, 20.86] },
        details: { heightM: 30.5, eirpW: 200, towerClass: 'A2a', isCamouflaged: false },
      });
    expect(detailsOf('tower', values.details).buildingHeightM).toBeUndefined();
  });

  it('reads the in-building fields: text, enum, number, a set of works, operators and an optional id', () => {
    expect(detailFields('in_building').map((f) => [f.key, f.kind, f.required])).toEqual([
      ['buildingName', 'text', true],
      ['buildingType', 'enum', true],
      ['floors', 'number', true],
      ['works', 'enumSet', true],
      ['isShared', 'boolean', false],
      ['operatorOrgIds', 'organisations', false],
      ['inBuildingSystemId', 'text', false],
    ]);
  });

  it('builds an in-building body at the building, with its sets as lists', () => {
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    const values = emptyValues('in_building');
    values.title = 'Phủ sóng trong nhà';
    values.where = '106.68, 20.86';
    values.details = {
      ...values.details,
      buildingName: 'Chung cư A',
      floors: '25',
      works: 'fibre_riser,cabling',
      isShared: 'true',
      operatorOrgIds: `${a},${b}`,
    };
    const built = buildCreate(values);
    expect(built.ok).toBe(true);
    if (built.ok)
      expect(built.body).toMatchObject({
        kind: 'in_building',
        geometry: { type: 'Point', coordinates: [106.68, 20.86] },
        details: {
          buildingName: 'Chung cư A',
          buildingType: 'apartment',
          floors: 25,
          works: ['fibre_riser', 'cabling'],
          isShared: true,
          operatorOrgIds: [a, b],
        },
      });
    const empty = buildCreate({ ...emptyValues('in_building'), title: 'x', where: '106.68, 20.86' });
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(Object.keys(empty.errors).sort()).toEqual([
        'details.buildingName',
        'details.floors',
        'details.works',
      ]);
  });

  it('names every problem on its field', () => {
    const values = emptyValues('tower');
    values.details = { ...values.details, mounting: 'rooftop', heightM: '-1' };
    const built = buildCreate(values);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(Object.keys(built.errors).sort()).toEqual(
        ['details.eirpW', 'details.heightM', 'details.nearestBuildingM', 'title', 'where'].sort(),
      );
    }
    // Once the rest is valid, the contract's cross-field rule: a rooftop tower needs its building's height.
    const rooftop = emptyValues('tower');
    rooftop.title = 'Cột trên mái';
    rooftop.where = '106.68, 20.86';
    rooftop.details = {
      ...rooftop.details,
      mounting: 'rooftop',
      heightM: '3',
      eirpW: '50',
      nearestBuildingM: '5',
    };
    const second = buildCreate(rooftop);
    expect(second.ok ? [] : Object.keys(second.errors)).toEqual(['details.buildingHeightM']);
    expect(fieldErrors([{ path: ['geometry', 'coordinates'], message: 'bad' }])).toEqual({ where: 'bad' });
  });

  it('parses typed positions and routes', () => {
    expect(parseLngLat(' 106.68 ; 20.86 ')).toEqual([106.68, 20.86]);
    expect(parseLngLat('200, 20')).toBeNull();
    expect(parseLine('106.68, 20.86\n106.69, 20.87')).toEqual([
      [106.68, 20.86],
      [106.69, 20.87],
    ]);
    expect(parseLine('106.68, 20.86')).toBeNull();
  });

  it('refuses attachments over 10 MiB or not PDF/JPEG/PNG before sending them', () => {
    expect(attachmentProblem({ name: 'a.pdf', size: 10 * 1024 * 1024 + 1, type: 'application/pdf' })).toBe(
      'size',
    );
    expect(attachmentProblem({ name: 'a.docx', size: 10, type: 'application/msword' })).toBe('type');
    expect(attachmentProblem({ name: 'a.png', size: 10, type: '' })).toBeNull();
    expect(attachmentProblem({ name: 'photo.jpg', size: 10, type: 'image/jpeg' })).toBeNull();
    expect(
      attachmentProblem({ name: 'mặt bằng.DXF', size: 10, type: 'application/octet-stream' }),
    ).toBeNull();
    expect(attachmentProblem({ name: 'mặt bằng.dwg', size: 10, type: '' })).toBeNull();
    expect(attachmentProblem({ name: 'mặt bằng.dwg', size: 10 * 1024 * 1024 + 1, type: '' })).toBe('size');
  });
});
