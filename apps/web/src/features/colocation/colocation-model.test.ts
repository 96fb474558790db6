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

  it('makes one body per tower and pole and one for the whole duct path', () => {
    const form = { ...initialForm(null, TODAY), antennaCount: '2', mountHeightM: '27,5', tubes: '1' };
    const { bodies, problems } = requestBodies(
      [
        { kind: 'tower', id: 't1' },
        { kind: 'pole', id: 'p1' },
        { kind: 'duct', id: 'd1' },
        { kind: 'duct', id: 'd2' },
        { kind: 'duct', id: 'd1' },
      ],
      { ...form, justification: '  route A → B ', lengthM: '' },
    );
    expect(problems).toEqual([]);
    expect(bodies).toEqual([
      {
        target: { kind: 'tower', id: 't1' },
        technology: '4G',
        antennaCount: 2,
        mountHeightM: 27.5,
        justification: 'route A → B',
        desiredStartDate: '2026-12-26',
      },
      {
        target: { kind: 'pole', id: 'p1' },
        attachmentCount: 1,
        justification: 'route A → B',
        desiredStartDate: '2026-12-26',
      },
      {
        target: { kind: 'duct', ids: ['d1', 'd2'] },
        tubes: 1,
        justification: 'route A → B',
        desiredStartDate: '2026-12-26',
      },
    ]);
  });

  it('refuses to send a fractional antenna count, a zero height or no target', () => {
    const form = { ...initialForm(null, TODAY), antennaCount: '1.5', mountHeightM: '0' };
    const one = requestBodies([{ kind: 'tower', id: 't1' }], form);
    expect(one.bodies).toEqual([]);
    expect(one.problems.map((p) => p.field)).toEqual(['antennaCount', 'mountHeightM']);
    expect(requestBodies([], form).problems.map((p) => p.field)).toEqual(['targets']);
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
    received: 0,
    answered: 0,
    accepted: 0,
    medianDaysToAnswer: null,
    overdue: 0,
    pending: 0,
    ...o,
  });

  it('puts the owners with overdue requests first and totals the counts', () => {
    const rows = oversightRows(
      [
        owner({
          ownerOrgId: 'a',
          received: 5,
          answered: 4,
          accepted: 3,
          medianDaysToAnswer: 2.5,
          pending: 1,
        }),
        owner({ ownerOrgId: 'b', received: 2, answered: 0, overdue: 2, pending: 2, ownerName: 'Biển' }),
        owner({ ownerOrgId: 'c', received: 5, answered: 1, accepted: 0, medianDaysToAnswer: 9, pending: 4 }),
      ],
      new Map([
        ['a', 'Sông Telecom'],
        ['c', 'Cảng Net'],
      ]),
      'Total',
    );
    expect(rows.map((r) => r.owner)).toEqual(['Biển', 'Cảng Net', 'Sông Telecom', 'Total']);
    expect(rows[0]).toMatchObject({ acceptancePercent: null, overdue: 2, medianDays: null });
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
