/**
 * `/sharing/campaign/…`: the overhead cable cleanup campaign (issue 8, item 5). Planners put
 * undergrounding candidates into it with a planned year and move each stretch through planned →
 * in progress → done; everyone who may read the sharing finders reads the campaign. Every write is
 * one audited transaction; edits carry If-Match (the stretch's version).
 */
import type { UndergroundingCandidate } from '@hatang/analysis';
import { type CampaignStatus, sharingEndpoints as endpoints } from '@hatang/contracts';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { etag, readIfMatch } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { csvResponse, geoJsonResponse, toCsv, toGeoJson } from '../../http/downloads.js';
import { userOf } from '../../http/request-input.js';
import { tierFor } from '../../policy/confidentiality.js';
import {
  type CampaignSegment,
  campaignSummary,
  deleteCampaignSegment,
  existingStretches,
  findCampaignSegment,
  insertCampaignSegment,
  listCampaign,
  stretchKey,
  updateCampaignSegment,
} from './campaign-repository.js';
import { ANALYSTS, CAMPAIGN_EDITORS } from './sharing-access.js';
import { findUndergroundingCandidates } from './undergrounding-candidates.js';

const AUDIT_RESOURCE = 'undergrounding-campaign';

/**
 * The stretch as the viewer may see it. The cable's owner is public and its code is at the
 * sharing tier (operators and inspectors see it, as on the asset routes); the city's notes and who
 * edited the row are the city's own business: only full-tier viewers (admins, planners, reviewers)
 * and the cable's owner see them.
 */
function shown(c: Context<AppEnv>, segment: CampaignSegment): CampaignSegment {
  const tier = tierFor(c.get('principal'), segment.properties.ownerOrgId);
  if (tier === 'full') return segment;
  const { note: _n, createdBy: _c, updatedBy: _u, ...rest } = segment.properties;
  const properties = { ...rest, note: null, createdBy: null, updatedBy: null };
  if (tier === 'public') properties.cableCode = null;
  return { ...segment, properties };
}

