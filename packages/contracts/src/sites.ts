/**
 * Site offers by communes and the key sites register (Plan 317/KH-UBND). Geometry is WGS 84
 * `[lng, lat]`, a Point or a Polygon (key-site corridors: a LineString or MultiLineString); areas
 * in m², heights, lengths and distances in metres.
 * legal: plan-317-2025-kh-ubnd
 */
import { z } from 'zod';
import { type Issue, isoDate, metres, toIssues, uuid } from './common.js';
import {
  geometryOf,
  type LineStringGeometry,
  type PointGeometry,
  type PolygonGeometry,
  type Position,
} from './geometry.js';

export type SiteGeometry = PointGeometry | PolygonGeometry;

/** Several lines (a corridor in parts), each `[lng, lat]` positions. */
export interface MultiLineStringGeometry {
  type: 'MultiLineString';
  coordinates: Position[][];
  bbox?: number[];
}

/** A key site's geometry: a Point or a Polygon, or for a corridor a LineString or MultiLineString. */
export type KeySiteGeometry = SiteGeometry | LineStringGeometry | MultiLineStringGeometry;

/** `[lng, lat]`, degrees. */
const outputPosition = z.tuple([z.number(), z.number()]);
/** A site's geometry as the API answers it (what it accepts is {@link parseSiteGeometry}'s). */
export const siteGeometryOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: outputPosition }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(outputPosition)) }),
]);

/** A key site's geometry as the API answers it (what it accepts is {@link parseKeySiteGeometry}'s). */
export const keySiteGeometryOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: outputPosition }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(outputPosition)) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(outputPosition) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(outputPosition)) }),
]);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const adminUnitCode = z.string().regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code');

/** Validates a Point or a Polygon (every problem with its path under `geometry`). */
export function parseSiteGeometry(value: unknown): { geometry?: SiteGeometry; issues: Issue[] } {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type !== 'Point' && type !== 'Polygon') {
    return { issues: [{ path: ['geometry', 'type'], message: 'must be "Point" or "Polygon"' }] };
  }
  const parsed = geometryOf(type).safeParse(value);
  if (!parsed.success) return { issues: toIssues(parsed.error, ['geometry']) };
  return { geometry: parsed.data, issues: [] };
}

/**
 * Validates a key site's geometry: a Point, a Polygon, a LineString or a MultiLineString (each
 * part checked as a LineString; every problem with its path under `geometry`). Whether the type
 * suits the category is {@link keySiteGeometryIssues}'.
 */
export function parseKeySiteGeometry(value: unknown): { geometry?: KeySiteGeometry; issues: Issue[] } {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (type === 'Point' || type === 'Polygon') return parseSiteGeometry(value);
  if (type === 'LineString') {
    const parsed = geometryOf('LineString').safeParse(value);
    if (!parsed.success) return { issues: toIssues(parsed.error, ['geometry']) };
    return { geometry: parsed.data, issues: [] };
  }
  if (type !== 'MultiLineString') {
    return {
      issues: [
        {
          path: ['geometry', 'type'],
          message: 'must be "Point", "Polygon", "LineString" or "MultiLineString"',
        },
      ],
    };
  }
  const parts = (value as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(parts) || parts.length === 0)
    return { issues: [{ path: ['geometry', 'coordinates'], message: 'must be a non-empty array of lines' }] };
  const issues: Issue[] = [];
  const lines: Position[][] = [];
  parts.forEach((coordinates, i) => {
    const part = geometryOf('LineString').safeParse({ type: 'LineString', coordinates });
    if (part.success) lines.push(part.data.coordinates);
    else
      for (const issue of toIssues(part.error, []))
        issues.push({ path: ['geometry', 'coordinates', i, ...issue.path.slice(1)], message: issue.message });
  });
  if (issues.length > 0) return { issues };
  return { geometry: { type: 'MultiLineString', coordinates: lines }, issues: [] };
}

/**
 * `POST /site-offers` and `POST /key-sites`: a GeoJSON Feature. The API checks its geometry (a
 * Point or a Polygon, `[lng, lat]` WGS 84) and its properties (SiteOfferProperties or
 * KeySiteProperties) itself, reporting every problem of both at once under `geometry` and
 * `properties`.
 */
export const siteFeatureBody = z.object(
  {
    type: z.literal('Feature', { error: 'must be "Feature"' }),
    geometry: z.unknown().meta({
      description:
        'A GeoJSON Point or Polygon, [lng, lat] in WGS 84 (a key-site road or rail corridor: a LineString or MultiLineString)',
    }),
    properties: z.unknown().meta({ description: "The site's properties" }),
  },
  { error: 'the body must be a GeoJSON Feature' },
);

