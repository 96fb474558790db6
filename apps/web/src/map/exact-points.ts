import { fetchAsset } from '../lib/assets-api';
import type { AssetResource } from '../lib/types';

/**
 * Exact coordinates of point features drawn from vector tiles. A tile rounds coordinates to its
 * grid (1/4096 of a tile: ≈ 0.14 m at zoom 16 here, coarser below), so whatever must sit exactly
 * on a manhole or pole (a duct's end) asks the API for the point by id. Answers are kept until the
 * layer changes (`forgetExactPoints`, when its tiles are reloaded after an edit).
 */
type LngLat = [number, number];

const known = new Map<string, LngLat>();
const pending = new Map<string, Promise<LngLat | null>>();
const key = (resource: AssetResource, id: string) => `${resource}/${id}`;

/** Rounds to terra-draw's coordinate precision (8 decimals, ≈ 1 mm), which it insists on. */
const round8 = (v: number) => Math.round(v * 1e8) / 1e8;

/** The point as the API has it, if already fetched. */
export function knownExactPoint(resource: AssetResource, id: string): LngLat | undefined {
  return known.get(key(resource, id));
}

/** The point as the API has it (fetched once, then kept); null if it is not a point or is gone. */
export function exactPoint(resource: AssetResource, id: string): Promise<LngLat | null> {
  const k = key(resource, id);
  const have = known.get(k);
  if (have) return Promise.resolve(have);
  let request = pending.get(k);
  if (!request) {
    request = fetchAsset(resource, id)
      .then((feature) => {
        const [lng, lat] = feature.geometry.type === 'Point' ? feature.geometry.coordinates : [];
        if (lng === undefined || lat === undefined) return null;
        const point: LngLat = [round8(lng), round8(lat)];
        if (pending.get(k) === request) known.set(k, point);
        return point;
      })
      .catch(() => null)
      .finally(() => {
        if (pending.get(k) === request) pending.delete(k);
      });
    pending.set(k, request);
  }
  return request;
}

/** Drops what is known about `resource` (a feature moved or went). */
export function forgetExactPoints(resource: AssetResource): void {
  const prefix = `${resource}/`;
  for (const k of [...known.keys()]) if (k.startsWith(prefix)) known.delete(k);
  for (const k of [...pending.keys()]) if (k.startsWith(prefix)) pending.delete(k);
}
