/**
 * The cheapest route for a new cable through stops A, B, …: A* over the route graph (binary-heap
 * frontier; heuristic = straight distance × the cheapest cost per metre, so it never
 * overestimates and the route is optimal). Each stop joins up to 8 graph nodes within
 * `maxConnectM` by a straight new trench, and consecutive stops are always joined directly by
 * one, so a route exists even where the network does not reach.
 */
import { BinaryHeap } from './binary-heap.js';
import { type LngLat, localDistanceM } from './metric.js';
import type { RouteEdgeKind, RouteGraph } from './route-graph.js';
import { ROUTE_EDGE_KINDS } from './route-graph.js';

/** Cost per metre of each kind (only ratios matter). */
export type RouteCosts = Record<RouteEdgeKind, number>;

/**
 * Defaults: renting a spare tube costs least, a free pole attachment a little more (aerial cable
 * is what the city wants to reduce), a shared tunnel/trench slot 2; a new trench along a street
 * 20 (civil works, road reinstatement, permits) and off the street network 30.
 */
export const DEFAULT_ROUTE_COSTS: Readonly<RouteCosts> = Object.freeze({
  duct: 1,
  pole: 1.5,
  trench_tunnel: 2,
  new_trench: 20,
  new_trench_straight: 30,
});

export interface RoutePlanOptions {
  costs?: Partial<RouteCosts>;
  /** Farthest straight connection from a stop to the graph, metres (default 500). */
  maxConnectM?: number;
  /** New trench needs a handhole at least every this many metres (default 200). */
  manholeSpacingM?: number;
  /** false: plain Dijkstra (no A* heuristic), for comparison; same route, more nodes settled. */
  useHeuristic?: boolean;
}

export interface RouteLeg {
  kind: RouteEdgeKind;
  /** The duct, trench/tunnel or pole span used; null for new trench. */
  assetId: string | null;
  ownerOrgId: string | null;
  coordinates: LngLat[];
  lengthM: number;
}

export interface RouteOwner {
  ownerOrgId: string;
  lengthM: number;
  kinds: RouteEdgeKind[];
  ductIds: string[];
  poleIds: string[];
  trenchTunnelIds: string[];
}

export interface RouteQuantities {
  /** Metres of new trench to dig (along streets and straight). */
  newTrenchM: number;
  /** Handholes for the new trench: one per started `manholeSpacingM` of each continuous run. */
  newManholes: number;
  /** New tube laid in the new trench, metres. */
  newTubeM: number;
  /** Spare tube rented in existing ducts and trenches/tunnels, metres. */
  rentedTubeM: number;
  /** Poles whose free attachment the cable takes. */
  poleAttachments: number;
  /** Cable length, metres. */
  cableM: number;
}

export interface PlannedRoute {
  legs: RouteLeg[];
  lengthByKindM: Record<RouteEdgeKind, number>;
  totalLengthM: number;
  /** Sum of metres × cost per metre. */
  totalCost: number;
  owners: RouteOwner[];
  quantities: RouteQuantities;
  /** Nodes the search settled (a measure of its work). */
  settled: number;
}

