/**
 * Coverage analysis under /api/v1/analysis: `POST /coverage` starts a job (202 with its id, or
 * the cached job for the same request and data version), `GET /coverage/:jobId` reports its
 * progress and, when done, the commune summary, gap polygons and candidate sites; its requester
 * may cancel it. `/coverage-polygons`: operators' own coverage per technology (`PUT`/`DELETE
 * /coverage-polygons/:operatorId/:technology`), which replaces the radius model for that pair in
 * the next run (the data version changes, so no cached result is reused).
 */
import { analysisEndpoints as endpoints, geometryOf, type Issue, toIssues } from '@hatang/contracts';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { Principal } from '../../auth/principal.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { isUuid, readJsonBody } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { assertMayTouch } from '../../policy/grant.js';
import { ANALYSTS, ASSET_EDITORS } from '../../policy/rules.js';
import { coverageRequestFor, isCoverageStaff } from './coverage-access.js';
import {
  deleteCoveragePolygon,
  findCoveragePolygon,
  isTechnology,
  listCoveragePolygons,
  operatorExists,
  saveCoveragePolygon,
} from './coverage-polygons.js';

const POLYGON_TECHNOLOGIES = "'2G', '3G', '4G', '5G-sub6' or '5G-mmWave'";

/** The operator and technology of a coverage-polygon path; operator editors only their own. */
function polygonTarget(c: Context<AppEnv>) {
  const operatorId = c.req.param('operatorId') ?? '';
  const technology = c.req.param('technology') ?? '';
  const issues: Issue[] = [];
  if (!isUuid(operatorId)) issues.push({ path: ['operatorId'], message: 'must be a UUID' });
  if (!isTechnology(technology))
    issues.push({ path: ['technology'], message: `must be ${POLYGON_TECHNOLOGIES}` });
  if (issues.length || !isTechnology(technology)) throw validationFailed(issues);
  assertMayTouch(c.get('grant'), operatorId);
  return { operatorId, technology };
}

/** A Polygon or MultiPolygon, bare or as a Feature (whose `properties.source` is kept). */
function uploadedGeometry(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw validationFailed([{ path: [], message: 'must be a GeoJSON Polygon, MultiPolygon or Feature' }]);
  const record = body as Record<string, unknown>;
  const isFeature = record.type === 'Feature';
  const geometry = isFeature ? record.geometry : body;
  const prefix = isFeature ? ['geometry'] : [];
  const properties = isFeature ? record.properties : undefined;
  const rawSource =
    typeof properties === 'object' && properties !== null
      ? (properties as Record<string, unknown>).source
      : undefined;
  const issues: Issue[] = [];
  if (
    rawSource !== undefined &&
    rawSource !== null &&
    (typeof rawSource !== 'string' || rawSource.length > 500)
  )
    issues.push({ path: ['properties', 'source'], message: 'must be a text of at most 500 characters' });
  const type = (geometry as { type?: unknown } | null)?.type;
  const parsed = geometryOf(type === 'MultiPolygon' ? 'MultiPolygon' : 'Polygon').safeParse(geometry);
  if (!parsed.success) issues.push(...toIssues(parsed.error, prefix));
  if (issues.length || !parsed.success) throw validationFailed(issues);
  return { geometry: parsed.data, source: typeof rawSource === 'string' ? rawSource : null };
}

/** Coverage jobs belong to a user (the policy lets only signed-in users run them). */
function ownerOf(principal: Principal | undefined): string {
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to run coverage analyses');
  return principal.userId;
}

// Running an analysis changes no data: a read (so read-only API keys may run it).
const analysis = { resource: 'analysis', rule: ANALYSTS } as const;
// Operators' own coverage polygons: city planners for anyone, an operator for itself only.
const polygons = 'coverage-polygons';

export const analysisRoutes = [
  defineRoute(endpoints.startCoverage, { ...analysis, action: 'read' }, async (c, { body }) => {
    const principal = c.get('principal');
    const { request, radiusFloorM } = coverageRequestFor(principal, body);
    const job = await c.var.services.coverage.start(request, ownerOf(principal));
    c.header('Location', `/api/v1/analysis/coverage/${job.jobId}`);
    return reply(c, endpoints.startCoverage, 202, {
      jobId: job.jobId,
      status: job.status,
      progress: job.progress,
      ...(radiusFloorM === undefined ? {} : { radiusFloorM }),
    });
  }),
  // A job is its requester's: anyone else gets the 404 of a job that does not exist.
  defineRoute(endpoints.getCoverageJob, { ...analysis, action: 'read' }, async (c, { params }) => {
    const job = await c.var.services.coverage.get(params.jobId, ownerOf(c.get('principal')));
    if (!job) throw notFound('Coverage job');
    return reply(c, endpoints.getCoverageJob, 200, job);
  }),
  // The requester stops a queued or running job (closing the analysis panel does this too).
  // Cancelling one's own analysis changes no data (the job is the requester's alone): a read.
  defineRoute(endpoints.cancelCoverageJob, { ...analysis, action: 'read' }, async (c, { params }) => {
    const owner = ownerOf(c.get('principal'));
    const { coverage } = c.var.services;
    if (!(await coverage.get(params.jobId, owner))) throw notFound('Coverage job');
    await coverage.cancel(params.jobId, owner);
    return c.body(null, 204);
  }),
  // An uploaded polygon is one operator's measured network: its own, or city staff's.
  defineRoute(
    endpoints.listCoveragePolygons,
    { resource: polygons, action: 'read', rule: ANALYSTS },
    async (c) => {
      const principal = c.get('principal');
      const all = await listCoveragePolygons(c.var.services.db);
      const features = isCoverageStaff(principal)
        ? all
        : all.filter((f) => f.properties.operatorId === principal?.orgId);
      return reply(c, endpoints.listCoveragePolygons, 200, { type: 'FeatureCollection', features });
    },
  ),
  defineRoute(
    endpoints.putCoveragePolygon,
    { resource: polygons, action: 'update', rule: ASSET_EDITORS },
    async (c) => {
      const { operatorId, technology } = polygonTarget(c);
      const upload = uploadedGeometry(await readJsonBody(c));
      const { db } = c.var.services;
      if (!(await operatorExists(db, operatorId))) throw notFound('Operator');
      const principal = c.get('principal');
      const { saved, created } = await db.transaction(async (tx) => {
        const before = await findCoveragePolygon(tx, operatorId, technology, true);
        const after = await saveCoveragePolygon(
          tx,
          operatorId,
          technology,
          upload.geometry,
          upload.source,
          principal?.displayName ?? null,
        );
        await recordAudit(tx, c, {
          resource: polygons,
          recordId: after.id,
          action: before ? 'update' : 'create',
          version: 1,
          before: before ?? null,
          after,
        });
        return { saved: after, created: !before };
      });
      return created
        ? reply(c, endpoints.putCoveragePolygon, 201, saved)
        : reply(c, endpoints.putCoveragePolygon, 200, saved);
    },
  ),
  defineRoute(
    endpoints.deleteCoveragePolygon,
    { resource: polygons, action: 'delete', rule: ASSET_EDITORS },
    async (c) => {
      const { operatorId, technology } = polygonTarget(c);
      await c.var.services.db.transaction(async (tx) => {
        const before = await findCoveragePolygon(tx, operatorId, technology, true);
        if (!before) throw notFound('Coverage polygon');
        await deleteCoveragePolygon(tx, before.id);
        await recordAudit(tx, c, {
          resource: polygons,
          recordId: before.id,
          action: 'delete',
          version: 1,
          before,
          after: null,
        });
      });
      return c.body(null, 204);
    },
  ),
];