// ---------------------------------------------------------------------------------------------
// Site offers
// ---------------------------------------------------------------------------------------------

/** What is offered: a public land plot, or the roof of a (public) building. */
export const siteOfferKind = z.enum(['land_plot', 'building_roof']);
export type SiteOfferKind = z.infer<typeof siteOfferKind>;
/** For what: an antenna tower, a street cabinet, or either. */
export const siteOfferPurpose = z.enum(['tower', 'cabinet', 'both']);
export type SiteOfferPurpose = z.infer<typeof siteOfferPurpose>;
/** published: open to operators; withdrawn by the commune; taken by an operator. */
export const siteOfferStatus = z.enum(['published', 'withdrawn', 'taken']);
export type SiteOfferStatus = z.infer<typeof siteOfferStatus>;

const siteOfferFields = {
  name: text(200),
  offerKind: siteOfferKind,
  purpose: siteOfferPurpose,
  /** Usable area, m². */
  areaM2: z.number().positive('must be greater than 0 m²').max(1_000_000, 'must be at most 1 000 000 m²'),
  /** Tallest structure the commune allows there, metres above ground (or above the roof). */
  maxStructureHeightM: metres(200).nullable().default(null),
  /** Height of the building whose roof is offered, metres (required for roofs). */
  buildingHeightM: metres(300).nullable().default(null),
  conditions: z.string().trim().max(4000).nullable().default(null),
  contactName: text(120),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[+0-9 ().-]{6,40}$/, 'must be a phone number')
    .nullable()
    .default(null),
  contactEmail: z.email({ message: 'must be an e-mail address' }).max(254).nullable().default(null),
  availableFrom: isoDate.nullable().default(null),
  availableUntil: isoDate.nullable().default(null),
  status: siteOfferStatus.default('published'),
  /** Derived from the geometry when omitted (null outside every unit). */
  adminUnitCode: adminUnitCode.nullable().optional(),
  /** Defaults to the publisher's organisation; planners and admins may publish for a commune. */
  offeringOrgId: uuid.optional(),
};

const siteOfferObject = z.strictObject(siteOfferFields);
/** Writable properties of a site offer (POST, and the merged result of a PATCH). */
export const siteOfferProperties = siteOfferObject.superRefine((o, ctx) => {
  if (o.offerKind === 'building_roof' && o.buildingHeightM === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['buildingHeightM'],
      message: 'a roof offer needs the building height (m)',
    });
  }
  if (o.availableFrom && o.availableUntil && o.availableUntil < o.availableFrom) {
    ctx.addIssue({ code: 'custom', path: ['availableUntil'], message: 'must not be before availableFrom' });
  }
});
export type SiteOfferWritable = z.infer<typeof siteOfferObject>;

/** A stored record's version and times (ISO 8601, UTC). */
const stored = {
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** A site offer's properties as the API answers them. */
export const siteOfferPropertiesOutput = z.object({
  name: z.string(),
  offerKind: siteOfferKind,
  purpose: siteOfferPurpose,
  areaM2: z.number(),
  maxStructureHeightM: z.number().nullable(),
  buildingHeightM: z.number().nullable(),
  conditions: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** YYYY-MM-DD. */
  availableFrom: z.string().nullable(),
  availableUntil: z.string().nullable(),
  status: siteOfferStatus,
  adminUnitCode: z.string().nullable(),
  offeringOrgId: z.string(),
  offeringOrgName: z.string(),
  ...stored,
});
export type SiteOfferProperties = z.infer<typeof siteOfferPropertiesOutput>;

export const siteOfferFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: siteGeometryOutput,
  properties: siteOfferPropertiesOutput,
});
export type SiteOfferFeature = z.infer<typeof siteOfferFeature>;
export const siteOfferCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(siteOfferFeature),
});

/** `GET /site-offers`: `bbox`, `status` (default published; `all` for every status), `commune`. */
export const siteOfferListQuery = z.strictObject({
  bbox: z.string().optional(),
  status: z.union([siteOfferStatus, z.literal('all')]).default('published'),
  commune: adminUnitCode.optional(),
  purpose: siteOfferPurpose.optional(),
});

// ---------------------------------------------------------------------------------------------
// Key sites
// ---------------------------------------------------------------------------------------------

