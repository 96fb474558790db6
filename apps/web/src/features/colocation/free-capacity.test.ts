import { describe, expect, it } from 'vitest';
import { freeCapacity } from './free-capacity';

describe('freeCapacity', () => {
  it('counts free tenant slots on a tower', () => {
    expect(freeCapacity('tower', { tenantsMax: 4, tenantCount: 1 })).toEqual({
      free: 3,
      total: 4,
      unit: 'tenants',
    });
  });
  it('counts free attachments on a pole and tubes in a duct', () => {
    expect(freeCapacity('pole', { attachmentsMax: 6, attachmentsUsed: 6 })?.free).toBe(0);
    expect(freeCapacity('duct', { tubesTotal: 4, tubesUsed: 1 })).toEqual({
      free: 3,
      total: 4,
      unit: 'tubes',
    });
  });
  it('never reports a negative figure when more are used than the total', () => {
    expect(freeCapacity('tower', { tenantsMax: 2, tenantCount: 3 })?.free).toBe(0);
  });
  it('reads a missing used count as none used', () => {
    expect(freeCapacity('duct', { tubesTotal: 2 })?.free).toBe(2);
  });
  it('gives null without a recorded total (or one the viewer may not see)', () => {
    expect(freeCapacity('tower', { tenantCount: 1 })).toBeNull();
    expect(freeCapacity('pole', { attachmentsMax: 0 })).toBeNull();
    expect(freeCapacity('duct', { tubesTotal: 'x' })).toBeNull();
  });
});