/** A 409 carrying the stretch as the viewer may see it now. */
const stale = (c: Context<AppEnv>, current: CampaignSegment, expected: number) =>
  new ApiError(
    409,
    'VERSION_CONFLICT',
    `This stretch is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    shown(c, current),
  );

const km = (m: number) => Math.round(m) / 1000;

export const CAMPAIGN_CSV_COLUMNS = [
  { header: 'id', value: (s: CampaignSegment) => s.id },
  { header: 'street_name', value: (s: CampaignSegment) => s.properties.streetName },
  { header: 'street_class', value: (s: CampaignSegment) => s.properties.streetClass },
  { header: 'commune_code', value: (s: CampaignSegment) => s.properties.unitCode },
  { header: 'cable_code', value: (s: CampaignSegment) => s.properties.cableCode },
  { header: 'owner_code', value: (s: CampaignSegment) => s.properties.ownerCode },
  { header: 'owner_name', value: (s: CampaignSegment) => s.properties.ownerName },
  { header: 'length_m', value: (s: CampaignSegment) => s.properties.lengthM },
  { header: 'planned_year', value: (s: CampaignSegment) => s.properties.plannedYear },
  { header: 'status', value: (s: CampaignSegment) => s.properties.status },
  { header: 'note', value: (s: CampaignSegment) => s.properties.note },
  { header: 'updated_at', value: (s: CampaignSegment) => s.properties.updatedAt },
];

const READ = { resource: AUDIT_RESOURCE, action: 'read', rule: ANALYSTS } as const;

// Order matters to the authorisation matrix's attempt maker: add, change, then remove.
export const campaignRoutes = [
  defineRoute(endpoints.listCampaign, READ, async (c, { query }) => {
    const segments = (await listCampaign(c.var.services.db, query)).map((s) => shown(c, s));
    if (query.format === 'csv')
      return csvResponse(c, 'undergrounding-campaign', toCsv(segments, CAMPAIGN_CSV_COLUMNS));
    if (query.format === 'geojson')
      return geoJsonResponse(c, 'undergrounding-campaign', toGeoJson(segments, 'undergrounding-campaign'));
    return reply(c, endpoints.listCampaign, 200, {
      type: 'FeatureCollection',
      totalLengthM: Math.round(segments.reduce((sum, s) => sum + s.properties.lengthM, 0) * 10) / 10,
      features: segments,
    });
  }),

  defineRoute(endpoints.campaignSummary, READ, async (c, { query }) => {
    const years = await campaignSummary(c.var.services.db, query);
    const sum = (pick: (y: (typeof years)[number]) => number) =>
      Math.round(years.reduce((s, y) => s + pick(y), 0) * 10) / 10;
    const totals = {
      segments: years.reduce((s, y) => s + y.segments, 0),
      plannedM: sum((y) => y.plannedM),
      inProgressM: sum((y) => y.inProgressM),
      doneM: sum((y) => y.doneM),
      totalM: sum((y) => y.totalM),
    };
    return reply(c, endpoints.campaignSummary, 200, {
      years: years.map((y) => ({ ...y, plannedKm: km(y.plannedM), doneKm: km(y.doneM) })),
      totals: { ...totals, plannedKm: km(totals.plannedM), doneKm: km(totals.doneM) },
    });
  }),

  defineRoute(
    endpoints.addToCampaign,
    { resource: AUDIT_RESOURCE, action: 'create', rule: CAMPAIGN_EDITORS },
    async (c, { body }) => {
      const db = c.var.services.db;
      const distanceM = body.distanceM ?? 10;
      // Each stretch must be a candidate now: find it again with the same finder around it.
      const found: {
        input: (typeof body.segments)[number];
        match: UndergroundingCandidate;
        key: string;
      }[] = [];
      const issues: { path: (string | number)[]; message: string }[] = [];
      const seen = new Set<string>();
      for (const [i, s] of body.segments.entries()) {
        const key = stretchKey(s.coordinates);
        if (seen.has(`${s.cableRouteId}:${key}`)) {
          issues.push({ path: ['segments', i], message: 'the same stretch is given twice' });
          continue;
        }
        seen.add(`${s.cableRouteId}:${key}`);
        const lngs = s.coordinates.map((p) => p[0]);
        const lats = s.coordinates.map((p) => p[1]);
        const bbox = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)] as const;
        const candidates = await findUndergroundingCandidates(db, { distanceM, minLengthM: 0, bbox });
        const match = candidates.find(
          (x) => x.cableRouteId === s.cableRouteId && stretchKey(x.coordinates) === key,
        );
        if (!match) {
          issues.push({
            path: ['segments', i, 'coordinates'],
            message: `not an undergrounding candidate of this cable (within ${distanceM} m of a spare duct or planned civil work)`,
          });
          continue;
        }
        found.push({ input: s, match, key });
      }
      if (issues.length) throw validationFailed(issues);
      const existing = await existingStretches(
        db,
        found.map((f) => ({ cableRouteId: f.input.cableRouteId, key: f.key })),
      );
      const twice = found
        .map((f, i) => ({ f, i }))
        .filter(({ f }) => existing.has(`${f.input.cableRouteId}:${f.key}`));
      if (twice.length)
        throw new ApiError(
          409,
          'CONFLICT',
          `${twice.length} of these stretches ${twice.length === 1 ? 'is' : 'are'} already in the campaign`,
          twice.map(({ i }) => ({ path: ['segments', i], message: 'already in the campaign' })),
        );
      const created = await db.transaction(async (tx) => {
        const out: CampaignSegment[] = [];
        for (const { input, match } of found) {
          const id = await insertCampaignSegment(
            tx,
            {
              cableRouteId: input.cableRouteId,
              coordinates: match.coordinates,
              streetName: match.streetName,
              streetClass: match.streetClass,
              plannedYear: input.plannedYear,
              note: input.note || null,
            },
            userOf(c),
          );
          const after = await findCampaignSegment(tx, id);
          if (!after) throw new Error(`campaign stretch ${id} vanished in its own transaction`);
          await recordAudit(tx, c, {
            resource: AUDIT_RESOURCE,
            recordId: id,
            action: 'create',
            version: 1,
            before: null,
            after,
          });
          out.push(after);
        }
        return out;
      });
      return reply(c, endpoints.addToCampaign, 201, {
        type: 'FeatureCollection',
        features: created.map((s) => shown(c, s)),
      });
    },
  ),

  defineRoute(
    endpoints.updateCampaignSegment,
    { resource: AUDIT_RESOURCE, action: 'update', rule: CAMPAIGN_EDITORS },
    async (c, { params: { id }, body: patch }) => {
      const expected = readIfMatch(c);
      const updated = await c.var.services.db.transaction(async (tx) => {
        const current = await findCampaignSegment(tx, id, true);
        if (!current) throw notFound('Campaign stretch');
        if (current.properties.version !== expected) throw stale(c, current, expected);
        const change: { status: CampaignStatus; plannedYear: number; note: string | null } = {
          status: patch.status ?? current.properties.status,
          plannedYear: patch.plannedYear ?? current.properties.plannedYear,
          note: patch.note === undefined ? current.properties.note : patch.note || null,
        };
        await updateCampaignSegment(tx, id, change, userOf(c));
        const after = await findCampaignSegment(tx, id);
        if (!after) throw notFound('Campaign stretch');
        await recordAudit(tx, c, {
          resource: AUDIT_RESOURCE,
          recordId: id,
          action: 'update',
          version: after.properties.version,
          before: current,
          after,
        });
        return after;
      });
      c.header('ETag', etag(updated.properties.version));
      return reply(c, endpoints.updateCampaignSegment, 200, shown(c, updated));
    },
  ),

  defineRoute(
    endpoints.removeCampaignSegment,
    { resource: AUDIT_RESOURCE, action: 'delete', rule: CAMPAIGN_EDITORS },
    async (c, { params: { id } }) => {
      const expected = c.req.header('if-match') ? readIfMatch(c) : undefined;
      await c.var.services.db.transaction(async (tx) => {
        const current = await findCampaignSegment(tx, id, true);
        if (!current) throw notFound('Campaign stretch');
        if (expected !== undefined && current.properties.version !== expected)
          throw stale(c, current, expected);
        await deleteCampaignSegment(tx, id);
        await recordAudit(tx, c, {
          resource: AUDIT_RESOURCE,
          recordId: id,
          action: 'delete',
          version: current.properties.version,
          before: current,
          after: null,
        });
      });
      return c.body(null, 204);
    },
  ),
];
