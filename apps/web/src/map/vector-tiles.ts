import type { LayerSpecification, Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';

/** Highest zoom the API renders tiles for (its TileJSON `maxzoom`); MapLibre over-zooms past it. */
export const TILE_MAX_ZOOM = 16;

/** Where the API's vector tiles for the layers it draws are, and from which zoom. */
export interface TileSourceOptions {
  /** The API's tile layer (URL segment and MVT layer name, i.e. the `source-layer`). */
  layer: string;
  /** Lowest zoom the source asks for tiles (at least the server's `minzoom`). */
  minzoom: number;
  maxzoom?: number;
}

/**
 * The tile URL template of `layer` on this origin (so the session cookie goes along and signed-in
 * users get their tier's attributes). `generation` > 0 adds `?v=`: MapLibre and the browser keep
 * tiles by URL, so a new generation is how an edit shows on the map.
 */
export function tileUrl(layer: string, generation = 0): string {
  const url = `${window.location.origin}/tiles/${encodeURIComponent(layer)}/{z}/{x}/{y}.mvt`;
  return generation > 0 ? `${url}?v=${generation}` : url;
}

/** Adds a `vector` source `id` reading the API's tiles for `options.layer`. */
export function addVectorSource(map: MapLibreMap, id: string, options: TileSourceOptions): void {
  if (map.getSource(id)) return;
  map.addSource(id, {
    type: 'vector',
    tiles: [tileUrl(options.layer)],
    minzoom: options.minzoom,
    maxzoom: options.maxzoom ?? TILE_MAX_ZOOM,
  });
}

/** Asks for every tile of source `id` again, from URLs no cache has seen (after an edit or a sign-in). */
export function reloadVectorSource(map: MapLibreMap, id: string, layer: string, generation: number): void {
  map.getSource<VectorTileSource>(id)?.setTiles([tileUrl(layer, generation)]);
}

/** `layer` reading MVT layer `sourceLayer` of its (vector) source; layers without a source unchanged. */
export function withSourceLayer(layer: LayerSpecification, sourceLayer: string): LayerSpecification {
  switch (layer.type) {
    case 'fill':
    case 'line':
    case 'symbol':
    case 'circle':
    case 'heatmap':
    case 'fill-extrusion':
      return { ...layer, 'source-layer': sourceLayer };
    default:
      return layer;
  }
}
