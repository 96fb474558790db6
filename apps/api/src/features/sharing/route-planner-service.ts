/**
 * Keeps one route graph (in the analysis worker), built from the whole network on first use and kept up to
 * date as the network changes. Change detection reads the per-table write counters that statement
 * triggers keep in `network_versions` (migration 0010): one small read per request, and it sees
 * every write (API, imports, seeds, SQL), not only those through the asset routes.
 *
 * When only ducts changed, the graph is patched instead of rebuilt: one light read of every duct's
 * spare state and geometry hash tells which ducts changed; a duct that lost its last spare tube (or
 * left service, or was deleted) is switched off in the graph, one that was switched off and has a
 * spare tube again is switched back on. Anything else — a new duct with spare tubes, a moved duct,
 * a change to poles, trenches/tunnels or streets — rebuilds the graph.
 */
import { DEFAULT_MAX_SPAN_M, poleSpans, RouteGraph } from '@hatang/analysis';
import { type Database, orm, type Sql } from '@hatang/db';
import { ducts, networkVersions } from '@hatang/db/schema';
import { asc, sql } from 'drizzle-orm';
import { loadDucts, loadPoles, loadStreets, loadTrenchesTunnels } from './network-repository.js';

export async function readNetworkVersions(db: Sql): Promise<Map<string, string>> {
  const rows = await orm(db)
    .select({ tableName: networkVersions.tableName, version: networkVersions.version })
    .from(networkVersions)
    .orderBy(asc(networkVersions.tableName));
  return new Map(rows.map((r) => [r.tableName, String(r.version)]));
}

export async function readNetworkVersion(db: Sql): Promise<string> {
  return [...(await readNetworkVersions(db))].map(([t, v]) => `${t}:${v}`).join(',');
}

/** Every duct's route-planner state: does it carry a cable now (existing, a tube free), and its shape. */
export async function loadDuctStates(db: Sql): Promise<Map<string, { spare: boolean; shape: string }>> {
  const rows = await orm(db)
    .select({
      id: ducts.id,
      spare: sql<boolean>`(${ducts.status} = 'existing' AND ${ducts.tubesTotal} - ${ducts.tubesUsed} >= 1)`,
      shape: sql<string>`md5(ST_AsBinary(${ducts.geom}))`,
    })
    .from(ducts);
  return new Map(rows.map((r) => [r.id, { spare: Boolean(r.spare), shape: r.shape }]));
}

/** The route graph of everything in the database now (see RouteGraph for what it holds). */
export async function buildRouteGraph(db: Sql): Promise<RouteGraph> {
  const [ducts, poles, trenchesTunnels, streets] = await Promise.all([
    loadDucts(db, ['existing']),
    loadPoles(db),
    loadTrenchesTunnels(db),
    loadStreets(db),
  ]);
  return RouteGraph.build({
    ducts: ducts.map((d) => ({ ...d, tubesFree: d.tubesTotal - d.tubesUsed })),
    poleSpans: poleSpans(poles, DEFAULT_MAX_SPAN_M),
    trenchesTunnels,
    streets,
  });
}

interface Cached {
  versions: Map<string, string>;
  graph: RouteGraph;
  /** The ducts built into the graph (a spare tube at build time), by id → geometry hash. */
  builtDucts: Map<string, string>;
}

/**
 * What a duct change does to the graph: the switches to make, or `undefined` when only a rebuild
 * can show it (a duct with spare tubes that is not in the graph, or one that moved).
 */
export function ductPatch(
  graph: RouteGraph,
  builtDucts: ReadonlyMap<string, string>,
  now: ReadonlyMap<string, { spare: boolean; shape: string }>,
): { asset: number; enabled: boolean }[] | undefined {
  const switches: { asset: number; enabled: boolean }[] = [];
  for (const [id, shape] of builtDucts) {
    const state = now.get(id);
    if (state && state.shape !== shape) return undefined;
    const asset = graph.assetIndex('duct', id);
    if (asset === undefined) return undefined;
    const enabled = state?.spare ?? false;
    if (graph.isAssetEnabled(asset) !== enabled) switches.push({ asset, enabled });
  }
  for (const [id, state] of now) if (state.spare && !builtDucts.has(id)) return undefined;
  return switches;
}

export class RoutePlannerService {
  private cached: Promise<Cached> | undefined;

  constructor(private readonly db: Database) {}

  private async build(versions: Map<string, string>): Promise<Cached> {
    const [graph, states] = await Promise.all([buildRouteGraph(this.db), loadDuctStates(this.db)]);
    const builtDucts = new Map<string, string>();
    for (const [id, state] of states) if (state.spare) builtDucts.set(id, state.shape);
    return { versions, graph, builtDucts };
  }

  /**
   * The graph for the network as it is now; `built` says whether this call (re)built it, `patched`
   * how many ducts it switched off or on instead.
   */
  async graph(): Promise<{ graph: RouteGraph; built: boolean; patched: number }> {
    const versions = await readNetworkVersions(this.db);
    const previous = this.cached ? await this.cached.catch(() => undefined) : undefined;
    const changed = previous
      ? [...versions].filter(([table, v]) => previous.versions.get(table) !== v).map(([table]) => table)
      : undefined;
    if (previous && changed?.length === 0) return { graph: previous.graph, built: false, patched: 0 };
    if (previous && changed?.every((t) => t === 'ducts')) {
      const switches = ductPatch(previous.graph, previous.builtDucts, await loadDuctStates(this.db));
      if (switches) {
        for (const s of switches) previous.graph.setAssetEnabled(s.asset, s.enabled);
        previous.versions = versions;
        return { graph: previous.graph, built: false, patched: switches.length };
      }
    }
    const next = this.build(versions);
    this.cached = next;
    next.catch(() => {
      if (this.cached === next) this.cached = undefined;
    });
    return { graph: (await next).graph, built: true, patched: 0 };
  }
}
