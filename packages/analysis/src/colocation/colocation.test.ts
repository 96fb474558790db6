import { describe, expect, it } from 'vitest';
import { ductPathCapacity, poleCapacity, towerCapacity } from './capacity.js';
import { costBasedRent } from './rent.js';
import { addWorkingDays, vietnamDate, workingDaysBetween } from './working-days.js';

const A = 'operator-a';
const B = 'operator-b';
const tower = {
  id: 't1',
  ownerOrgId: B,
  status: 'existing' as const,
  heightM: 30,
  antennaSlotsTotal: 9,
  tenantsMax: 2,
  tenants: [{ operatorOrgId: B, antennaCount: 6 }],
};

describe('tower capacity', () => {
  it('fits a new tenant with free slots below the top', () => {
    expect(towerCapacity(tower, { requesterOrgId: A, antennaCount: 3, mountHeightM: 28 })).toEqual({
      fits: true,
      reasons: [],
    });
  });
  it('flags a full tower, too few antenna positions and a mount above the top, each with its reason', () => {
    const full = { ...tower, tenants: [...tower.tenants, { operatorOrgId: 'c', antennaCount: 2 }] };
    const v = towerCapacity(full, { requesterOrgId: A, antennaCount: 3, mountHeightM: 31 });
    expect(v.fits).toBe(false);
    expect(v.reasons.map((r) => r.code)).toEqual([
      'tenants_full',
      'antenna_slots_full',
      'mount_height_above_tower',
    ]);
    expect(v.reasons[1]?.message.en).toBe('Not enough antenna positions free: 3 needed, 1 free');
  });
  it('needs no new tenant slot for an operator already on the tower', () => {
    const full = { ...tower, tenants: [...tower.tenants, { operatorOrgId: A, antennaCount: 1 }] };
    expect(towerCapacity(full, { requesterOrgId: A, antennaCount: 2, mountHeightM: 20 }).fits).toBe(true);
  });
  it("refuses the requester's own tower", () => {
    expect(
      towerCapacity(tower, { requesterOrgId: B, antennaCount: 1, mountHeightM: 20 }).reasons[0]?.code,
    ).toBe('own_asset');
  });
});

describe('pole and duct capacity', () => {
  const pole = { id: 'p', ownerOrgId: B, status: 'existing' as const, attachmentsUsed: 6, attachmentsMax: 6 };
  it('flags a pole with no free attachment', () => {
    expect(poleCapacity(pole, { requesterOrgId: A, attachmentCount: 1 }).reasons.map((r) => r.code)).toEqual([
      'pole_full',
    ]);
    expect(
      poleCapacity({ ...pole, attachmentsUsed: 5 }, { requesterOrgId: A, attachmentCount: 1 }).fits,
    ).toBe(true);
  });
  it('flags only the full segment of a duct path', () => {
    const seg = (id: string, used: number) => ({
      id,
      code: id,
      ownerOrgId: B,
      status: 'existing' as const,
      tubesUsed: used,
      tubesTotal: 4,
    });
    const v = ductPathCapacity([seg('d1', 1), seg('d2', 3), seg('d3', 0)], { requesterOrgId: A, tubes: 2 });
    expect(v.fits).toBe(false);
    expect(v.reasons.map((r) => r.assetId)).toEqual(['d2']);
  });
});

describe('cost-based rent (JC 210/2013)', () => {
  it('depreciates, adds O&M, divides among tenants and adds the margin', () => {
    // 1 200 000 000 / 15 = 80 000 000; + 48 000 000 O&M = 128 000 000; / 2 = 64 000 000; × 1.1 = 70 400 000.
    const r = costBasedRent({
      investmentVnd: 1_200_000_000,
      lifeYears: 15,
      omPerYearVnd: 48_000_000,
      tenants: 2,
      shares: 1,
      profitMarginPct: 10,
    });
    expect(r.depreciationPerYearVnd).toBe(80_000_000);
    expect(r.costPerYearVnd).toBe(128_000_000);
    expect(r.costPerShareVnd).toBe(64_000_000);
    expect(r.rentPerYearVnd).toBe(70_400_000);
    expect(r.rentPerMonthVnd).toBe(5_866_667);
    expect(r.formula.en).toContain('210/2013');
  });
  it('charges per share taken (tubes, attachments)', () => {
    const r = costBasedRent({
      investmentVnd: 1000,
      lifeYears: 10,
      omPerYearVnd: 0,
      tenants: 4,
      shares: 2,
      profitMarginPct: 0,
    });
    expect(r.rentPerYearVnd).toBe(50);
  });
});

describe('working days', () => {
  it('skips weekends (public holidays are not deducted)', () => {
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-26', 15)).toBe('2026-12-17'); // Thursday + 3 weeks
    expect(workingDaysBetween('2026-11-27', '2026-12-01')).toBe(2);
    expect(workingDaysBetween('2026-12-01', '2026-11-27')).toBe(0);
  });
  it('reads instants as Vietnamese calendar dates (UTC+7)', () => {
    expect(vietnamDate(new Date('2026-11-26T17:30:00Z'))).toBe('2026-11-27');
  });
});
