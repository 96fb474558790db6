/**
 * Site offers by communes and the key sites register (Plan 317/KH-UBND). Geometry is WGS 84
 * `[lng, lat]`, a Point or a Polygon; areas in m², heights and distances in metres.
 */
import { z } from 'zod';
import { type Issue, isoDate, metres, toIssues, uuid } from './common.js';
import { geometryOf, type PointGeometry, type PolygonGeometry } from './geometry.js';

export type SiteGeometry = PointGeometry | PolygonGeometry;

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

export interface SiteOfferProperties extends Omit<SiteOfferWritable, 'adminUnitCode' | 'offeringOrgId'> {
  adminUnitCode: string | null;
  offeringOrgId: string;
  offeringOrgName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SiteOfferFeature {
  type: 'Feature';
  id: string;
  geometry: SiteGeometry;
  properties: SiteOfferProperties;
}

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

/** The categories of Plan 317's broadband target, plus the WiFi target's commune centres and cultural houses. */
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
};

export const keySiteProperties = z.strictObject({
  category: keySiteCategory,
  name: text(200),
  /** Derived from the geometry when omitted (null outside every unit). */
  adminUnitCode: adminUnitCode.nullable().optional(),
  source: z.string().trim().max(500).nullable().default(null),
});
export type KeySiteWritable = z.infer<typeof keySiteProperties>;

export interface KeySiteProperties extends Omit<KeySiteWritable, 'adminUnitCode'> {
  adminUnitCode: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface KeySiteFeature {
  type: 'Feature';
  id: string;
  geometry: SiteGeometry;
  properties: KeySiteProperties;
}

export const keySiteListQuery = z.strictObject({
  bbox: z.string().optional(),
  category: keySiteCategory.optional(),
  commune: adminUnitCode.optional(),
});

/**
 * `POST /key-sites/import`: the file's text. CSV: `name`, `category`, optional `adminUnitCode`
 * and `source`, and lng/lat (WGS 84) or X/Y (VN-2000, `crs` EPSG:9210 by default) columns.
 * GeoJSON: Point/Polygon features with those properties. All rows land or none.
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

/** One rejected row of an import; `row` is 1-based (the CSV header is not counted). */
export interface KeySiteImportIssue {
  row: number;
  field: string;
  message: string;
}

export interface KeySiteImportResult {
  imported: number;
  ids: string[];
}

/** Distances that decide the key-site flags, metres. */
export const keySiteStatusQuery = z.strictObject({
  commune: adminUnitCode.optional(),
  category: keySiteCategory.optional(),
  /** A site has fiber when an existing fiber cable route or duct passes within this distance (default 200 m). */
  fiberDistanceM: z.coerce.number().positive().max(5000).default(200),
  /** A site has WiFi when an existing public WiFi point is within this distance (default 100 m). */
  wifiDistanceM: z.coerce.number().positive().max(5000).default(100),
});

export interface KeySiteFlags {
  hasFiber: boolean;
  has4g: boolean;
  has5g: boolean;
  hasWifi: boolean;
  /** Distance to the nearest existing fiber route or duct, metres (null: none searched nearby). */
  fiberDistanceM: number | null;
  wifiDistanceM: number | null;
}

export interface KeySiteStatusSummary {
  /** Category, or `category` within a commune when `?commune=` is given. */
  category: KeySiteCategory;
  total: number;
  withFiber: number;
  with4g: number;
  with5g: number;
  withWifi: number;
}