/**
 * The categories of Plan 317's broadband target, the WiFi target's commune centres and cultural
 * houses, and the key areas where section III.1 asks for 5G: transport hubs (airport, seaport
 * passenger terminal, railway or bus station, ferry terminal), road and rail corridors (lines),
 * hotels, heritage sites (historical-cultural relics, scenic spots), colleges and universities.
 * legal: plan-317-2025-kh-ubnd
 */
export const keySiteCategory = z.enum([
  'seaport',
  'industrial_park',
  'industrial_cluster',
  'it_park',
  'research_centre',
  'school',
  'hospital',
  'state_agency',
  'commercial_area',
  'tourist_site',
  'commune_centre',
  'cultural_house',
  'transport_hub',
  'road_corridor',
  'rail_corridor',
  'hotel',
  'heritage_site',
  'college_university',
]);
export type KeySiteCategory = z.infer<typeof keySiteCategory>;
export const KEY_SITE_CATEGORIES = keySiteCategory.options;

/** Category labels for the UI and exports. */
export const KEY_SITE_CATEGORY_LABELS: Record<KeySiteCategory, { vi: string; en: string }> = {
  seaport: { vi: 'Cảng biển', en: 'Seaport' },
  industrial_park: { vi: 'Khu công nghiệp', en: 'Industrial park' },
  industrial_cluster: { vi: 'Cụm công nghiệp', en: 'Industrial cluster' },
  it_park: { vi: 'Khu công nghệ thông tin tập trung', en: 'IT park' },
  research_centre: { vi: 'Viện, trung tâm nghiên cứu', en: 'Research centre' },
  school: { vi: 'Trường học', en: 'School' },
  hospital: { vi: 'Bệnh viện', en: 'Hospital' },
  state_agency: { vi: 'Cơ quan nhà nước', en: 'State agency' },
  commercial_area: { vi: 'Khu thương mại', en: 'Commercial area' },
  tourist_site: { vi: 'Khu, điểm du lịch', en: 'Tourist site' },
  commune_centre: { vi: 'Trung tâm xã', en: 'Commune centre' },
  cultural_house: { vi: 'Nhà văn hóa thôn', en: 'Village cultural house' },
  transport_hub: { vi: 'Đầu mối giao thông', en: 'Transport hub' },
  road_corridor: { vi: 'Tuyến đường bộ', en: 'Road corridor' },
  rail_corridor: { vi: 'Tuyến đường sắt', en: 'Rail corridor' },
  hotel: { vi: 'Khách sạn', en: 'Hotel' },
  heritage_site: { vi: 'Di tích, danh lam thắng cảnh', en: 'Heritage site' },
  college_university: { vi: 'Trường cao đẳng, đại học', en: 'College or university' },
};

/** The categories drawn as lines (LineString or MultiLineString); every other one is a Point or a Polygon. */
export const KEY_SITE_CORRIDOR_CATEGORIES: readonly KeySiteCategory[] = ['road_corridor', 'rail_corridor'];
export const isCorridorCategory = (category: KeySiteCategory): boolean =>
  KEY_SITE_CORRIDOR_CATEGORIES.includes(category);

/**
 * Whether the geometry's type suits the category: corridors are lines, everything else a Point
 * or a Polygon (the table's CHECK says the same). The issue is at `geometry.type`.
 */
export function keySiteGeometryIssues(category: KeySiteCategory, geometry: KeySiteGeometry): Issue[] {
  const isLine = geometry.type === 'LineString' || geometry.type === 'MultiLineString';
  if (isCorridorCategory(category) === isLine) return [];
  return [
    {
      path: ['geometry', 'type'],
      message: isLine
        ? `a ${category} key site must be a "Point" or "Polygon" (only road_corridor and rail_corridor are lines)`
        : `a ${category} key site must be a "LineString" or "MultiLineString", not a "${geometry.type}"`,
    },
  ];
}

export const keySiteProperties = z.strictObject({
  category: keySiteCategory,
  name: text(200),
  /** Derived from the geometry when omitted (null outside every unit). */
  adminUnitCode: adminUnitCode.nullable().optional(),
  source: z.string().trim().max(500).nullable().default(null),
});
export type KeySiteWritable = z.infer<typeof keySiteProperties>;

/** A key site's properties as the API answers them. */
export const keySitePropertiesOutput = z.object({
  category: keySiteCategory,
  name: z.string(),
  adminUnitCode: z.string().nullable(),
  source: z.string().nullable(),
  ...stored,
});
export type KeySiteProperties = z.infer<typeof keySitePropertiesOutput>;