interface Step {
  kind: RouteEdgeKind;
  asset: number;
  from: LngLat;
  to: LngLat;
  lengthM: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The cheapest way between two stops, as steps. */
function searchLeg(
  graph: RouteGraph,
  a: LngLat,
  b: LngLat,
  costs: RouteCosts,
  maxConnectM: number,
  useHeuristic: boolean,
): { steps: Step[]; settled: number } {
  const n = graph.nodeCount;
  const S = n;
  const T = n + 1;
  const minCost = useHeuristic ? Math.min(...ROUTE_EDGE_KINDS.map((k) => costs[k])) : 0;
  const g = new Float64Array(n + 2).fill(Number.POSITIVE_INFINITY);
  const prevNode = new Int32Array(n + 2).fill(-1);
  const prevEdge = new Int32Array(n + 2).fill(-1);
  const closed = new Uint8Array(n + 2);
  const kB = [localDistanceM(b, [b[0] + 1e-3, b[1]]) * 1e3, localDistanceM(b, [b[0], b[1] + 1e-3]) * 1e3];
  // Planar straight-line distance to B: within 0.1 % of the metric for a few km; ×0.999 keeps it admissible.
  const h = (node: number) => {
    if (node === T) return 0;
    const p = node === S ? a : graph.position(node);
    const dx = (p[0] - b[0]) * (kB[0] as number);
    const dy = (p[1] - b[1]) * (kB[1] as number);
    return Math.sqrt(dx * dx + dy * dy) * minCost * 0.999;
  };
  const sourceNear = graph.nearestNodes(a, maxConnectM, 8);
  const targetNear = new Map(graph.nearestNodes(b, maxConnectM, 8).map((t) => [t.node, t.distanceM]));
  const heap = new BinaryHeap(1024);
  const relax = (from: number, to: number, cost: number, edge: number) => {
    const next = (g[from] as number) + cost;
    if (next < (g[to] as number)) {
      g[to] = next;
      prevNode[to] = from;
      prevEdge[to] = edge;
      heap.push(to, next + h(to));
    }
  };
  g[S] = 0;
  heap.push(S, h(S));
  let settled = 0;
  const straight = costs.new_trench_straight;
  for (let u = heap.pop(); u !== undefined; u = heap.pop()) {
    if (closed[u]) continue;
    closed[u] = 1;
    settled++;
    if (u === T) break;
    if (u === S) {
      for (const { node, distanceM } of sourceNear) relax(S, node, distanceM * straight, -1);
      relax(S, T, localDistanceM(a, b) * straight, -1);
      continue;
    }
    for (let i = graph.offsets[u] as number; i < (graph.offsets[u + 1] as number); i++) {
      const e = graph.adjacency[i] as number;
      if (!graph.isUsable(e)) continue;
      const v = graph.edgeFrom[e] === u ? (graph.edgeTo[e] as number) : (graph.edgeFrom[e] as number);
      if (closed[v]) continue;
      relax(u, v, (graph.edgeLengthM[e] as number) * costs[graph.kindOf(e)], e);
    }
    const toB = targetNear.get(u);
    if (toB !== undefined) relax(u, T, toB * straight, -1);
  }
  const where = (node: number): LngLat => (node === S ? a : node === T ? b : graph.position(node));
  const steps: Step[] = [];
  for (let v = T; v !== S; ) {
    const u = prevNode[v] as number;
    if (u < 0) throw new Error('route search ended without reaching B'); // unreachable: S–T is direct
    const e = prevEdge[v] as number;
    const from = where(u);
    const to = where(v);
    steps.push(
      e < 0
        ? { kind: 'new_trench_straight', asset: -1, from, to, lengthM: localDistanceM(from, to) }
        : {
            kind: graph.kindOf(e),
            asset: graph.edgeAsset[e] as number,
            from,
            to,
            lengthM: graph.edgeLengthM[e] as number,
          },
    );
    v = u;
  }
  return { steps: steps.reverse(), settled };
}

/** The cheapest route through `stops` in order (see the module note). */
export function planRoute(
  graph: RouteGraph,
  stops: readonly LngLat[],
  options: RoutePlanOptions = {},
): PlannedRoute {
  if (stops.length < 2) throw new Error('a route needs at least two stops');
  const costs: RouteCosts = { ...DEFAULT_ROUTE_COSTS };
  for (const kind of ROUTE_EDGE_KINDS) {
    const given = options.costs?.[kind];
    if (given !== undefined) costs[kind] = given;
  }
  const maxConnectM = options.maxConnectM ?? 500;
  const spacing = options.manholeSpacingM ?? 200;
  const steps: Step[] = [];
  let settled = 0;
  for (let i = 1; i < stops.length; i++) {
    const leg = searchLeg(
      graph,
      stops[i - 1] as LngLat,
      stops[i] as LngLat,
      costs,
      maxConnectM,
      options.useHeuristic ?? true,
    );
    // Stops within 5 cm of a node (coordinates rounded by the database) need no connection.
    steps.push(...leg.steps.filter((s) => s.lengthM >= 0.05));
    settled += leg.settled;
  }

  const legs: RouteLeg[] = [];
  let current: (RouteLeg & { asset: number }) | undefined;
  for (const s of steps) {
    const asset = s.asset >= 0 ? graph.assets[s.asset] : undefined;
    if (current && current.kind === s.kind && current.asset === s.asset) {
      current.coordinates.push(s.to);
      current.lengthM += s.lengthM;
      continue;
    }
    current = {
      kind: s.kind,
      asset: s.asset,
      assetId: asset?.id ?? null,
      ownerOrgId: asset?.ownerOrgId ?? null,
      coordinates: [s.from, s.to],
      lengthM: s.lengthM,
    };
    legs.push(current);
  }

  const lengthByKindM = Object.fromEntries(ROUTE_EDGE_KINDS.map((k) => [k, 0])) as Record<
    RouteEdgeKind,
    number
  >;
  const owners = new Map<string, RouteOwner>();
  const poles = new Set<string>();
  let totalCost = 0;
  let newManholes = 0;
  let newRun = 0;
  const closeRun = () => {
    // A metre of slack: coordinate rounding must not start another span.
    if (newRun > 0) newManholes += Math.max(1, Math.ceil((newRun - 1) / spacing));
    newRun = 0;
  };
  for (const leg of legs) {
    lengthByKindM[leg.kind] += leg.lengthM;
    totalCost += leg.lengthM * costs[leg.kind];
    const isNew = leg.kind === 'new_trench' || leg.kind === 'new_trench_straight';
    if (isNew) newRun += leg.lengthM;
    else closeRun();
    const asset = (leg as RouteLeg & { asset: number }).asset;
    const a = asset >= 0 ? graph.assets[asset] : undefined;
    if (!a) continue;
    const o = owners.get(a.ownerOrgId) ?? {
      ownerOrgId: a.ownerOrgId,
      lengthM: 0,
      kinds: [],
      ductIds: [],
      poleIds: [],
      trenchTunnelIds: [],
    };
    o.lengthM += leg.lengthM;
    if (!o.kinds.includes(leg.kind)) o.kinds.push(leg.kind);
    if (a.kind === 'duct' && !o.ductIds.includes(a.id)) o.ductIds.push(a.id);
    if (a.kind === 'trench_tunnel' && !o.trenchTunnelIds.includes(a.id)) o.trenchTunnelIds.push(a.id);
    for (const p of a.poleIds ?? []) {
      poles.add(p);
      if (!o.poleIds.includes(p)) o.poleIds.push(p);
    }
    owners.set(a.ownerOrgId, o);
  }
  closeRun();
  const totalLengthM = legs.reduce((s, l) => s + l.lengthM, 0);
  const newTrenchM = lengthByKindM.new_trench + lengthByKindM.new_trench_straight;
  return {
    legs: legs.map(({ kind, assetId, ownerOrgId, coordinates, lengthM }) => ({
      kind,
      assetId,
      ownerOrgId,
      coordinates,
      lengthM: round1(lengthM),
    })),
    lengthByKindM: Object.fromEntries(ROUTE_EDGE_KINDS.map((k) => [k, round1(lengthByKindM[k])])) as Record<
      RouteEdgeKind,
      number
    >,
    totalLengthM: round1(totalLengthM),
    totalCost: round1(totalCost),
    owners: [...owners.values()]
      .map((o) => ({ ...o, lengthM: round1(o.lengthM) }))
      .sort((x, y) => y.lengthM - x.lengthM || x.ownerOrgId.localeCompare(y.ownerOrgId)),
    quantities: {
      newTrenchM: round1(newTrenchM),
      newManholes,
      newTubeM: round1(newTrenchM),
      rentedTubeM: round1(lengthByKindM.duct + lengthByKindM.trench_tunnel),
      poleAttachments: poles.size,
      cableM: round1(totalLengthM),
    },
    settled,
  };
}
