/**
 * Keeps one route graph per database, built from the whole network on first use and rebuilt when
 * the network changes. Change detection is a cheap aggregate per request (row counts, latest
 * update and version sums of ducts, poles, trenches/tunnels; street count), because the asset
 * routes' `onChange` hook in app.ts reaches only the coverage analysis today.
 */
import { DEFAULT_MAX_SPAN_M, poleSpans, RouteGraph } from '@hatang/analysis';
import type { Database, Sql } from '@hatang/db';
import { loadDucts, loadPoles, loadStreets, loadTrenchesTunnels } from './network-data.js';

const versionOf = (table: string) =>
  `(SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(version), 0) FROM ${table})`;

export async function readNetworkVersion(sql: Sql): Promise<string> {
  const rows = await sql.query<{ v: string }>(
    `SELECT ${versionOf('ducts')} || '/' || ${versionOf('poles')} || '/' || ${versionOf('trenches_tunnels')}
       || '/' || (SELECT count(*) FROM streets) AS v`,
  );
  return String(rows[0]?.v ?? '');
}

/** The route graph of everything in the database now (see RouteGraph for what it holds). */
export async function buildRouteGraph(sql: Sql): Promise<RouteGraph> {
  const [ducts, poles, trenchesTunnels, streets] = await Promise.all([
    loadDucts(sql, ['existing']),
    loadPoles(sql),
    loadTrenchesTunnels(sql),
    loadStreets(sql),
  ]);
  return RouteGraph.build({
    ducts: ducts.map((d) => ({ ...d, tubesFree: d.tubesTotal - d.tubesUsed })),
    poleSpans: poleSpans(poles, DEFAULT_MAX_SPAN_M),
    trenchesTunnels,
    streets,
  });
}

export class RoutePlannerService {
  private cached: { version: string; graph: Promise<RouteGraph> } | undefined;

  constructor(private readonly db: Database) {}

  /** The graph for the network as it is now; `built` says whether this call (re)built it. */
  async graph(): Promise<{ graph: RouteGraph; built: boolean }> {
    const version = await readNetworkVersion(this.db);
    if (this.cached?.version === version) return { graph: await this.cached.graph, built: false };
    const graph = buildRouteGraph(this.db);
    this.cached = { version, graph };
    graph.catch(() => {
      if (this.cached?.graph === graph) this.cached = undefined;
    });
    return { graph: await graph, built: true };
  }
}

const services = new WeakMap<Database, RoutePlannerService>();

export function routePlannerFor(db: Database): RoutePlannerService {
  let service = services.get(db);
  if (!service) {
    service = new RoutePlannerService(db);
    services.set(db, service);
  }
  return service;
}
