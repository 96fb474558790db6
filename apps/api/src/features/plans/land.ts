import { readFile } from 'node:fs/promises';
import { type LandIndex, landIndex } from '@hatang/analysis';
import type { MultiPolygonGeometry, PolygonGeometry } from '@hatang/contracts';

/** The box `data/basemap-land.geojson` was clipped to (see data/README.md): its edges are not coast. */
const BASEMAP_CLIP_BOX = [105.9, 20.0, 107.8, 21.3] as const;

export const BASEMAP_LAND_FILE = new URL('../../../../../data/basemap-land.geojson', import.meta.url);

/** Loads the land polygons once, on first use (no I/O at import time). */
export function basemapLand(file: URL | string = BASEMAP_LAND_FILE): () => Promise<LandIndex> {
  let loaded: Promise<LandIndex> | undefined;
  return () => {
    loaded ??= readFile(file, 'utf8').then((text) => {
      const collection = JSON.parse(text) as {
        features: { geometry: PolygonGeometry | MultiPolygonGeometry }[];
      };
      return landIndex(
        collection.features.map((f) => f.geometry),
        BASEMAP_CLIP_BOX,
      );
    });
    return loaded;
  };
}
