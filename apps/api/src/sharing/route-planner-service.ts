/**
 * Keeps one route graph per database, built from the whole network on first use and rebuilt when
 * the network changes. Change detection reads the per-table write counters that statement
 * triggers keep in `network_versions` (migration 0010): one small read per request, and it sees
 * every write (API, imports, seeds, SQL), not only those through the asset routes.
 */
import { DEFAULT_MAX_SPAN_M, poleSpans, RouteGraph } from '@hatang/analysis';
import type { Database, Sql } from '@hatang/db';
import { loadDucts, loadPoles, loadStreets, loadTrenchesTunnels } from './network-data.js';

export async function readNetworkVersion(sql: Sql): Promise<string> {
  const rows = await sql.query<{ v: string }>(
    "SELECT string_agg(table_name || ':' || version, ',' ORDER BY table_name) AS v FROM network_versions",
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
