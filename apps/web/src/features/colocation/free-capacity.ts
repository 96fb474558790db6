/**
 * Free room on another operator's tower, pole or duct, from the figures the sharing tier shows
 * (`tenantsMax`/`tenantCount`, `attachmentsMax`/`attachmentsUsed`, `tubesTotal`/`tubesUsed`), so
 * an operator sees it before asking. The server's capacity check on the request stays the rule;
 * this is the same arithmetic on what the panel already holds.
 */
export interface FreeCapacity {
  /** Free units (never below 0). */
  free: number;
  total: number;
  /** What is counted: tenant slots on a tower, cable attachments on a pole, tubes in a duct. */
  unit: 'tenants' | 'attachments' | 'tubes';
}

const FIELDS = {
  tower: { total: 'tenantsMax', used: 'tenantCount', unit: 'tenants' },
  pole: { total: 'attachmentsMax', used: 'attachmentsUsed', unit: 'attachments' },
  duct: { total: 'tubesTotal', used: 'tubesUsed', unit: 'tubes' },
} as const;

const count = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null;

/** Null when the owner has not recorded the total (or the viewer may not see it). */
export function freeCapacity(
  kind: 'tower' | 'pole' | 'duct',
  properties: Record<string, unknown>,
): FreeCapacity | null {
  const f = FIELDS[kind];
  const total = count(properties[f.total]);
  if (total === null || total === 0) return null;
  const used = count(properties[f.used]) ?? 0;
  return { free: Math.max(0, total - used), total, unit: f.unit };
}
