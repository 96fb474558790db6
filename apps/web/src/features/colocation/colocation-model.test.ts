import { describe, expect, it } from 'vitest';
import { dueState, initialForm, type OwnerFigures, oversightRows, requestBodies } from './colocation-model';

const TODAY = new Date('2026-11-26T10:00:00Z');

describe('prefill → request bodies', () => {
  it('keeps the launch’s technology and justification and starts 30 days out', () => {
    const form = initialForm(
      { targets: [{ kind: 'tower', id: 't1' }], technology: '5G', justification: 'covers 1 234 people' },
      TODAY,
    );
    expect(form).toMatchObject({
      technology: '5G',
      justification: 'covers 1 234 people',
      desiredStartDate: '2026-12-26',
      antennaCount: '1',
    });
  });

  it('sums the duct segments’ lengths into the length to occupy', () => {
    const form = initialForm(
      {
        targets: [
          { kind: 'duct', id: 'd1', lengthM: 120.4 },
          { kind: 'duct', id: 'd2', lengthM: 80.2 },
        ],
      },
      TODAY,
    );
    expect(form.lengthM).toBe('201');
  });

  it('makes one body per tower and pole and one per owner for the duct segments', () => {
    const form = { ...initialForm(null, TODAY), antennaCount: '2', mountHeightM: '27,5', tubes: '1' };
    const { bodies, problems } = requestBodies(
      {
        source: 'route_planner',
        targets: [
          { kind: 'tower', id: 't1' },
          { kind: 'pole', id: 'p1' },
          { kind: 'duct', id: 'd1', ownerOrgId: 'A', lengthM: 100 },
          { kind: 'duct', id: 'd2', ownerOrgId: 'B', lengthM: 40 },
          { kind: 'duct', id: 'd3', ownerOrgId: 'A', lengthM: 60 },
          { kind: 'duct', id: 'd1', ownerOrgId: 'A', lengthM: 100 },
        ],
      },
      { ...form, justification: '  route A → B ', lengthM: '' },
    );
    expect(problems).toEqual([]);
    const common = { justification: 'route A → B', desiredStartDate: '2026-12-26', source: 'route_planner' };
    expect(bodies).toEqual([
      {
        target: { kind: 'tower', id: 't1', technology: '4G', antennaCount: 2, mountHeightM: 27.5 },
        ...common,
      },
      { target: { kind: 'pole', id: 'p1', attachmentCount: 1 }, ...common },
      { target: { kind: 'duct', ids: ['d1', 'd3'], tubes: 1, lengthM: 160 }, ...common },
      { target: { kind: 'duct', ids: ['d2'], tubes: 1, lengthM: 40 }, ...common },
    ]);
  });

  it('sends one owner’s duct path with the length typed, and without one when left empty', () => {
    const form = { ...initialForm(null, TODAY), justification: 'x' };
    const targets = [{ kind: 'duct' as const, id: 'd1', ownerOrgId: 'A', lengthM: 10 }];
    expect(requestBodies({ targets }, { ...form, lengthM: '250' }).bodies[0]?.target).toEqual({
      kind: 'duct',
      ids: ['d1'],
      tubes: 1,
      lengthM: 250,
    });
    expect(requestBodies({ targets }, { ...form, lengthM: '' }).bodies[0]).toMatchObject({
      target: { kind: 'duct', ids: ['d1'], tubes: 1 },
      source: 'map',
    });
  });

  it('refuses to send a fractional antenna count, a zero height, no reason or no target', () => {
    const form = { ...initialForm(null, TODAY), antennaCount: '1.5', mountHeightM: '0', justification: ' ' };
    const one = requestBodies({ targets: [{ kind: 'tower', id: 't1' }] }, form);
    expect(one.bodies).toEqual([]);
    expect(one.problems.map((p) => p.field)).toEqual(['justification', 'antennaCount', 'mountHeightM']);
    expect(requestBodies({ targets: [] }, form).problems.map((p) => p.field)).toEqual([
      'targets',
      'justification',
    ]);
  });
});

describe('due-date display', () => {
  it('counts calendar days left, due today, and overdue days', () => {
    expect(dueState('2026-12-01', true, TODAY)).toEqual({ kind: 'left', days: 5 });
    expect(dueState('2026-11-26', true, TODAY)).toEqual({ kind: 'today' });
    expect(dueState('2026-11-20T17:00:00Z', true, TODAY)).toEqual({ kind: 'overdue', days: 6 });
  });

  it('reads answered once the owner is no longer asked, and trusts the server’s overdue flag', () => {
    expect(dueState('2026-11-20', false, TODAY)).toEqual({ kind: 'answered' });
    expect(dueState(null, true, TODAY)).toEqual({ kind: 'answered' });
    expect(dueState('2026-11-26', true, TODAY, true)).toEqual({ kind: 'overdue', days: 0 });
  });
});

describe('oversight table rows', () => {
  const owner = (o: Partial<OwnerFigures> & { ownerOrgId: string }): OwnerFigures => ({
    ownerOrgName: o.ownerOrgId,
    received: 0,
    answered: 0,
    pending: 0,
    medianDaysToAnswer: null,
    acceptanceRate: null,
    overdue: 0,
    ...o,
  });

  it('puts the owners with overdue requests first and totals the counts', () => {
    const rows = oversightRows(
      [
        owner({
          ownerOrgId: 'a',
          received: 5,
          answered: 4,
          acceptanceRate: 0.75,
          medianDaysToAnswer: 2.5,
          pending: 1,
        }),
        owner({ ownerOrgId: 'b', received: 2, answered: 0, overdue: 2, pending: 2, ownerOrgName: 'Biển' }),
        owner({
          ownerOrgId: 'c',
          received: 5,
          answered: 1,
          acceptanceRate: 0,
          medianDaysToAnswer: 9,
          pending: 4,
        }),
      ],
      new Map([
        ['a', 'Sông Telecom'],
        ['c', 'Cảng Net'],
      ]),
      'Total',
    );
    expect(rows.map((r) => r.owner)).toEqual(['Biển', 'Cảng Net', 'Sông Telecom', 'Total']);
    expect(rows[0]).toMatchObject({ acceptancePercent: null, overdue: 2, medianDays: null });
    expect(rows[1]).toMatchObject({ acceptancePercent: 0, medianDays: 9 });
    expect(rows[2]).toMatchObject({ acceptancePercent: 75, medianDays: 2.5 });
    expect(rows[3]).toMatchObject({
      isTotal: true,
      received: 12,
      answered: 5,
      pending: 7,
      overdue: 2,
      acceptancePercent: 60,
      medianDays: null,
    });
  });
});
