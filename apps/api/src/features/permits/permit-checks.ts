import {
  type CheckedApplication,
  type CheckGeometry,
  degreesFor,
  digOnceCheck,
  duplicateCheck,
  duplicateCheckForApplicant,
  findSharingHosts,
  inBuildingSharingCheck,
  type LngLat,
  type NamedCivilWork,
  type NearbyPlanItem,
  type NearbyRecord,
  type PermitCheck,
  planConformityCheck,
  restrictedZonesCheck,
  runSelfContainedChecks,
  sharingObligationCheck,
  type TouchedZone,
  type TowerFacts,
  TowerIndex,
  topAboveGroundM,
} from '@hatang/analysis';
import { inBuildingWorksDetails, type PermitCheckConfig } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import {
  civilWorks,
  organisations,
  permitApplications,
  planItems,
  planVersions,
  planZones,
  towers,
} from '@hatang/db/schema';
import {
  and,
  asc,
  sql as drizzleSql,
  eq,
  isNull,
  lte,
  ne,
  notInArray,
  or,
  type SQLWrapper,
} from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import { z } from 'zod';
import { loadSharingTowers, unitAt } from '../sharing/tower-repository.js';
import { currentCheckConfig } from './check-config-repository.js';
import type { PermitApplication } from './permit-repository.js';

/** A zone's rules as stored (the height limit the checks read; any other rule kept). */
const zoneRules = z.object({ maxHeightM: z.number().optional() }).loose();

/** The sharing check for a tower: existing towers within the sharing distance that could host it. */
async function sharingCheck(
  sql: Sql,
  application: PermitApplication,
  tower: TowerFacts,
  config: PermitCheckConfig,
): Promise<PermitCheck> {
  const point = application.geometry.coordinates as [number, number];
  const rule = config.sharing;
  const { dLng, dLat } = degreesFor(Math.max(rule.urbanM, rule.otherM), point[1]);
  const area = [point[0] - dLng, point[1] - dLat, point[0] + dLng, point[1] + dLat] as const;
  const [unit, towers] = await Promise.all([unitAt(sql, point), loadSharingTowers(sql, ['existing'], area)]);
  const sharing = findSharingHosts(new TowerIndex(towers), {
    position: point,
    unitType: unit?.unitType ?? null,
    requiredHeightM: topAboveGroundM(tower),
    operatorId: application.applicantOrgId,
    rule,
  });
  return sharingObligationCheck(point, sharing, application.justification);
}

/**
 * The zones the works touch: global zones (set by other authorities, no plan version) and those
 * of every approved plan version.
 */
async function touchedZones(db: Sql, applicationId: string): Promise<TouchedZone[]> {
  const rows = await orm(db)
    .select({
      id: planZones.id,
      kind: planZones.kind,
      name: planZones.name,
      rules: planZones.rules,
      geometry: geoJson(planZones.geom, 7),
    })
    .from(planZones)
    .innerJoin(
      permitApplications,
      and(
        eq(permitApplications.id, applicationId),
        drizzleSql`ST_Intersects(${planZones.geom}, ${permitApplications.geom})`,
      ),
    )
    .leftJoin(planVersions, eq(planVersions.id, planZones.planVersionId))
    .where(or(isNull(planZones.planVersionId), eq(planVersions.kind, 'approved')))
    .orderBy(asc(planZones.kind), asc(planZones.name), asc(planZones.id));
  return rows.map((zone) => ({ ...zone, rules: zoneRules.parse(zone.rules) }));
}

/**
 * A stored geometry as the checks draw it: plan items are points, lines and polygons; applications
 * points and lines; towers points.
 */
function checkGeometryOf(geometry: Geometry): CheckGeometry {
  if (geometry.type === 'Point' || geometry.type === 'LineString' || geometry.type === 'Polygon')
    return geometry;
  throw new Error(`the permit checks cannot draw a ${geometry.type}`);
}

