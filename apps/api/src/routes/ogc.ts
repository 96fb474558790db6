import type { Issue } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { OGC_COLLECTIONS, type OgcCollection, ogcCollection } from '../ogc/ogc-collections.js';
import { bboxToWgs84, CRS84, crsCodeOf, reprojectGeometry, SUPPORTED_CRS_URIS } from '../ogc/ogc-crs.js';
import { type HtmlLink, ogcHtml } from '../ogc/ogc-html.js';
import { findItem, type OgcFeature, queryItems } from '../ogc/ogc-items.js';

/** Conformance classes this implementation meets (Part 1 Core, GeoJSON, HTML; Part 2 CRS). */
export const OGC_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

export const OGC_DEFAULT_LIMIT = 100;
export const OGC_MAX_LIMIT = 10_000;
const GEOJSON = 'application/geo+json';

const itemsParams = z.object({
  limit: z.coerce.number().int().min(1).max(OGC_MAX_LIMIT).default(OGC_DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  f: z.enum(['json', 'html']).optional(),
  crs: z.string().optional(),
  'bbox-crs': z.string().optional(),
  bbox: z.string().optional(),
});

function wantsHtml(c: Context): boolean {
  const f = c.req.query('f');
  if (f) return f === 'html';
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html');
}

function base(c: Context): string {
  return `${new URL(c.req.url).origin}/ogc`;
}

/** Answers JSON, or the HTML page when a browser asks; `self`/`alternate` links for both. */
function respond(
  c: Context,
  title: string,
  description: string,
  doc: Record<string, unknown>,
  links: HtmlLink[],
) {
  const url = new URL(c.req.url);
  const html = wantsHtml(c);
  const as = (f: string) => {
    const u = new URL(url);
    u.searchParams.set('f', f);
    return u.toString();
  };
  const all: HtmlLink[] = [
    {
      href: as(html ? 'html' : 'json'),
      rel: 'self',
      type: html ? 'text/html' : 'application/json',
      title: 'This document',
    },
    {
      href: as(html ? 'json' : 'html'),
      rel: 'alternate',
      type: html ? 'application/json' : 'text/html',
      title: html ? 'As JSON' : 'As HTML',
    },
    ...links,
  ];
  if (html) return c.html(ogcHtml(title, description, all, { ...doc, links: all }));
  return c.json({ ...doc, links: all });
}

function collectionOr404(c: Context): OgcCollection {
  const id = c.req.param('collectionId') ?? '';
  const collection = ogcCollection(id);
  if (!collection) throw notFound(`Collection ${id}`);
  return collection;
}

function parseBbox(raw: string | undefined, issues: Issue[]): [number, number, number, number] | undefined {
  if (raw === undefined) return undefined;
  const n = raw.split(',').map((p) => Number(p.trim()));
  if ((n.length !== 4 && n.length !== 6) || n.some((v) => !Number.isFinite(v))) {
    issues.push({ path: ['bbox'], message: 'bbox must be 4 (or 6) numbers: minX,minY,maxX,maxY' });
    return undefined;
  }
  // A 3D bbox (minX,minY,minZ,maxX,maxY,maxZ): the heights do not filter 2D features.
  const [minX, minY, maxX, maxY] = (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as number[];
  if (minX! > maxX! || minY! > maxY!)
    issues.push({ path: ['bbox'], message: 'bbox minimum exceeds its maximum' });
  return [minX!, minY!, maxX!, maxY!];
}

/**
 * OGC API – Features at /ogc (Part 1 Core with GeoJSON and HTML, Part 2 CRS for VN-2000 EPSG:9210),
 * so QGIS and GDAL read every layer. Read-only; every feature redacted like the REST API (an API
 * key, `Authorization: Bearer …`, gives its user's tier).
 */
export function ogcRoutes(db: Database, options: { openApiPath?: string; docsPath?: string } = {}) {
  const app = new Hono<AppEnv>();
  const openApi = options.openApiPath ?? '/api/openapi.json';
  const docs = options.docsPath ?? '/api/docs';

  const cityExtent = async (): Promise<number[]> => {
    const rows = await db.query<{ w: number | null; s: number; e: number; n: number }>(
      `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
       FROM (SELECT ST_Extent(geom)::geometry AS x FROM admin_units) b`,
    );
    const b = rows[0];
    return b && b.w !== null ? [b.w, b.s, b.e, b.n] : [-180, -90, 180, 90];
  };

  const describe = (c: Context, collection: OgcCollection, bbox: number[]) => ({
    id: collection.id,
    title: collection.title,
    description: collection.description,
    itemType: 'feature',
    extent: { spatial: { bbox: [bbox], crs: CRS84 } },
    crs: SUPPORTED_CRS_URIS,
    storageCrs: CRS84,
    links: [
      {
        href: `${base(c)}/collections/${collection.id}/items`,
        rel: 'items',
        type: GEOJSON,
        title: collection.title,
      },
      {
        href: `${base(c)}/collections/${collection.id}/items?f=html`,
        rel: 'items',
        type: 'text/html',
        title: collection.title,
      },
    ],
  });

  app.get('/', (c) =>
    respond(
      c,
      'Hatang OGC API – Features',
      'Passive telecom infrastructure of Hai Phong: towers, poles, ducts, manholes, trenches and tunnels, cable routes, submarine cables, WiFi points, other sectors’ works, streets and communes.',
      { title: 'Hatang OGC API – Features', description: 'Passive telecom infrastructure of Hai Phong' },
      [
        {
          href: `${new URL(c.req.url).origin}${openApi}`,
          rel: 'service-desc',
          type: 'application/vnd.oai.openapi+json;version=3.1',
          title: 'OpenAPI 3.1 definition',
        },
        {
          href: `${new URL(c.req.url).origin}${docs}`,
          rel: 'service-doc',
          type: 'text/html',
          title: 'API documentation',
        },
        {
          href: `${base(c)}/conformance`,
          rel: 'conformance',
          type: 'application/json',
          title: 'Conformance classes',
        },
        { href: `${base(c)}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      ],
    ),
  );

  app.get('/conformance', (c) =>
    respond(
      c,
      'Conformance',
      'The OGC conformance classes this API meets.',
      { conformsTo: OGC_CONFORMANCE },
      [],
    ),
  );

  app.get('/collections', async (c) => {
    const bbox = await cityExtent();
    const collections = OGC_COLLECTIONS.map((collection) => describe(c, collection, bbox));
    return respond(
      c,
      'Collections',
      'Every layer of the register.',
      { collections, crs: SUPPORTED_CRS_URIS },
      collections.map((col) => ({
        href: `${base(c)}/collections/${col.id}`,
        rel: 'item',
        type: 'text/html',
        title: col.title,
      })),
    );
  });

  app.get('/collections/:collectionId', async (c) => {
    const collection = collectionOr404(c);
    const { links, ...doc } = describe(c, collection, await cityExtent());
    return respond(c, collection.title, collection.description, doc, links);
  });

  app.get('/collections/:collectionId/items', async (c) => {
    const collection = collectionOr404(c);
    const query = c.req.query();
    const issues: Issue[] = [];
    const known = new Set(Object.keys(itemsParams.shape));
    for (const key of Object.keys(query)) {
      if (!known.has(key))
        issues.push({ path: [key], message: `unknown parameter; use one of ${[...known].join(', ')}` });
    }
    const parsed = itemsParams.safeParse(query);
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ path: i.path.map(String), message: i.message });
    }
    const crs = crsCodeOf(query.crs ?? CRS84);
    if (!crs) issues.push({ path: ['crs'], message: `crs must be one of ${SUPPORTED_CRS_URIS.join(', ')}` });
    const bboxCrs = crsCodeOf(query['bbox-crs'] ?? CRS84);
    if (!bboxCrs)
      issues.push({
        path: ['bbox-crs'],
        message: `bbox-crs must be one of ${SUPPORTED_CRS_URIS.join(', ')}`,
      });
    const bbox = parseBbox(query.bbox, issues);
    if (issues.length > 0 || !parsed.success || !crs || !bboxCrs) throw validationFailed(issues);

    const { limit, offset } = parsed.data;
    const principal = c.get('principal');
    const page = await queryItems(
      db,
      collection,
      { bbox: bbox && bboxToWgs84(bbox, bboxCrs), limit, offset },
      principal,
    );
    const features: OgcFeature[] = page.features.map((f) => ({
      ...f,
      geometry: reprojectGeometry(f.geometry, crs),
    }));
    const links: HtmlLink[] = [
      {
        href: `${base(c)}/collections/${collection.id}`,
        rel: 'collection',
        type: 'application/json',
        title: collection.title,
      },
    ];
    const pageUrl = (at: number) => {
      const u = new URL(c.req.url);
      u.searchParams.set('offset', String(at));
      u.searchParams.set('limit', String(limit));
      return u.toString();
    };
    if (offset + features.length < page.numberMatched) {
      links.push({
        href: pageUrl(offset + limit),
        rel: 'next',
        type: wantsHtml(c) ? 'text/html' : GEOJSON,
        title: 'Next page',
      });
    }
    if (offset > 0) {
      links.push({
        href: pageUrl(Math.max(0, offset - limit)),
        rel: 'prev',
        type: wantsHtml(c) ? 'text/html' : GEOJSON,
        title: 'Previous page',
      });
    }
    c.header('Content-Crs', `<${query.crs ?? CRS84}>`);
    const response = respond(
      c,
      `${collection.title}: features ${offset + 1}–${offset + features.length} of ${page.numberMatched}`,
      collection.description,
      {
        type: 'FeatureCollection',
        features,
        numberMatched: page.numberMatched,
        numberReturned: features.length,
        timeStamp: new Date().toISOString(),
      },
      links,
    );
    if (!wantsHtml(c)) response.headers.set('Content-Type', GEOJSON);
    return response;
  });

  app.get('/collections/:collectionId/items/:featureId', async (c) => {
    const collection = collectionOr404(c);
    const crsUri = c.req.query('crs') ?? CRS84;
    const crs = crsCodeOf(crsUri);
    if (!crs)
      throw validationFailed([
        { path: ['crs'], message: `crs must be one of ${SUPPORTED_CRS_URIS.join(', ')}` },
      ]);
    const feature = await findItem(db, collection, c.req.param('featureId'), c.get('principal'));
    if (!feature) throw notFound(`Feature ${c.req.param('featureId')} in ${collection.id}`);
    c.header('Content-Crs', `<${crsUri}>`);
    const response = respond(
      c,
      `${collection.title}: ${feature.id}`,
      collection.description,
      { ...feature, geometry: reprojectGeometry(feature.geometry, crs) },
      [
        {
          href: `${base(c)}/collections/${collection.id}`,
          rel: 'collection',
          type: 'application/json',
          title: collection.title,
        },
      ],
    );
    if (!wantsHtml(c)) response.headers.set('Content-Type', GEOJSON);
    return response;
  });

  return app;
}
