/**
 * Sharing opportunities (/sharing/…) and the route planner (/routes/plan). Every answer stays
 * within the viewer's confidentiality tier: capacity (free tenant slots, heights, free tubes and
 * attachments) is at the sharing tier; who rents which tower is never returned.
 */
import {
  degreesFor,
  digOnceMatches,
  digOnceNotices,
  findSharingHosts,
  type SharingDistanceRule,
  TowerIndex,
  towerSharingReport,
} from '@hatang/analysis';
import { sharingEndpoints as endpoints } from '@hatang/contracts';
import { notFound, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { csvResponse, geoJsonResponse, toGeoJson } from '../../http/downloads.js';
import { assertMayReadVersion } from '../plans/plan-access.js';
import { loadTelecomWorks, windowFrom } from './dig-once-repository.js';
import { loadCivilWorks } from './network-repository.js';
import { ANALYSTS, operatorFor } from './sharing-access.js';
import { candidatesCsv, digOnceCsv, towerReportCsv, towerReportGeoJson } from './sharing-downloads.js';
import { spareCapacityLayer } from './spare-capacity-layer.js';
import { loadOrganisations, loadPlanItem, loadSharingTowers, unitAt } from './tower-repository.js';
import { findUndergroundingCandidates } from './undergrounding-candidates.js';

const ruleOf = (r: { urbanM?: number; otherM?: number } | undefined): SharingDistanceRule => ({
  urbanM: r?.urbanM ?? 100,
  otherM: r?.otherM ?? 400,
});

/**
 * Sharing opportunities (/sharing/…) and the route planner (/routes/plan), mounted under /api/v1.
 * Every answer stays within the viewer's confidentiality tier: capacity (free tenant slots,
 * heights, free tubes and attachments) is at the sharing tier; who rents which tower is never
 * returned.
 */
export const finderRoutes = [
  defineRoute(
    endpoints.towersNearby,
    { resource: 'sharing', action: 'read', rule: ANALYSTS },
    async (c, { body }) => {
      const db = c.var.services.db;
      const operatorId = operatorFor(c.get('principal'), body.operatorId);
      let point = body.point;
      let requiredHeightM = body.requiredHeightM;
      if (body.planItemId) {
        const item = await loadPlanItem(db, body.planItemId);
        assertMayReadVersion(item ? { kind: item.versionKind } : undefined, c.get('principal'), 'Plan item');
        if (item?.kind !== 'tower_site' || !item.position)
          throw validationFailed([{ path: ['planItemId'], message: 'must be a tower_site plan item' }]);
        point = item.position;
        requiredHeightM ??= item.heightM ?? undefined;
        if (requiredHeightM === undefined)
          throw validationFailed([
            { path: ['requiredHeightM'], message: 'the plan item has no height: give requiredHeightM' },
          ]);
      }
      if (!point || requiredHeightM === undefined) throw notFound('Point');
      const rule = ruleOf(body.sharingDistance);
      const { dLng, dLat } = degreesFor(Math.max(rule.urbanM, rule.otherM), point[1]);
      const area = [point[0] - dLng, point[1] - dLat, point[0] + dLng, point[1] + dLat] as const;
      const [unit, towers, orgs] = await Promise.all([
        unitAt(db, point),
        loadSharingTowers(db, ['existing'], area),
        loadOrganisations(db),
      ]);
      const result = findSharingHosts(new TowerIndex(towers), {
        position: point,
        unitType: unit?.unitType ?? null,
        requiredHeightM,
        antennasNeeded: body.antennasNeeded,
        operatorId,
        rule,
      });
      const codes = new Map(towers.map((t) => [t.id, t.code]));
      const label = (id: string) => ({ towerCode: codes.get(id) ?? null });
      const owner = (id: string) => ({
        ownerCode: orgs.get(id)?.code ?? null,
        ownerName: orgs.get(id)?.name ?? null,
      });
      return reply(c, endpoints.towersNearby, 200, {
        point,
        unit,
        technology: body.technology ?? null,
        requiredHeightM,
        rule,
        sharingDistanceM: result.sharingDistanceM,
        newTowerAllowed: result.newTowerAllowed,
        candidates: result.candidates.map((h) => ({ ...h, ...label(h.towerId), ...owner(h.ownerOrgId) })),
        blocked: result.blocked.map((b) => ({ ...b, ...label(b.towerId), ...owner(b.ownerOrgId) })),
      });
    },
  ),

  defineRoute(
    endpoints.towerReport,
    { resource: 'sharing', action: 'read', rule: ANALYSTS },
    async (c, { query }) => {
      const db = c.var.services.db;
      const [towers, orgs] = await Promise.all([loadSharingTowers(db), loadOrganisations(db)]);
      const report = towerSharingReport(new TowerIndex(towers), query);
      const codes = new Map(towers.map((t) => [t.id, t.code]));
      const answer = {
        ...report,
        towerCount: towers.length,
        underused: report.underused.map((u) => ({ ...u, towerCode: codes.get(u.towerId) ?? null })),
        byOwner: report.byOwner.map((o) => ({
          ...o,
          ownerCode: orgs.get(o.ownerOrgId)?.code ?? null,
          ownerName: orgs.get(o.ownerOrgId)?.name ?? null,
        })),
      };
      if (query.format === 'csv')
        return csvResponse(c, `tower-sharing-${query.table}`, towerReportCsv(answer, query.table, orgs));
      if (query.format === 'geojson')
        return geoJsonResponse(c, 'tower-sharing', towerReportGeoJson(answer, towers, orgs));
      return reply(c, endpoints.towerReport, 200, answer);
    },
  ),
  defineRoute(
    endpoints.spareCapacity,
    { resource: 'sharing', action: 'read', rule: ANALYSTS },
    async (c, { query }) =>
      reply(c, endpoints.spareCapacity, 200, await spareCapacityLayer(c.var.services.db, query)),
  ),
  defineRoute(
    endpoints.planRoute,
    { resource: 'route-planner', action: 'read', rule: ANALYSTS },
    async (c, { body }) => {
      const { db, analysis } = c.var.services;
      // Built, patched and searched in the analysis worker: the first build of a city's graph
      // takes seconds, which this thread must not spend.
      const { route, graph, timings } = await analysis.planRoute(body);
      const orgs = await loadOrganisations(db);
      const owner = (id: string | null) =>
        id ? { ownerCode: orgs.get(id)?.code ?? null, ownerName: orgs.get(id)?.name ?? null } : {};
      return reply(c, endpoints.planRoute, 200, {
        type: 'FeatureCollection',
        features: route.legs.map((leg, i) => ({
          type: 'Feature' as const,
          id: i,
          geometry: { type: 'LineString' as const, coordinates: leg.coordinates },
          properties: {
            kind: leg.kind,
            assetId: leg.assetId,
            ownerOrgId: leg.ownerOrgId,
            ...owner(leg.ownerOrgId),
            lengthM: leg.lengthM,
          },
        })),
        cableType: body.cableType,
        lengthByKindM: route.lengthByKindM,
        totalLengthM: route.totalLengthM,
        totalCost: route.totalCost,
        /** Each owner whose infrastructure the route uses is a co-location (rental) counterpart. */
        owners: route.owners.map((o) => ({ ...o, ...owner(o.ownerOrgId) })),
        quantities: route.quantities,
        graph,
        timings,
      });
    },
  ),

  defineRoute(
    endpoints.digOnce,
    { resource: 'sharing', action: 'read', rule: ANALYSTS },
    async (c, { query }) => {
      const db = c.var.services.db;
      const window = windowFrom(query.from ?? new Date().toISOString().slice(0, 10), query.horizonMonths);
      const [telecom, civil, orgs] = await Promise.all([
        loadTelecomWorks(db, window),
        loadCivilWorks(db),
        loadOrganisations(db),
      ]);
      const matches = digOnceMatches(telecom, civil, query);
      const telecomById = new Map(telecom.map((t) => [t.id, t]));
      const civilById = new Map(civil.map((w) => [w.id, w]));
      const org = (id: string) => ({
        id,
        code: orgs.get(id)?.code ?? null,
        name: orgs.get(id)?.name ?? null,
      });
      const describe = (m: (typeof matches)[number]) => ({
        telecomWork: {
          id: m.telecomWorkId,
          kind: m.telecomKind,
          code: telecomById.get(m.telecomWorkId)?.code ?? null,
          org: org(m.telecomOrgId),
        },
        civilWork: {
          id: m.civilWorkId,
          code: civilById.get(m.civilWorkId)?.code ?? null,
          name: civilById.get(m.civilWorkId)?.name ?? null,
          sector: m.sector,
          startsOn: civilById.get(m.civilWorkId)?.startsOn ?? null,
          endsOn: civilById.get(m.civilWorkId)?.endsOn ?? null,
          org: org(m.civilOrgId),
        },
        sharedLengthM: m.sharedLengthM,
        window: m.window,
      });
      const shown = query.org
        ? matches.filter((m) => m.telecomOrgId === query.org || m.civilOrgId === query.org)
        : matches;
      const features = shown.map((m, i) => ({
        type: 'Feature' as const,
        id: i,
        geometry: { type: 'MultiLineString' as const, coordinates: m.shared },
        properties: describe(m),
      }));
      const notices = digOnceNotices(shown, query.org).map((n) => ({
        org: org(n.orgId),
        role: n.role,
        coordinateWith: org(n.counterpartOrgId),
        ...describe(n.match),
      }));
      if (query.format === 'csv') return csvResponse(c, 'dig-once-notices', digOnceCsv(notices));
      if (query.format === 'geojson') return geoJsonResponse(c, 'dig-once', toGeoJson(features, 'dig-once'));
      return reply(c, endpoints.digOnce, 200, {
        type: 'FeatureCollection',
        parameters: { bufferM: query.bufferM, minSharedM: query.minSharedM, registerWindow: window },
        features,
        notices,
      });
    },
  ),

  defineRoute(
    endpoints.undergroundingCandidates,
    { resource: 'sharing', action: 'read', rule: ANALYSTS },
    async (c, { query }) => {
      const db = c.var.services.db;
      const [candidates, orgs] = await Promise.all([
        findUndergroundingCandidates(db, query),
        loadOrganisations(db),
      ]);
      const shown = candidates.slice(0, query.limit);
      const features = shown.map(({ coordinates, ...properties }) => ({
        type: 'Feature' as const,
        id: `${properties.cableRouteId}:${properties.rank}`,
        geometry: { type: 'LineString' as const, coordinates },
        properties: { ...properties, ownerCode: orgs.get(properties.ownerOrgId)?.code ?? null },
      }));
      if (query.format === 'csv') return csvResponse(c, 'undergrounding-candidates', candidatesCsv(features));
      if (query.format === 'geojson')
        return geoJsonResponse(
          c,
          'undergrounding-candidates',
          toGeoJson(features, 'undergrounding-candidates'),
        );
      return reply(c, endpoints.undergroundingCandidates, 200, {
        type: 'FeatureCollection',
        parameters: { distanceM: query.distanceM, minLengthM: query.minLengthM },
        candidateCount: candidates.length,
        totalLengthM: Math.round(candidates.reduce((s, x) => s + x.lengthM, 0)),
        features,
      });
    },
  ),
];