/** Items of approved plan versions within `withinM` of the works (distances in m on the spheroid). */
function nearbyPlanItems(
  db: Sql,
  applicationId: string,
  withinM: number,
  corridorM: number,
): Promise<NearbyPlanItem[]> {
  const works = permitApplications.geom;
  const item = planItems.geom;
  return orm(db)
    .select({
      id: planItems.id,
      kind: planItems.kind,
      name: planItems.name,
      distanceM: drizzleSql`ST_Distance(${item}::geography, ${works}::geography)`.mapWith(Number),
      coversWorks: drizzleSql`(GeometryType(${works}) = 'LINESTRING' AND GeometryType(${item}) = 'LINESTRING'
        AND ST_Covers(ST_Buffer(${item}::geography, ${corridorM})::geometry, ${works}))`.mapWith(Boolean),
      geometry: geoJson(item, 7),
    })
    .from(permitApplications)
    .innerJoin(planItems, drizzleSql`ST_DWithin(${item}::geography, ${works}::geography, ${withinM})`)
    .innerJoin(
      planVersions,
      and(eq(planVersions.id, planItems.planVersionId), eq(planVersions.kind, 'approved')),
    )
    .where(eq(permitApplications.id, applicationId))
    .then((rows) => rows.map((row) => ({ ...row, geometry: checkGeometryOf(row.geometry) })));
}

/**
 * Live applications of the same kind, and towers of the register (for a tower), at the same
 * place: a point within `withinM` (for in-building works: the same building), or a line whose two
 * ends are each within `withinM`.
 * Another organisation's drafts do not count: a draft is not filed (its organisation may still
 * drop or move it), and counting it would let a rival locate it by probing with its own drafts.
 * The applicant's own drafts count (the same works drafted twice).
 */
async function nearbyRecords(db: Sql, applicationId: string, withinM: number): Promise<NearbyRecord[]> {
  const works = permitApplications;
  const other = alias(permitApplications, 'o');
  const q = orm(db);
  const near = (geom: SQLWrapper) =>
    drizzleSql`ST_DWithin(${geom}::geography, ${works.geom}::geography, ${withinM})`;
  const applications = q
    .select({
      source: drizzleSql<NearbyRecord['source']>`'application'`.as('source'),
      id: other.id,
      label: other.title,
      distanceM: drizzleSql<number>`CASE WHEN GeometryType(${works.geom}) = 'POINT'
        THEN ST_Distance(${works.geom}::geography, ${other.geom}::geography)
        ELSE GREATEST(ST_Distance(ST_StartPoint(${works.geom})::geography, ST_StartPoint(${other.geom})::geography),
                      ST_Distance(ST_EndPoint(${works.geom})::geography, ST_EndPoint(${other.geom})::geography)) END`
        .mapWith(Number)
        .as('distanceM'),
      geometry: geoJson(other.geom, 7).as('geometry'),
      isOthers: drizzleSql`${other.applicantOrgId} <> ${works.applicantOrgId}`
        .mapWith(Boolean)
        .as('isOthers'),
    })
    .from(works)
    .innerJoin(
      other,
      and(
        ne(other.id, works.id),
        eq(other.kind, works.kind),
        notInArray(other.status, ['withdrawn', 'rejected']),
        or(ne(other.status, 'draft'), eq(other.applicantOrgId, works.applicantOrgId)),
        near(other.geom),
      ),
    )
    .where(eq(works.id, applicationId));
  const assets = q
    .select({
      source: drizzleSql<NearbyRecord['source']>`'asset'`.as('source'),
      id: towers.id,
      label: towers.code,
      distanceM: drizzleSql<number>`ST_Distance(${works.geom}::geography, ${towers.geom}::geography)`
        .mapWith(Number)
        .as('distanceM'),
      geometry: geoJson<Geometry>(towers.geom, 7).as('geometry'),
      isOthers: drizzleSql`false`.mapWith(Boolean).as('isOthers'),
    })
    .from(works)
    .innerJoin(towers, and(eq(works.kind, 'tower'), ne(towers.status, 'decommissioned'), near(towers.geom)))
    .where(eq(works.id, applicationId));
  const records = unionAll(applications, assets).as('r');
  const rows = await q
    .select()
    .from(records)
    .where(lte(records.distanceM, withinM))
    .orderBy(asc(records.distanceM))
    .limit(20);
  return rows.map((row) => ({ ...row, geometry: checkGeometryOf(row.geometry) }));
}

/** Civil works not decommissioned near duct works, for the dig-once check. */
async function nearbyCivilWorks(db: Sql, applicationId: string, withinM: number): Promise<NamedCivilWork[]> {
  const rows = await orm(db)
    .select({
      id: civilWorks.id,
      ownerOrgId: civilWorks.ownerOrgId,
      sector: civilWorks.sector,
      name: civilWorks.name,
      ownerName: organisations.name,
      startsOn: civilWorks.startsOn,
      endsOn: civilWorks.endsOn,
      geometry: geoJson(civilWorks.geom, 7),
    })
    .from(permitApplications)
    .innerJoin(
      civilWorks,
      and(
        ne(civilWorks.status, 'decommissioned'),
        drizzleSql`ST_DWithin(${civilWorks.geom}::geography, ${permitApplications.geom}::geography, ${withinM})`,
      ),
    )
    .innerJoin(organisations, eq(organisations.id, civilWorks.ownerOrgId))
    .where(eq(permitApplications.id, applicationId));
  return rows.map(({ geometry, ...work }) => ({
    ...work,
    coordinates: geometry.coordinates.map(([lng = 0, lat = 0]): LngLat => [lng, lat]),
  }));
}

