import { DEFAULT_PERMIT_CHECK_CONFIG } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { inBuildingSharingCheck } from './in-building-sharing.js';
import { planConformityCheck } from './plan-conformity.js';
import { restrictedZonesCheck } from './restricted-zones.js';
import { runSelfContainedChecks } from './run-permit-checks.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('shared in-building systems (plan 317 V.1)', () => {
  it('warns about a system not shared in an apartment building, citing the plan and no article', () => {
    const check = inBuildingSharingCheck({ buildingType: 'apartment', isShared: false, operatorOrgIds: [A] });
    expect(check.check).toBe('in-building-sharing');
    expect(check.result).toBe('warn');
    expect(check.reason.vi).toContain('Kế hoạch 317, mục V.1');
    expect(check.reason.vi).toContain('nhà chung cư, công trình công cộng');
    expect(check.reason.vi).toContain('chưa ban hành');
    expect(check.reason.en).toContain('Plan 317, section V.1 asks the city to regulate');
    expect(check.reason.en).toContain('shared systems serving several operators are preferred');
    expect(check.reason.en).not.toMatch(/art(icle|\.)/i);
    expect(check.geometry).toBeUndefined();
  });

  it('passes a system shared by several operators', () => {
    const check = inBuildingSharingCheck({
      buildingType: 'hospital',
      isShared: true,
      operatorOrgIds: [A, B],
    });
    expect(check.result).toBe('pass');
    expect(check.reason.en).toContain('shared by 2 operators');
  });

  it('does not apply to building types outside the configured list', () => {
    const check = inBuildingSharingCheck({ buildingType: 'office', isShared: false, operatorOrgIds: [] });
    expect(check.result).toBe('not_applicable');
  });

  it('takes its building types and its result from the configuration', () => {
    const config = {
      ...DEFAULT_PERMIT_CHECK_CONFIG,
      inBuilding: { sharedPreferredFor: ['office' as const], notSharedResult: 'fail' as const },
    };
    expect(
      inBuildingSharingCheck({ buildingType: 'office', isShared: false, operatorOrgIds: [] }, config).result,
    ).toBe('fail');
    expect(
      inBuildingSharingCheck({ buildingType: 'apartment', isShared: false, operatorOrgIds: [] }, config)
        .result,
    ).toBe('not_applicable');
  });

  it('leaves the outdoor checks not applicable to works inside a building', () => {
    expect(planConformityCheck('in_building', true, [], 50).result).toBe('not_applicable');
    const zone = {
      id: 'z',
      kind: 'restricted',
      name: 'Di tích',
      rules: {},
      geometry: { type: 'Polygon' as const, coordinates: [] },
    };
    expect(restrictedZonesCheck('in_building', null, [zone]).result).toBe('not_applicable');
    const self = runSelfContainedChecks({
      kind: 'in_building',
      geometry: { type: 'Point', coordinates: [106.68, 20.86] },
      details: {},
    });
    expect(self.map((c) => c.result)).toEqual([
      'not_applicable',
      'not_applicable',
      'not_applicable',
      'not_applicable',
    ]);
  });
});
