/**
 * Adding, changing, importing and deleting key sites: every problem of the geometry and the
 * properties at once, the commune derived from the place, each write audited in its transaction.
 */
import {
  type Issue,
  type KeySiteFeature,
  type KeySiteGeometry,
  type KeySiteImportIssue,
  type KeySiteImportRequest,
  keySiteGeometryIssues,
  keySiteProperties,
  parseKeySiteGeometry,
  toIssues,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { auditFeature } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { readInPool } from '../../jobs/parse-pool.js';
import type { KeySiteFileRead } from './key-site-import.js';
import { deleteKeySite, findKeySite, keySiteWritableOf, saveKeySite } from './key-site-repository.js';
import { adminUnitExists, adminUnitsNamed, unitOfGeometry } from './place-repository.js';
import { type FeaturePatch, staleVersion } from './site-requests.js';

function validateKeySite(geometry: unknown, properties: unknown) {
  const issues: Issue[] = [];
  const geom = parseKeySiteGeometry(geometry);
  issues.push(...geom.issues);
  const props = keySiteProperties.safeParse(properties);
  if (!props.success) issues.push(...toIssues(props.error, ['properties']));
  // A point corridor or a line hotel: refused here, not by the table's CHECK.
  if (geom.geometry && props.success)
    issues.push(...keySiteGeometryIssues(props.data.category, geom.geometry));
  if (!geom.geometry || !props.success || issues.length > 0) throw validationFailed(issues);
  return { geometry: geom.geometry, properties: props.data };
}

/** The given unit (which must exist), else the geometry's. */
async function unitFor(
  tx: Sql,
  geometry: KeySiteGeometry,
  code: string | null | undefined,
): Promise<string | null> {
  if (code === undefined || code === null) return unitOfGeometry(tx, geometry);
  if (!(await adminUnitExists(tx, code)))
    throw validationFailed([{ path: ['properties', 'adminUnitCode'], message: 'no such admin unit' }]);
  return code;
}

export async function createKeySite(
  c: Context<AppEnv>,
  body: { geometry: unknown; properties: unknown },
): Promise<KeySiteFeature> {
  const site = validateKeySite(body.geometry, body.properties);
  return c.var.services.db.transaction(async (tx) => {
    const adminUnitCode = await unitFor(tx, site.geometry, site.properties.adminUnitCode);
    const stored = await saveKeySite(
      tx,
      crypto.randomUUID(),
      site.geometry,
      { ...site.properties, adminUnitCode },
      userOf(c),
      true,
    );
    await auditFeature(tx, c, 'key-sites', null, stored);
    return stored;
  });
}

/**
 * Applies `patch` to site `id` if it is at version `expected` (If-Match), audited: a moved site
 * gets the unit of its new place unless the patch names one.
 */
export async function updateKeySite(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  patch: FeaturePatch,
): Promise<KeySiteFeature> {
  return c.var.services.db.transaction(async (tx) => {
    const current = await findKeySite(tx, id, true);
    if (!current) throw notFound('Key site');
    if (current.properties.version !== expected) throw staleVersion('key site', current, expected);
    const site = validateKeySite(patch.geometry ?? current.geometry, {
      ...keySiteWritableOf(current),
      ...patch.properties,
    });
    const rederive = patch.geometry !== undefined && !('adminUnitCode' in patch.properties);
    const adminUnitCode = await unitFor(tx, site.geometry, rederive ? null : site.properties.adminUnitCode);
    const after = await saveKeySite(
      tx,
      id,
      site.geometry,
      { ...site.properties, adminUnitCode },
      userOf(c),
      false,
    );
    await auditFeature(tx, c, 'key-sites', current, after);
    return after;
  });
}

export async function removeKeySite(c: Context<AppEnv>, id: string): Promise<void> {
  await c.var.services.db.transaction(async (tx) => {
    const current = await findKeySite(tx, id, true);
    if (!current) throw notFound('Key site');
    await deleteKeySite(tx, id);
    await auditFeature(tx, c, 'key-sites', current, null);
  });
}

/**
 * Imports the file's rows in one transaction: the ids added in file order, or every rejected row
 * (a row naming an admin unit that does not exist included) and nothing written.
 */
export async function importKeySites(
  c: Context<AppEnv>,
  request: KeySiteImportRequest,
): Promise<{ ids: string[]; rejected: KeySiteImportIssue[] }> {
  // Read in a parse worker, never on the request thread (503 when the pool is full, 422 past a limit).
  const { sites, issues } = await readInPool<KeySiteFileRead>(c, { kind: 'key-sites', request }, 'content');
  if (issues.length > 0) return { ids: [], rejected: issues };
  return c.var.services.db.transaction(async (tx) => {
    const codes = [...new Set(sites.map((s) => s.properties.adminUnitCode).filter((x): x is string => !!x))];
    const known = new Set((await adminUnitsNamed(tx, codes)).map((r) => r.code));
    const rejected: KeySiteImportIssue[] = [];
    sites.forEach((s, i) => {
      const code = s.properties.adminUnitCode;
      if (code && !known.has(code))
        rejected.push({ row: i + 1, field: 'adminUnitCode', message: `no admin unit ${code}` });
    });
    if (rejected.length > 0) return { ids: [], rejected };
    const ids: string[] = [];
    for (const site of sites) {
      const adminUnitCode = site.properties.adminUnitCode ?? (await unitOfGeometry(tx, site.geometry));
      const stored = await saveKeySite(
        tx,
        crypto.randomUUID(),
        site.geometry,
        { ...site.properties, adminUnitCode },
        userOf(c),
        true,
      );
      await auditFeature(tx, c, 'key-sites', null, stored);
      ids.push(stored.id);
    }
    return { ids, rejected: [] };
  });
}