async function digOnce(
  sql: Sql,
  application: PermitApplication,
  config: PermitCheckConfig,
): Promise<PermitCheck> {
  if (application.kind !== 'duct_works') {
    return {
      check: 'dig-once',
      result: 'not_applicable',
      reason: {
        vi: 'Chỉ áp dụng cho công trình cống bể, hào cáp',
        en: 'Applies to duct and trench works only',
      },
    };
  }
  const details = application.details as { startsOn: string; endsOn: string };
  const options = config.digOnce;
  return digOnceCheck(
    {
      coordinates: application.geometry.coordinates as LngLat[],
      startsOn: details.startsOn,
      endsOn: details.endsOn,
      ownerOrgId: application.applicantOrgId,
    },
    await nearbyCivilWorks(sql, application.id, options.bufferM * 2),
    options,
  );
}

/**
 * The results of one run: `checks` as the applicant (and anyone but city staff) may see them,
 * `staffChecks` as the Construction Department sees them (the duplicate check names other
 * organisations' applications only there), and the configuration version they used.
 */
export interface CheckRun {
  checks: PermitCheck[];
  staffChecks: PermitCheck[];
  configVersion: number;
}

/**
 * Runs every automatic check on the application as stored (in the caller's transaction) with the
 * current configuration.
 */
export async function runPermitChecks(sql: Sql, application: PermitApplication): Promise<CheckRun> {
  const subject = {
    kind: application.kind,
    geometry: application.geometry,
    details: application.details,
  } as CheckedApplication;
  const tower = application.kind === 'tower' ? (application.details as unknown as TowerFacts) : null;
  const { params: config, version: configVersion } = await currentCheckConfig(sql);
  const approved = await orm(sql)
    .select({ id: planVersions.id })
    .from(planVersions)
    .where(eq(planVersions.kind, 'approved'))
    .limit(1);
  const withinM = Math.max(config.plan.towerSiteToleranceM, config.plan.routeCorridorM);
  const common: PermitCheck[] = [
    planConformityCheck(
      application.kind,
      approved.length > 0,
      await nearbyPlanItems(sql, application.id, withinM, config.plan.routeCorridorM),
      config.plan.towerSiteToleranceM,
    ),
    restrictedZonesCheck(application.kind, tower, await touchedZones(sql, application.id)),
    tower
      ? await sharingCheck(sql, application, tower, config)
      : {
          check: 'sharing-obligation',
          result: 'not_applicable',
          reason: { vi: 'Chỉ áp dụng cho trạm/cột ăng-ten', en: 'Applies to towers only' },
        },
    await digOnce(sql, application, config),
    ...runSelfContainedChecks(subject, config),
    // In-building works only: the other kinds keep their eight checks.
    ...(application.kind === 'in_building'
      ? [inBuildingSharingCheck(inBuildingWorksDetails.parse(application.details), config)]
      : []),
  ];
  const nearby = await nearbyRecords(sql, application.id, config.duplicateDistanceM);
  return {
    checks: [...common, duplicateCheckForApplicant(nearby, config.duplicateDistanceM)],
    staffChecks: [...common, duplicateCheck(nearby, config.duplicateDistanceM)],
    configVersion,
  };
}

/**
 * Stores the results with the application (the applicant's view in `checks`, which every answer
 * path reads; the staff view in `staff_checks`, read only for city staff); `bumpVersion` when the
 * checks alone change the record (on demand), not when they come with a transition that already
 * bumped it (submit).
 */
export async function storeChecks(sql: Sql, id: string, run: CheckRun, bumpVersion: boolean): Promise<void> {
  await orm(sql)
    .update(permitApplications)
    .set({
      checks: run.checks,
      staffChecks: run.staffChecks,
      checkedAt: drizzleSql`now()`,
      checkConfigVersion: run.configVersion,
      ...(bumpVersion ? { version: drizzleSql`${permitApplications.version} + 1` } : {}),
      updatedAt: drizzleSql`now()`,
    })
    .where(eq(permitApplications.id, id));
}
