/**
 * Helpers for the plan tests: the real app with cheap test passwords, and concrete requests for
 * the plan routes that the app-wide authorisation matrix reuses.
 */
import type { Database } from '@hatang/db';
import { type App, createApp } from '../../apps/api/src/app.js';
import { TEST_SCRYPT_N } from '../support/sessions.js';

export function plansApp(db: Database): App {
  return createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
}

/** A concrete request for one route pattern. */
export interface PlanAttempt {
  method: string;
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
}

interface Fixtures {
  planId: string;
  /** A published version (approved, or superseded once another attempt approves a draft). */
  publishedId: string;
  itemId: string;
  zoneId: string;
}
const fixtures = new WeakMap<App, Promise<Fixtures>>();

/** Far from any demo data (Gulf of Guinea), like tests/support/fixtures.ts's `farAway`. */
const ductRoute = {
  type: 'Feature',
  geometry: {
    type: 'LineString',
    coordinates: [
      [0.71, 0.71],
      [0.712, 0.711],
    ],
  },
  properties: { kind: 'duct_route', phase: '2026-2027' },
};
const restrictedZone = {
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0.71, 0.71],
        [0.72, 0.71],
        [0.72, 0.72],
        [0.71, 0.71],
      ],
    ],
  },
  properties: { kind: 'restricted', name: 'Matrix zone' },
};

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every plan route; `undefined` for other routes. `admin` makes the records it needs: reads go to
 * a published version (everyone signed in may read those), writes to a fresh draft.
 */
export async function planRouteAttempt(
  app: App,
  key: string,
  admin: { headers: Record<string, string> },
): Promise<PlanAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  if (!/^\/api\/v1\/plan(s|-versions|-items|-zones)\b/.test(pattern)) return undefined;
  // Exports and indicators of a version have their own attempt makers.
  if (/\/(appendix|map|export)\.\w+$|\/indicators$/.test(pattern)) return undefined;
  const post = async <T>(path: string, json: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const response = await app.request(path, {
      method: 'POST',
      headers: { ...admin.headers, ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    if (response.status >= 300)
      throw new Error(`fixture ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  let made = fixtures.get(app);
  if (!made) {
    made = (async () => {
      const plan = await post<{ id: string }>('/api/v1/plans', { name: 'Matrix plan' });
      const base = await post<{ id: string }>(`/api/v1/plans/${plan.id}/baseline`, {
        name: 'Matrix baseline',
      });
      const draft = await post<{ id: string }>(`/api/v1/plan-versions/${base.id}/fork`, {
        name: 'Matrix draft',
      });
      const item = await post<{ id: string }>(`/api/v1/plan-versions/${draft.id}/items`, ductRoute);
      const zone = await post<{ id: string }>('/api/v1/plan-zones', restrictedZone);
      const version = (await (
        await app.request(`/api/v1/plan-versions/${draft.id}`, { headers: admin.headers })
      ).json()) as { version: number };
      await post(`/api/v1/plan-versions/${draft.id}/approve`, {}, { 'if-match': String(version.version) });
      return { planId: plan.id, publishedId: draft.id, itemId: item.id, zoneId: zone.id };
    })();
    fixtures.set(app, made);
  }
  const f = await made;
  const freshDraft = () =>
    post<{ id: string; version: number }>(`/api/v1/plan-versions/${f.publishedId}/fork`, {
      name: 'Matrix fresh draft',
    });
  const freshItem = async () =>
    post<{ id: string }>(`/api/v1/plan-versions/${(await freshDraft()).id}/items`, ductRoute);
  const freshZone = () => post<{ id: string }>('/api/v1/plan-zones', restrictedZone);
  const ifMatch = (v: number) => ({ 'if-match': String(v) });

  switch (key) {
    case 'GET /api/v1/plans':
      return { method, path: pattern };
    case 'POST /api/v1/plans':
      return { method, path: pattern, json: { name: 'Matrix plan' } };
    case 'GET /api/v1/plans/:id':
      return { method, path: `/api/v1/plans/${f.planId}` };
    case 'POST /api/v1/plans/:id/baseline':
      return { method, path: `/api/v1/plans/${f.planId}/baseline`, json: { name: 'Matrix baseline' } };
    case 'PATCH /api/v1/plan-versions/:id': {
      const draft = await freshDraft();
      return {
        method,
        path: `/api/v1/plan-versions/${draft.id}`,
        json: { name: 'Renamed' },
        headers: ifMatch(draft.version),
      };
    }
    case 'DELETE /api/v1/plan-versions/:id':
      return { method, path: `/api/v1/plan-versions/${(await freshDraft()).id}` };
    case 'POST /api/v1/plan-versions/:id/fork':
      return { method, path: `/api/v1/plan-versions/${f.publishedId}/fork`, json: { name: 'Matrix fork' } };
    case 'POST /api/v1/plan-versions/:id/approve': {
      const draft = await freshDraft();
      return { method, path: `/api/v1/plan-versions/${draft.id}/approve`, headers: ifMatch(draft.version) };
    }
    case 'POST /api/v1/plan-versions/:id/items':
      return { method, path: `/api/v1/plan-versions/${(await freshDraft()).id}/items`, json: ductRoute };
    case 'GET /api/v1/plan-versions/:id/compare':
      return { method, path: `/api/v1/plan-versions/${f.publishedId}/compare?base=${f.publishedId}` };
    case 'PATCH /api/v1/plan-items/:id':
      return {
        method,
        path: `/api/v1/plan-items/${(await freshItem()).id}`,
        json: { properties: { notes: 'x' } },
        headers: ifMatch(1),
      };
    case 'POST /api/v1/plan-items/:id/restore': {
      const item = await freshItem();
      await app.request(`/api/v1/plan-items/${item.id}`, {
        method: 'PATCH',
        headers: { ...admin.headers, ...ifMatch(1), 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { notes: 'second' } }),
      });
      return {
        method,
        path: `/api/v1/plan-items/${item.id}/restore`,
        json: { version: 1 },
        headers: ifMatch(2),
      };
    }
    case 'DELETE /api/v1/plan-items/:id':
      return { method, path: `/api/v1/plan-items/${(await freshItem()).id}` };
    case 'POST /api/v1/plan-zones':
      return { method, path: pattern, json: restrictedZone };
    case 'PATCH /api/v1/plan-zones/:id':
      return {
        method,
        path: `/api/v1/plan-zones/${(await freshZone()).id}`,
        json: { properties: { name: 'Renamed' } },
        headers: ifMatch(1),
      };
    case 'DELETE /api/v1/plan-zones/:id':
      return { method, path: `/api/v1/plan-zones/${(await freshZone()).id}` };
    default:
      return {
        method,
        path: pattern
          .replace('/plan-versions/:id', `/plan-versions/${f.publishedId}`)
          .replace('/plan-items/:id', `/plan-items/${f.itemId}`)
          .replace('/plan-zones/:id', `/plan-zones/${f.zoneId}`),
      };
  }
}