export const keySiteFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: keySiteGeometryOutput,
  properties: keySitePropertiesOutput,
});
export type KeySiteFeature = z.infer<typeof keySiteFeature>;
export const keySiteCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(keySiteFeature),
});

export const keySiteListQuery = z.strictObject({
  bbox: z.string().optional(),
  category: keySiteCategory.optional(),
  commune: adminUnitCode.optional(),
});

/**
 * `POST /key-sites/import`: the file's text. CSV: `name`, `category`, optional `adminUnitCode`
 * and `source`, and lng/lat (WGS 84) or X/Y (VN-2000, `crs` EPSG:9210 by default) columns, or a
 * WKT column (`wkt`/`geometry`: POINT, POLYGON, LINESTRING, MULTILINESTRING; WGS 84 unless `crs`).
 * GeoJSON: Point/Polygon features with those properties, and LineString/MultiLineString features
 * for the road and rail corridors (lines for any other category, or a point corridor, are refused
 * per row). All rows land or none.
 */
export const keySiteImportRequest = z.strictObject({
  format: z.enum(['csv', 'geojson']),
  content: z.string().min(1, 'must not be empty').max(4_000_000),
  /** CRS of projected X/Y columns (CSV) or of a GeoJSON without a `crs` member. */
  crs: z.enum(['EPSG:4326', 'EPSG:9210', 'EPSG:9209']).optional(),
  /** Source recorded on rows that give none. */
  source: z.string().trim().max(500).optional(),
});
export type KeySiteImportRequest = z.infer<typeof keySiteImportRequest>;

/** One rejected row of an import; `row` is 1-based (the CSV header is not counted; 0: the file). */
export const keySiteImportIssue = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type KeySiteImportIssue = z.infer<typeof keySiteImportIssue>;

export const keySiteImportResult = z.object({ imported: z.number().int(), ids: z.array(z.string()) });
export type KeySiteImportResult = z.infer<typeof keySiteImportResult>;

/** Distances that decide the key-site flags, metres. */
export const keySiteStatusQuery = z.strictObject({
  commune: adminUnitCode.optional(),
  category: keySiteCategory.optional(),
  /** A site has fiber when an existing fiber cable route or duct passes within this distance (default 200 m). */
  fiberDistanceM: z.coerce.number().positive().max(5000).default(200),
  /** A site has WiFi when an existing public WiFi point is within this distance (default 100 m). */
  wifiDistanceM: z.coerce.number().positive().max(5000).default(100),
  /** A corridor has 4G/5G when at least this share (0–1) of its length is covered (default 0.95). */
  corridorCoveredShare: z.coerce.number().gt(0).max(1).default(0.95),
});

export const keySiteFlags = z.object({
  hasFiber: z.boolean(),
  has4g: z.boolean(),
  has5g: z.boolean(),
  hasWifi: z.boolean(),
  /** Distance to the nearest existing fiber route or duct, metres (null: none searched nearby). */
  fiberDistanceM: z.number().nullable(),
  wifiDistanceM: z.number().nullable(),
  /**
   * Corridors: the share (0–1) of the line's length inside 5G coverage; the corridor has 5G when
   * it reaches `corridorCoveredShare`. null for points and polygons (covered when reached at all).
   */
  covered5gLengthShare: z.number().nullable(),
});
export type KeySiteFlags = z.infer<typeof keySiteFlags>;

export const keySiteStatusSummary = z.object({
  /** Category, or `category` within a commune when `?commune=` is given. */
  category: keySiteCategory,
  total: z.number().int(),
  withFiber: z.number().int(),
  with4g: z.number().int(),
  with5g: z.number().int(),
  withWifi: z.number().int(),
});
export type KeySiteStatusSummary = z.infer<typeof keySiteStatusSummary>;

/** A key site with its flags (`GET /key-sites/status`). */
export const keySiteWithFlags = keySiteFeature.extend({
  properties: keySitePropertiesOutput.extend(keySiteFlags.shape),
});
export type KeySiteWithFlags = z.infer<typeof keySiteWithFlags>;

export const keySiteStatusResponse = z.object({
  type: z.literal('FeatureCollection'),
  /** The `?commune=` asked for, or null for the whole city. */
  commune: z.string().nullable(),
  fiberDistanceM: z.number(),
  wifiDistanceM: z.number(),
  corridorCoveredShare: z.number(),
  /** One entry per category that has sites. */
  summary: z.array(keySiteStatusSummary),
  features: z.array(keySiteWithFlags),
});
export type KeySiteStatusResponse = z.infer<typeof keySiteStatusResponse>;
