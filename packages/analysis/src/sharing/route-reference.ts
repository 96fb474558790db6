/**
 * A plain Dijkstra without a heap (O(V²): each step scans every node for the cheapest open one)
 * over the same graph and connections as {@link planRoute}: the slow, obviously correct peer that
 * the tests check the A* against and the benchmark compares it with. Returns the cheapest cost.
 */
import { type LngLat, localDistanceM } from './metric.js';
import type { RouteGraph } from './route-graph.js';
import { DEFAULT_ROUTE_COSTS, type RouteCosts } from './route-planner.js';

export function referenceRouteCost(
  graph: RouteGraph,
  a: LngLat,
  b: LngLat,
  costs: RouteCosts = DEFAULT_ROUTE_COSTS,
  maxConnectM = 500,
): number {
  const n = graph.nodeCount;
  const S = n;
  const T = n + 1;
  const dist = new Float64Array(n + 2).fill(Number.POSITIVE_INFINITY);
  const done = new Uint8Array(n + 2);
  const targetNear = new Map(graph.nearestNodes(b, maxConnectM, 8).map((t) => [t.node, t.distanceM]));
  dist[S] = 0;
  for (;;) {
    let u = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n + 2; i++) {
      if (!done[i] && (dist[i] as number) < best) {
        best = dist[i] as number;
        u = i;
      }
    }
    if (u < 0 || u === T) return dist[T] as number;
    done[u] = 1;
    const relax = (v: number, cost: number) => {
      if (best + cost < (dist[v] as number)) dist[v] = best + cost;
    };
    if (u === S) {
      for (const { node, distanceM } of graph.nearestNodes(a, maxConnectM, 8))
        relax(node, distanceM * costs.new_trench_straight);
      relax(T, localDistanceM(a, b) * costs.new_trench_straight);
      continue;
    }
    for (let i = graph.offsets[u] as number; i < (graph.offsets[u + 1] as number); i++) {
      const e = graph.adjacency[i] as number;
      if (!graph.isUsable(e)) continue;
      const v = graph.edgeFrom[e] === u ? (graph.edgeTo[e] as number) : (graph.edgeFrom[e] as number);
      relax(v, (graph.edgeLengthM[e] as number) * costs[graph.kindOf(e)]);
    }
    const toB = targetNear.get(u);
    if (toB !== undefined) relax(T, toB * costs.new_trench_straight);
  }
}
