import { PLAN_EXPORT_FILES } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation, insertTestUnit, squareWkt } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { type PlanAttempt, planRouteAttempt } from './plans-support.js';

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every plan-exports route; `undefined` for other routes. Every export reads the published
 * version that the plan routes' attempt maker makes (everyone signed in may read it); the maps
 * are of the whole city (no commune), the cheapest request that exercises the whole renderer.
 */
export async function planExportRouteAttempt(
  app: App,
  key: string,
  admin: { headers: Record<string, string> },
): Promise<PlanAttempt | undefined> {
  const file = PLAN_EXPORT_FILES.find((f) => key === `GET /api/v1/plan-versions/:id/${f}`);
  if (!file) return undefined;
  const version = await planRouteAttempt(app, 'GET /api/v1/plan-versions/:id', admin);
  if (!version) throw new Error('the plan routes made no published version');
  return { method: 'GET', path: `${version.path}/${file}` };
}

/**
 * A small plan for the export tests: its own commune (code 9xxxx, a 0.02° square) at sea in the
 * Gulf of Tonkin south of Hai Phong — far from the demo data yet inside VN-2000 TM-3's zone, so
 * the VN-2000 coordinates mean something — with items of several kinds and a zone, in a draft
 * and in an approved fork of it.
 */
export interface ExportFixture {
  admin: Session;
  planner: Session;
  viewer: Session;
  planName: string;
  communeCode: string;
  communeName: string;
  orgName: string;
  draftId: string;
  approvedId: string;
  /** [lng, lat] of the commune's centre. */
  centre: [number, number];
  items: { name: string; kind: string; geometry: { type: string; coordinates: unknown } }[];
}

// Each fixture's commune gets its own spot on a 0.03° grid (the communes are 0.02° wide), so two
// fixtures in one database never overlap.
let fixtureSerial = 0;

export async function exportFixture(app: App, db: Database): Promise<ExportFixture> {
  const city = await createOrganisation(db, 'city_department');
  const admin = await sessionFor(app, db, city, ['admin']);
  const planner = await sessionFor(app, db, city, ['planner']);
  const viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  const orgName =
    (await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [city]))[0]?.name ?? '';
  const round = (v: number) => Number(v.toFixed(5));
  const spot = fixtureSerial++;
  const centre: [number, number] = [
    round(106.3 + (spot % 13) * 0.03),
    round(19.16 + (Math.floor(spot / 13) % 3) * 0.03),
  ];
  const [x, y] = centre;
  const communeName = 'Phường Thử Xuất Bản Đồ';
  const communeCode = await insertTestUnit(db, {
    geomWkt: squareWkt(centre, 0.01),
    labelPoint: centre,
    name: communeName,
    unitType: 'ward',
    population: 900,
  });
  const post = async <T>(path: string, json: unknown, as: Session, headers: Record<string, string> = {}) => {
    const r = await call<T>(app, 'POST', path, { as, json, headers });
    if (r.status >= 300) throw new Error(`fixture ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const planName = `Quy hoạch thử xuất ${communeCode}: hạ tầng viễn thông thụ động`;
  const plan = await post<{ id: string }>('/api/v1/plans', { name: planName }, planner);
  const baseline = await post<{ id: string }>(
    `/api/v1/plans/${plan.id}/baseline`,
    { name: 'Hiện trạng' },
    planner,
  );
  const draft = await post<{ id: string }>(
    `/api/v1/plan-versions/${baseline.id}/fork`,
    { name: 'Phương án Đông' },
    planner,
  );
  const d = 0.002;
  // Coordinates the API stores exactly (it writes GeoJSON with 7 decimals).
  const p = (dx: number, dy: number): [number, number] => [
    Number((x + dx * d).toFixed(6)),
    Number((y + dy * d).toFixed(6)),
  ];
  const items = [
    {
      name: 'Khu cột Đồi Thông',
      kind: 'tower_area',
      geometry: { type: 'Polygon', coordinates: [[p(-1, -1), p(1, -1), p(1, 1), p(-1, 1), p(-1, -1)]] },
      attributes: { towerClass: 'A2b', maxHeightM: 45 },
    },
    {
      name: 'Trạm Bãi Đá',
      kind: 'tower_site',
      geometry: { type: 'Point', coordinates: p(2, 1) },
      attributes: { towerClass: 'A1' },
    },
    {
      name: 'Tuyến cống Lạch Tray',
      kind: 'duct_route',
      geometry: { type: 'LineString', coordinates: [p(-3, -2), p(0, -2), p(3, 0)] },
      attributes: { tubesTotal: 12 },
    },
    {
      name: 'Hành lang cáp biển Thử',
      kind: 'submarine_corridor',
      geometry: { type: 'LineString', coordinates: [p(3, -3), p(8, -4)] },
      attributes: { protectionWidthM: 500 },
    },
    {
      name: 'Nhà văn hóa thôn Đông',
      kind: 'wifi_point',
      geometry: { type: 'Point', coordinates: p(-1, 3) },
      attributes: { siteType: 'cultural_house' },
    },
  ];
  for (const item of items) {
    await post(
      `/api/v1/plan-versions/${draft.id}/items`,
      {
        type: 'Feature',
        geometry: item.geometry,
        properties: {
          kind: item.kind,
          name: item.name,
          phase: '2026-2027',
          responsibleOrgId: city,
          attributes: item.attributes,
          notes: 'ghi chú',
        },
      },
      planner,
    );
  }
  await post(
    '/api/v1/plan-zones',
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[p(-4, 2), p(-2, 2), p(-2, 4), p(-4, 4), p(-4, 2)]] },
      properties: { kind: 'heritage', name: 'Khu di tích Thử', planVersionId: draft.id },
    },
    planner,
  );
  const fork = await post<{ id: string; version: number }>(
    `/api/v1/plan-versions/${draft.id}/fork`,
    { name: 'Phương án phê duyệt' },
    planner,
  );
  await post(`/api/v1/plan-versions/${fork.id}/approve`, {}, admin, { 'if-match': String(fork.version) });
  return {
    admin,
    planner,
    viewer,
    planName,
    communeCode,
    communeName,
    orgName,
    draftId: draft.id,
    approvedId: fork.id,
    centre,
    items: items.map(({ name, kind, geometry }) => ({ name, kind, geometry })),
  };
}

/** GETs a file: status, headers and bytes. */
export async function download(app: App, path: string, as?: Session) {
  const response = await app.request(path, { headers: as?.headers ?? {} });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}
