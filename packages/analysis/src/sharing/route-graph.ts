/**
 * The route planner's graph: every way a cable can go, as edges between nodes at `[lng, lat]`
 * positions. Existing ducts with a spare tube, pole spans with a free attachment on both poles,
 * existing trenches/tunnels, and streets (where a new trench would go). Lines are split at every
 * vertex; ends that coincide (to ~1 cm) are one node, so ducts laid along a street share its nodes.
 * Nodes of one layer within `snapM` of another layer's node are joined by a short straight new
 * trench (a riser from a pole line into a duct, a duct end to the street). Built once, searched
 * many times (adjacency as CSR arrays); costs are applied at search time.
 */
import Flatbush from 'flatbush';
import { degreesFor, type LngLat, localDistanceM } from './metric.js';
import type { PoleSpan } from './spare-capacity.js';

export type RouteEdgeKind = 'duct' | 'pole' | 'trench_tunnel' | 'new_trench' | 'new_trench_straight';
export const ROUTE_EDGE_KINDS: readonly RouteEdgeKind[] = [
  'duct',
  'pole',
  'trench_tunnel',
  'new_trench',
  'new_trench_straight',
];

export interface RouteAsset {
  kind: 'duct' | 'pole' | 'trench_tunnel';
  /** Duct or trench/tunnel id; for a pole span `fromPoleId:toPoleId`. */
  id: string;
  ownerOrgId: string;
  /** The two poles of a pole span. */
  poleIds?: [string, string];
}

export interface RouteNetwork {
  ducts: readonly { id: string; ownerOrgId: string; coordinates: readonly LngLat[]; tubesFree: number }[];
  poleSpans: readonly PoleSpan[];
  trenchesTunnels: readonly { id: string; ownerOrgId: string; coordinates: readonly LngLat[] }[];
  streets: readonly { id: string; coordinates: readonly LngLat[] }[];
}

export interface RouteGraphOptions {
  /** Join nodes of different layers closer than this, metres (default 25). */
  snapM?: number;
  /** Tubes (ducts) or attachments (poles) a cable needs free (default 1). */
  capacityNeeded?: number;
}

const LAYER: Record<RouteEdgeKind, number> = {
  duct: 1,
  pole: 2,
  trench_tunnel: 4,
  new_trench: 8,
  new_trench_straight: 0,
};
const KIND_CODE = new Map(ROUTE_EDGE_KINDS.map((k, i) => [k, i]));

