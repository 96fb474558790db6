import { z } from 'zod';

/** `bbox=minLng,minLat,maxLng,maxLat` in WGS 84 degrees. */
export const bboxParam = z.string().transform((text, ctx) => {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: minLng,minLat,maxLng,maxLat' });
    return z.NEVER;
  }
  const [minLng, minLat, maxLng, maxLat] = numbers as [number, number, number, number];
  if (minLng < -180 || maxLng > 180)
    ctx.addIssue({ code: 'custom', message: 'bbox longitudes must be within [-180, 180]' });
  if (minLat < -90 || maxLat > 90)
    ctx.addIssue({ code: 'custom', message: 'bbox latitudes must be within [-90, 90]' });
  if (minLng > maxLng) ctx.addIssue({ code: 'custom', message: 'bbox minLng must not exceed maxLng' });
  if (minLat > maxLat) ctx.addIssue({ code: 'custom', message: 'bbox minLat must not exceed maxLat' });
  return [minLng, minLat, maxLng, maxLat] as [number, number, number, number];
});
export type BBox = z.output<typeof bboxParam>;

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

/** Paging and area parameters every collection accepts. */
export const listQuery = z.object({
  bbox: bboxParam.optional(),
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
  cursor: z.string().max(200).optional(),
});
export type ListQuery = z.output<typeof listQuery>;

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
  /** Opaque cursor for the next page, `null` on the last page. */
  next: string | null;
}

export interface Feature<G, P> {
  type: 'Feature';
  id: string;
  geometry: G;
  properties: P;
}
