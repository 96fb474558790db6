import {
  bboxParam,
  type Issue,
  KEY_SITE_CATEGORIES,
  type KeySiteCategory,
  type KeySiteFeature,
  type KeySiteStatusSummary,
  keySiteImportRequest,
  keySiteListQuery,
  keySiteProperties,
  keySiteStatusQuery,
  parseSiteGeometry,
  type SiteGeometry,
  toIssues,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { Hono } from 'hono';
import { actorsVisibleTo, auditFeature, historyBody, listHistory } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { answerFeature, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import type { RowIssue } from '../imports/field-mapping.js';
import { asObject, parseBody, userOf } from '../routes/plan-request.js';
import { keySiteFlags } from './key-site-flags.js';
import { parseKeySiteImport } from './key-site-import.js';
import { findKeySite, keySiteWritableOf, listKeySites, saveKeySite } from './key-site-store.js';
import { unitOfGeometry } from './site-sql.js';

function validateKeySite(geometry: unknown, properties: unknown) {
  const issues: Issue[] = [];
  const geom = parseSiteGeometry(geometry);
  issues.push(...geom.issues);
  const props = keySiteProperties.safeParse(properties);
  if (!props.success) issues.push(...toIssues(props.error, ['properties']));
  if (!geom.geometry || !props.success) throw validationFailed(issues);
  return { geometry: geom.geometry, properties: props.data };
}

/** The given unit (which must exist), else the geometry's. */
async function unitFor(
  tx: Sql,
  geometry: SiteGeometry,
  code: string | null | undefined,
): Promise<string | null> {
  if (code === undefined || code === null) return unitOfGeometry(tx, geometry);
  const unit = await tx.query('SELECT 1 FROM admin_units WHERE code = $1', [code]);
  if (unit.length === 0)
    throw validationFailed([{ path: ['properties', 'adminUnitCode'], message: 'no such admin unit' }]);
  return code;
}

/**
 * `/key-sites`: the register of sites Plan 317's broadband, 5G and WiFi targets count on.
 * Planners and admins write (one by one or by import); every signed-in role reads.
 * `GET /key-sites/status` adds each site's fiber/4G/5G/WiFi flags and a summary per category.
 */
export function keySiteRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const query = keySiteListQuery.safeParse(c.req.query());
    if (!query.success) throw validationFailed(toIssues(query.error));
    const bbox = query.data.bbox === undefined ? undefined : bboxParam.safeParse(query.data.bbox);
    if (bbox && !bbox.success) throw validationFailed(toIssues(bbox.error, ['bbox']));
    const features = await listKeySites(db, { ...query.data, bbox: bbox?.data });
    return c.json({ type: 'FeatureCollection', features });
  });

  // Before '/:id', so that "status" is not read as an id.
  app.get('/status', async (c) => {
    const query = keySiteStatusQuery.safeParse(c.req.query());
    if (!query.success) throw validationFailed(toIssues(query.error));
    const { commune, category, fiberDistanceM, wifiDistanceM } = query.data;
    const sites = await listKeySites(db, { commune, category });
    const flags = await keySiteFlags(db, sites, { fiberDistanceM, wifiDistanceM });
    const features = sites.map((site) => {
      const f = flags.get(site.id);
      return {
        ...site,
        properties: {
          ...site.properties,
          hasFiber: f?.hasFiber ?? false,
          has4g: f?.has4g ?? false,
          has5g: f?.has5g ?? false,
          hasWifi: f?.hasWifi ?? false,
          fiberDistanceM: f?.fiberDistanceM ?? null,
          wifiDistanceM: f?.wifiDistanceM ?? null,
        },
      };
    });
    const summary = new Map<KeySiteCategory, KeySiteStatusSummary>();
    for (const category of KEY_SITE_CATEGORIES) {
      summary.set(category, { category, total: 0, withFiber: 0, with4g: 0, with5g: 0, withWifi: 0 });
    }
    for (const { properties: p } of features) {
      const s = summary.get(p.category)!;
      s.total++;
      if (p.hasFiber) s.withFiber++;
      if (p.has4g) s.with4g++;
      if (p.has5g) s.with5g++;
      if (p.hasWifi) s.withWifi++;
    }
    return c.json({
      type: 'FeatureCollection',
      commune: commune ?? null,
      fiberDistanceM,
      wifiDistanceM,
      summary: [...summary.values()].filter((s) => s.total > 0),
      features,
    });
  });

  app.post('/import', async (c) => {
    const request = await parseBody(c, keySiteImportRequest);
    const { sites, issues } = await parseKeySiteImport(request);
    const rejected = (rows: RowIssue[]) =>
      c.json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: `Nothing was imported: ${rows.length} problem${rows.length === 1 ? '' : 's'} in the file`,
            details: rows.map((r) => ({ path: ['rows', r.row, r.field], message: r.message })),
            requestId: c.get('requestId') ?? 'unknown',
          },
          rows,
        },
        400,
      );
    if (issues.length > 0) return rejected(issues);
    const outcome = await db.transaction(async (tx) => {
      const codes = [
        ...new Set(sites.map((s) => s.properties.adminUnitCode).filter((x): x is string => !!x)),
      ];
      const known = new Set(
        (
          await tx.query<{ code: string }>('SELECT code FROM admin_units WHERE code = ANY($1::text[])', [
            `{${codes.join(',')}}`,
          ])
        ).map((r) => r.code),
      );
      const unknown: RowIssue[] = [];
      sites.forEach((s, i) => {
        const code = s.properties.adminUnitCode;
        if (code && !known.has(code))
          unknown.push({ row: i + 1, field: 'adminUnitCode', message: `no admin unit ${code}` });
      });
      if (unknown.length > 0) return { unknown, ids: [] };
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
      return { unknown: [], ids };
    });
    if (outcome.unknown.length > 0) return rejected(outcome.unknown);
    return c.json({ imported: outcome.ids.length, ids: outcome.ids }, 201);
  });

  app.get('/:id', async (c) => {
    const site = await findKeySite(db, c.req.param('id'));
    if (!site) throw notFound('Key site');
    return answerFeature(c, site);
  });

  app.get('/:id/history', async (c) => {
    const id = c.req.param('id');
    const rows = isUuid(id) ? await listHistory(db, 'key-sites', id) : [];
    if (rows.length === 0) throw notFound('Key site');
    return c.json(historyBody(rows, actorsVisibleTo(c.get('principal'))));
  });

  app.post('/', async (c) => {
    const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
    if (body.type !== 'Feature') throw validationFailed([{ path: ['type'], message: 'must be "Feature"' }]);
    const site = validateKeySite(body.geometry, body.properties ?? {});
    const created = await db.transaction(async (tx) => {
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
    return answerFeature(c, created, `/api/v1/key-sites/${created.id}`);
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    const expected = readIfMatch(c);
    const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
    const patch = body.properties === undefined ? {} : asObject(body.properties, 'an object of properties');
    const updated = await db.transaction(async (tx) => {
      const current = await findKeySite(tx, id, true);
      if (!current) throw notFound('Key site');
      if (current.properties.version !== expected) throw conflict(current, expected);
      const site = validateKeySite(body.geometry ?? current.geometry, {
        ...keySiteWritableOf(current),
        ...patch,
      });
      const rederive = body.geometry !== undefined && !('adminUnitCode' in patch);
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
    return answerFeature(c, updated);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    await db.transaction(async (tx) => {
      const current = await findKeySite(tx, id, true);
      if (!current) throw notFound('Key site');
      await tx.query('DELETE FROM key_sites WHERE id = $1', [id]);
      await auditFeature(tx, c, 'key-sites', current, null);
    });
    return c.body(null, 204);
  });

  return app;
}

function conflict(current: KeySiteFeature, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This key site is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    current,
  );
}