export class RouteGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  private readonly index: Flatbush | undefined;
  /** 1 where an asset was switched off after the build (it lost its spare capacity). */
  private readonly disabled: Uint8Array;
  private readonly assetIndexes: Map<string, number>;

  constructor(
    readonly lng: Float64Array,
    readonly lat: Float64Array,
    readonly edgeFrom: Int32Array,
    readonly edgeTo: Int32Array,
    readonly edgeKind: Uint8Array,
    readonly edgeLengthM: Float64Array,
    /** Index into `assets`, −1 for new trench. */
    readonly edgeAsset: Int32Array,
    readonly assets: readonly RouteAsset[],
    /** CSR: `adjacency[offsets[n] .. offsets[n + 1]]` are the edges at node n. */
    readonly offsets: Int32Array,
    readonly adjacency: Int32Array,
  ) {
    this.nodeCount = lng.length;
    this.edgeCount = edgeFrom.length;
    this.disabled = new Uint8Array(assets.length);
    this.assetIndexes = new Map(assets.map((a, i) => [`${a.kind}:${a.id}`, i]));
    if (this.nodeCount > 0) {
      const index = new Flatbush(this.nodeCount);
      for (let i = 0; i < this.nodeCount; i++) index.add(lng[i] as number, lat[i] as number);
      index.finish();
      this.index = index;
    }
  }

  position(node: number): LngLat {
    return [this.lng[node] as number, this.lat[node] as number];
  }

  /** The index in `assets` of a duct, pole span or trench/tunnel in the graph, or undefined. */
  assetIndex(kind: RouteAsset['kind'], id: string): number | undefined {
    return this.assetIndexes.get(`${kind}:${id}`);
  }

  /**
   * Switches an asset's edges off (it has no spare capacity any more) or back on, without a
   * rebuild; returns whether that changed anything. Its nodes stay (as junctions of straight joins)
   * until the next build.
   */
  setAssetEnabled(asset: number, enabled: boolean): boolean {
    if (asset < 0 || asset >= this.disabled.length) return false;
    const value = enabled ? 0 : 1;
    if (this.disabled[asset] === value) return false;
    this.disabled[asset] = value;
    return true;
  }

  isAssetEnabled(asset: number): boolean {
    return this.disabled[asset] === 0;
  }

  /** False for the edges of a switched-off asset: the searches skip them. */
  isUsable(edge: number): boolean {
    const asset = this.edgeAsset[edge] as number;
    return asset < 0 || this.disabled[asset] === 0;
  }

  kindOf(edge: number): RouteEdgeKind {
    return ROUTE_EDGE_KINDS[this.edgeKind[edge] as number] as RouteEdgeKind;
  }

  /** Up to `k` nodes within `maxM` metres of `p`, nearest first. */
  nearestNodes(p: LngLat, maxM: number, k: number): { node: number; distanceM: number }[] {
    if (!this.index) return [];
    const { dLng, dLat } = degreesFor(maxM, p[1]);
    return this.index
      .search(p[0] - dLng, p[1] - dLat, p[0] + dLng, p[1] + dLat)
      .map((node) => ({ node, distanceM: localDistanceM(p, this.position(node)) }))
      .filter((n) => n.distanceM <= maxM)
      .sort((a, b) => a.distanceM - b.distanceM || a.node - b.node)
      .slice(0, k);
  }

  /** Builds the graph from the network (see the module note). */
  static build(network: RouteNetwork, options: RouteGraphOptions = {}): RouteGraph {
    const snapM = options.snapM ?? 25;
    const needed = options.capacityNeeded ?? 1;
    const lng: number[] = [];
    const lat: number[] = [];
    const layers: number[] = [];
    const byKey = new Map<string, number>();
    const from: number[] = [];
    const to: number[] = [];
    const kind: number[] = [];
    const length: number[] = [];
    const asset: number[] = [];
    const assets: RouteAsset[] = [];
    const nodeAt = (p: LngLat, layer: number) => {
      const key = `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
      let n = byKey.get(key);
      if (n === undefined) {
        n = lng.length;
        byKey.set(key, n);
        lng.push(p[0]);
        lat.push(p[1]);
        layers.push(0);
      }
      layers[n] = (layers[n] as number) | layer;
      return n;
    };
    const addEdge = (a: number, b: number, k: RouteEdgeKind, lengthM: number, assetIndex: number) => {
      if (a === b) return;
      from.push(a);
      to.push(b);
      kind.push(KIND_CODE.get(k) as number);
      length.push(lengthM);
      asset.push(assetIndex);
    };
    const addLine = (coordinates: readonly LngLat[], k: RouteEdgeKind, assetIndex: number) => {
      for (let i = 1; i < coordinates.length; i++) {
        const a = coordinates[i - 1] as LngLat;
        const b = coordinates[i] as LngLat;
        addEdge(nodeAt(a, LAYER[k]), nodeAt(b, LAYER[k]), k, localDistanceM(a, b), assetIndex);
      }
    };
    for (const d of network.ducts) {
      if (d.tubesFree < needed) continue;
      assets.push({ kind: 'duct', id: d.id, ownerOrgId: d.ownerOrgId });
      addLine(d.coordinates, 'duct', assets.length - 1);
    }
    for (const s of network.poleSpans) {
      if (s.attachmentsFree < needed) continue;
      assets.push({
        kind: 'pole',
        id: `${s.fromPoleId}:${s.toPoleId}`,
        ownerOrgId: s.ownerOrgId,
        poleIds: [s.fromPoleId, s.toPoleId],
      });
      addLine(s.coordinates, 'pole', assets.length - 1);
    }
    for (const t of network.trenchesTunnels) {
      assets.push({ kind: 'trench_tunnel', id: t.id, ownerOrgId: t.ownerOrgId });
      addLine(t.coordinates, 'trench_tunnel', assets.length - 1);
    }
    for (const s of network.streets) addLine(s.coordinates, 'new_trench', -1);

    // Joins between layers: each node to the nearest node of every layer it is not on.
    const nodeCount = lng.length;
    if (nodeCount > 1 && snapM > 0) {
      const index = new Flatbush(nodeCount);
      for (let i = 0; i < nodeCount; i++) index.add(lng[i] as number, lat[i] as number);
      index.finish();
      const joined = new Set<string>();
      for (let i = 0; i < nodeCount; i++) {
        const p: LngLat = [lng[i] as number, lat[i] as number];
        const mine = layers[i] as number;
        const { dLng, dLat } = degreesFor(snapM, p[1]);
        const best = new Map<number, { node: number; d: number }>();
        for (const j of index.search(p[0] - dLng, p[1] - dLat, p[0] + dLng, p[1] + dLat)) {
          const theirs = (layers[j] as number) & ~mine;
          if (j === i || theirs === 0) continue;
          const d = localDistanceM(p, [lng[j] as number, lat[j] as number]);
          if (d > snapM) continue;
          for (const layer of [1, 2, 4, 8]) {
            if (!(theirs & layer)) continue;
            const current = best.get(layer);
            if (!current || d < current.d || (d === current.d && j < current.node))
              best.set(layer, { node: j, d });
          }
        }
        for (const { node, d } of best.values()) {
          const key = i < node ? `${i}|${node}` : `${node}|${i}`;
          if (joined.has(key)) continue;
          joined.add(key);
          addEdge(i, node, 'new_trench_straight', d, -1);
        }
      }
    }

    // CSR adjacency, both directions.
    const degree = new Int32Array(nodeCount + 1);
    for (let e = 0; e < from.length; e++) {
      const a = (from[e] as number) + 1;
      const b = (to[e] as number) + 1;
      degree[a] = (degree[a] as number) + 1;
      degree[b] = (degree[b] as number) + 1;
    }
    for (let n = 0; n < nodeCount; n++) degree[n + 1] = (degree[n + 1] as number) + (degree[n] as number);
    const offsets = Int32Array.from(degree);
    const fill = Int32Array.from(degree.subarray(0, nodeCount));
    const adjacency = new Int32Array(from.length * 2);
    for (let e = 0; e < from.length; e++) {
      const a = from[e] as number;
      const b = to[e] as number;
      const slotA = fill[a] as number;
      adjacency[slotA] = e;
      fill[a] = slotA + 1;
      const slotB = fill[b] as number;
      adjacency[slotB] = e;
      fill[b] = slotB + 1;
    }
    return new RouteGraph(
      Float64Array.from(lng),
      Float64Array.from(lat),
      Int32Array.from(from),
      Int32Array.from(to),
      Uint8Array.from(kind),
      Float64Array.from(length),
      Int32Array.from(asset),
      assets,
      offsets,
      adjacency,
    );
  }
}
