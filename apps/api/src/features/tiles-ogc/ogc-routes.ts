/**
 * OGC API – Features at /ogc (Part 1 Core with GeoJSON and HTML, Part 2 CRS for VN-2000 EPSG:9210),
 * so QGIS and GDAL read every layer. Read-only; every feature redacted like the REST API (an API
 * key, `Authorization: Bearer …`, gives its user's tier).
 */
import { tilesOgcEndpoints as endpoints, type Issue, type OgcLink } from '@hatang/contracts';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { defineRoute } from '../../http/define-route.js';
import { EVERYONE } from '../../policy/rules.js';
import { cityExtent } from './city-extent-repository.js';
import { OGC_COLLECTIONS, type OgcCollection, ogcCollection } from './ogc-collections.js';
import { bboxToWgs84, CRS84, crsCodeOf, reprojectGeometry, SUPPORTED_CRS_URIS } from './ogc-crs.js';
import { findItem, queryItems } from './ogc-item-repository.js';
import { ogcBase as base, GEOJSON, respond, wantsHtml } from './ogc-response.js';

/** Conformance classes this implementation meets (Part 1 Core, GeoJSON, HTML; Part 2 CRS). */
export const OGC_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

export const OGC_DEFAULT_LIMIT = 100;
export const OGC_MAX_LIMIT = 10_000;
/** Where the landing page points for the service description and documentation. */
const OPENAPI_PATH = '/api/openapi.json';
const DOCS_PATH = '/api/docs';
/** Readable by anyone; each feature is redacted to the viewer's tier. */
const READ_OGC = { resource: 'ogc', action: 'read', rule: EVERYONE } as const;

/** The items' parameters as OGC defines them; checked here so every problem is reported at once. */
const itemsParams = z.object({
  limit: z.coerce.number().int().min(1).max(OGC_MAX_LIMIT).default(OGC_DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  f: z.enum(['json', 'html']).optional(),
  crs: z.string().optional(),
  'bbox-crs': z.string().optional(),
  bbox: z.string().optional(),
});

const cityBbox = async (c: Context<AppEnv>): Promise<number[]> =>
  (await cityExtent(c.var.services.db)) ?? [-180, -90, 180, 90];

function collectionOr404(id: string): OgcCollection {
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

const describe = (c: Context<AppEnv>, collection: OgcCollection, bbox: number[]) => ({
  id: collection.id,
  title: collection.title,
  description: collection.description,
  itemType: 'feature' as const,
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

export const ogcRoutes = [
  defineRoute(endpoints.landingPage, READ_OGC, (c) => {
    const origin = new URL(c.req.url).origin;
    return respond(
      c,
      endpoints.landingPage,
      {
        title: 'Hatang OGC API – Features',
        description:
          'Passive telecom infrastructure of Hai Phong: towers, poles, ducts, manholes, trenches and tunnels, cable routes, submarine cables, WiFi points, other sectors’ works, streets and communes.',
      },
      { title: 'Hatang OGC API – Features', description: 'Passive telecom infrastructure of Hai Phong' },
      [
        {
          href: `${origin}${OPENAPI_PATH}`,
          rel: 'service-desc',
          type: 'application/vnd.oai.openapi+json;version=3.1',
          title: 'OpenAPI 3.1 definition',
        },
        { href: `${origin}${DOCS_PATH}`, rel: 'service-doc', type: 'text/html', title: 'API documentation' },
        {
          href: `${base(c)}/conformance`,
          rel: 'conformance',
          type: 'application/json',
          title: 'Conformance classes',
        },
        { href: `${base(c)}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      ],
    );
  }),

  defineRoute(endpoints.conformance, READ_OGC, (c) =>
    respond(
      c,
      endpoints.conformance,
      { title: 'Conformance', description: 'The OGC conformance classes this API meets.' },
      { conformsTo: OGC_CONFORMANCE },
      [],
    ),
  ),

  defineRoute(endpoints.collections, READ_OGC, async (c) => {
    const bbox = await cityBbox(c);
    const collections = OGC_COLLECTIONS.map((collection) => describe(c, collection, bbox));
    return respond(
      c,
      endpoints.collections,
      { title: 'Collections', description: 'Every layer of the register.' },
      { collections, crs: SUPPORTED_CRS_URIS },
      collections.map((col) => ({
        href: `${base(c)}/collections/${col.id}`,
        rel: 'item',
        type: 'text/html',
        title: col.title,
      })),
    );
  }),

  defineRoute(endpoints.collection, READ_OGC, async (c, { params }) => {
    const collection = collectionOr404(params.collectionId);
    const { links, ...doc } = describe(c, collection, await cityBbox(c));
    return respond(
      c,
      endpoints.collection,
      { title: collection.title, description: collection.description },
      doc,
      links,
    );
  }),

  defineRoute(endpoints.items, READ_OGC, async (c, { params }) => {
    const collection = collectionOr404(params.collectionId);
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
    const page = await queryItems(
      c.var.services.db,
      collection,
      { bbox: bbox && bboxToWgs84(bbox, bboxCrs), limit, offset },
      c.get('principal'),
    );
    const features = page.features.map((f) => ({ ...f, geometry: reprojectGeometry(f.geometry, crs) }));
    const links: OgcLink[] = [
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
      endpoints.items,
      {
        title: `${collection.title}: features ${offset + 1}–${offset + features.length} of ${page.numberMatched}`,
        description: collection.description,
      },
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
  }),

  defineRoute(endpoints.item, READ_OGC, async (c, { params }) => {
    const collection = collectionOr404(params.collectionId);
    const crsUri = c.req.query('crs') ?? CRS84;
    const crs = crsCodeOf(crsUri);
    if (!crs)
      throw validationFailed([
        { path: ['crs'], message: `crs must be one of ${SUPPORTED_CRS_URIS.join(', ')}` },
      ]);
    const feature = await findItem(c.var.services.db, collection, params.featureId, c.get('principal'));
    if (!feature) throw notFound(`Feature ${params.featureId} in ${collection.id}`);
    c.header('Content-Crs', `<${crsUri}>`);
    const response = respond(
      c,
      endpoints.item,
      { title: `${collection.title}: ${feature.id}`, description: collection.description },
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
  }),
];
