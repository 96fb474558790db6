import {
  type CheckedApplication,
  DEFAULT_PERMIT_CHECK_CONFIG,
  type PermitCheck,
  restrictedZonesCheck,
  runSelfContainedChecks,
  type TouchedZone,
  type TowerFacts,
} from '@hatang/analysis';
import type { Sql } from '@hatang/db';
import type { PermitApplication } from './permit-store.js';

/**
 * The zones the works touch: global zones (set by other authorities, no plan version) and those
 * of every approved plan version.
 */
function touchedZones(sql: Sql, applicationId: string): Promise<TouchedZone[]> {
  return sql.query<TouchedZone>(
    `SELECT z.id::text AS id, z.kind, z.name, z.rules, ST_AsGeoJSON(z.geom, 7)::jsonb AS geometry
     FROM plan_zones z JOIN permit_applications a ON a.id = $1 AND ST_Intersects(z.geom, a.geom)
     LEFT JOIN plan_versions v ON v.id = z.plan_version_id
     WHERE z.plan_version_id IS NULL OR v.kind = 'approved'
     ORDER BY z.kind, z.name, z.id`,
    [applicationId],
  );
}

/** Runs every automatic check on the application as stored (in the caller's transaction). */
export async function runPermitChecks(sql: Sql, application: PermitApplication): Promise<PermitCheck[]> {
  const subject = {
    kind: application.kind,
    geometry: application.geometry,
    details: application.details,
  } as CheckedApplication;
  const tower = application.kind === 'tower' ? (application.details as unknown as TowerFacts) : null;
  return [
    ...runSelfContainedChecks(subject, DEFAULT_PERMIT_CHECK_CONFIG),
    restrictedZonesCheck(application.kind, tower, await touchedZones(sql, application.id)),
  ];
}

/**
 * Stores the results with the application; `bumpVersion` when the checks alone change the record
 * (on demand), not when they come with a transition that already bumped it (submit).
 */
export async function storeChecks(
  sql: Sql,
  id: string,
  checks: PermitCheck[],
  bumpVersion: boolean,
): Promise<void> {
  await sql.query(
    `UPDATE permit_applications SET checks = $2::text::jsonb, checked_at = now(),
       version = version + CASE WHEN $3 THEN 1 ELSE 0 END, updated_at = now()
     WHERE id = $1`,
    [id, JSON.stringify(checks), bumpVersion],
  );
}
