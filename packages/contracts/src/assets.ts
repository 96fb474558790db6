import { z } from 'zod';
import { count, isoDate, metres, uuid } from './common.js';
import { assetShape, defineResource } from './resource.js';

/**
 * Antenna tower classes: non-bulky A1, bulky A2a/A2b/A2c. legal: jc-15-2016-ttlt-btttt-bxd (bulky /
 * non-bulky); legal: hp-kh-153-2018-kh-ubnd (the A1 and A2a names).
 */
export const towerClass = z.enum(['A1', 'A2a', 'A2b', 'A2c']);
export const technology = z.enum(['2G', '3G', '4G', '5G']);
export type Technology = z.infer<typeof technology>;

export const towers = defineResource({
  path: 'towers',
  table: 'towers',
  geometryType: 'Point',
  labels: { vi: 'Trạm BTS / cột ăng-ten', en: 'Antenna towers (BTS)' },
  shape: assetShape({
    towerClass,
    structure: z.enum(['monopole', 'lattice', 'guyed', 'rooftop_pole', 'camouflaged', 'other']),
    placement: z.enum(['ground', 'rooftop']),
    /** Height of the structure above its base (ground or roof), metres. */
    heightM: metres(200),
    /** Height of the building under a rooftop tower, metres; only for rooftop towers. */
    buildingHeightM: metres(300).nullable().default(null),
    /** Ground elevation above sea level, metres. */
    groundElevationM: z.number().min(-50).max(3000).nullable().default(null),
    antennaSlotsTotal: count(1, 100),
    tenantsMax: count(1, 10),
    powerBackupHours: z.number().min(0).max(720).nullable().default(null),
  }),
  crossCheck: (p) =>
    p.placement === 'rooftop' && p.buildingHeightM === null
      ? [{ path: ['buildingHeightM'], message: 'a rooftop tower needs the building height' }]
      : p.placement === 'ground' && p.buildingHeightM !== null
        ? [{ path: ['buildingHeightM'], message: 'only rooftop towers have a building height' }]
        : [],
  filters: ['status', 'ownerOrgId', 'code', 'towerClass', 'placement', 'structure'],
});

export const poles = defineResource({
  path: 'poles',
  table: 'poles',
  geometryType: 'Point',
  labels: { vi: 'Cột treo cáp', en: 'Poles' },
  shape: assetShape({
    material: z.enum(['concrete', 'steel', 'wood', 'composite']),
    ownerSector: z.enum(['telecom', 'power', 'lighting']),
    heightM: metres(40),
    attachmentsUsed: count(0, 100),
    attachmentsMax: count(0, 100),
  }),
  crossCheck: (p) =>
    p.attachmentsUsed > p.attachmentsMax
      ? [
          {
            path: ['attachmentsUsed'],
            message: `attachments used (${p.attachmentsUsed}) exceed the maximum (${p.attachmentsMax})`,
          },
        ]
      : [],
  filters: ['status', 'ownerOrgId', 'code', 'material', 'ownerSector'],
});

export const manholes = defineResource({
  path: 'manholes',
  table: 'manholes',
  geometryType: 'Point',
  labels: { vi: 'Hố ga / bể cáp', en: 'Manholes' },
  shape: assetShape({
    manholeType: z.enum(['manhole', 'handhole', 'joint_chamber']),
    covers: count(1, 4),
    depthM: metres(10),
  }),
  filters: ['status', 'ownerOrgId', 'code', 'manholeType'],
});

export const ducts = defineResource({
  path: 'ducts',
  table: 'ducts',
  geometryType: 'LineString',
  labels: { vi: 'Cống bể cáp', en: 'Cable ducts' },
  shape: assetShape({
    tubesTotal: count(1, 96),
    tubesUsed: count(0, 96),
    diameterMm: z.number().positive().max(500),
    depthM: metres(10),
    fromManholeId: uuid.nullable().default(null),
    toManholeId: uuid.nullable().default(null),
  }),
  crossCheck: (p) =>
    p.tubesUsed > p.tubesTotal
      ? [{ path: ['tubesUsed'], message: `tubes used (${p.tubesUsed}) exceed tubes total (${p.tubesTotal})` }]
      : [],
  filters: ['status', 'ownerOrgId', 'code'],
});

export const utilitySector = z.enum(['telecom', 'power', 'lighting', 'water', 'drainage', 'road']);

export const trenchesTunnels = defineResource({
  path: 'trenches-tunnels',
  table: 'trenches_tunnels',
  geometryType: 'LineString',
  labels: { vi: 'Hào kỹ thuật / tuy-nen kỹ thuật', en: 'Trenches and tunnels' },
  shape: assetShape({
    kind: z.enum(['trench', 'tunnel']),
    widthM: metres(20),
    depthM: metres(30),
    sharedWith: z.array(utilitySector).max(6).default([]),
  }),
  filters: ['status', 'ownerOrgId', 'code', 'kind'],
});

export const cableRoutes = defineResource({
  path: 'cable-routes',
  table: 'cable_routes',
  geometryType: 'LineString',
  labels: { vi: 'Tuyến cáp', en: 'Cable routes' },
  shape: assetShape({
    cableType: z.enum(['fiber', 'copper', 'coaxial']),
    coreCount: count(1, 6912),
    placement: z.enum(['aerial', 'underground', 'submarine']),
  }),
  filters: ['status', 'ownerOrgId', 'code', 'cableType', 'placement'],
});

export const landingStations = defineResource({
  path: 'landing-stations',
  table: 'landing_stations',
  geometryType: 'Point',
  labels: { vi: 'Trạm cập bờ', en: 'Landing stations' },
  shape: assetShape({
    name: z.string().trim().min(1).max(200),
    protectionRadiusM: metres(5000),
  }),
  filters: ['status', 'ownerOrgId', 'code'],
});

export const submarineCables = defineResource({
  path: 'submarine-cables',
  table: 'submarine_cables',
  geometryType: 'LineString',
  labels: { vi: 'Cáp quang biển', en: 'Submarine cables' },
  shape: assetShape({
    name: z.string().trim().min(1).max(200),
    fiberPairs: count(1, 48),
    /** Width of the protection corridor centred on the cable, metres. */
    corridorWidthM: metres(10_000),
    landingStationId: uuid.nullable().default(null),
  }),
  filters: ['status', 'ownerOrgId', 'code'],
});

export const wifiPoints = defineResource({
  path: 'wifi-points',
  table: 'wifi_points',
  geometryType: 'Point',
  labels: { vi: 'Điểm WiFi công cộng', en: 'Public WiFi points' },
  shape: assetShape({
    name: z.string().trim().min(1).max(200),
    siteType: z.enum(['cultural_house', 'commune_centre', 'public_space']),
    bandwidthMbps: z.number().positive().max(100_000),
  }),
  filters: ['status', 'ownerOrgId', 'code', 'siteType'],
});

export const civilWorks = defineResource({
  path: 'civil-works',
  table: 'civil_works',
  geometryType: 'LineString',
  labels: { vi: 'Công trình ngành khác', en: 'Civil works (other sectors)' },
  shape: assetShape({
    name: z.string().trim().min(1).max(200),
    sector: z.enum(['road', 'power', 'water', 'lighting', 'drainage']),
    startsOn: isoDate,
    endsOn: isoDate,
  }),
  crossCheck: (p) =>
    p.endsOn < p.startsOn
      ? [{ path: ['endsOn'], message: `ends on ${p.endsOn}, before it starts (${p.startsOn})` }]
      : [],
  filters: ['status', 'ownerOrgId', 'code', 'sector'],
});

export const dataCentres = defineResource({
  path: 'data-centres',
  table: 'data_centres',
  geometryType: 'Point',
  labels: { vi: 'Trung tâm dữ liệu', en: 'Data centres' },
  shape: assetShape({
    name: z.string().trim().min(1).max(200),
    /** Rating level as the operator declares it (Uptime Institute / TIA-942 I–IV); null when not rated. */
    tier: z.enum(['I', 'II', 'III', 'IV']).nullable().default(null),
    /** A green-building or energy-management certificate, `none` without one. */
    greenCertification: z.enum(['none', 'leed', 'lotus', 'edge', 'iso_50001', 'other']),
    /** Design IT power, megawatts. */
    powerMw: z.number().positive('must be greater than 0 MW').max(1000, 'must be at most 1000 MW'),
    /** Power usage effectiveness (facility power ÷ IT power) as reported; null when unknown. */
    pue: z.number().min(1).max(5).nullable().default(null),
  }),
  filters: ['status', 'ownerOrgId', 'code', 'greenCertification'],
});

export const streetDeviceType = z.enum([
  'surveillance_camera',
  'iot_sensor',
  'small_cell',
  'streetlight_controller',
]);

export const streetDevices = defineResource({
  path: 'street-devices',
  table: 'street_devices',
  geometryType: 'Point',
  labels: { vi: 'Thiết bị trên cột và hạ tầng đô thị', en: 'Devices on poles and street furniture' },
  shape: assetShape({
    deviceType: streetDeviceType,
    /** The shared pole the device hangs on; null for a standalone device. */
    poleId: uuid.nullable().default(null),
    /** Mounting height above ground, metres. */
    mountHeightM: metres(60).nullable().default(null),
    /** How far a surveillance camera sees usefully along the street, metres (cameras only). */
    viewRangeM: metres(1000).nullable().default(null),
  }),
  crossCheck: (p) =>
    p.deviceType === 'surveillance_camera' && p.viewRangeM === null
      ? [{ path: ['viewRangeM'], message: 'a surveillance camera needs its view range (m)' }]
      : p.deviceType !== 'surveillance_camera' && p.viewRangeM !== null
        ? [{ path: ['viewRangeM'], message: 'only surveillance cameras have a view range' }]
        : [],
  filters: ['status', 'ownerOrgId', 'code', 'deviceType'],
});

export const inBuildingSystems = defineResource({
  path: 'in-building-systems',
  table: 'in_building_systems',
  geometryType: 'Point',
  labels: { vi: 'Hạ tầng viễn thông trong tòa nhà', en: 'In-building telecom systems' },
  shape: assetShape({
    buildingName: z.string().trim().min(1).max(200),
    buildingType: z.enum([
      'apartment',
      'office',
      'commercial',
      'hotel',
      'hospital',
      'school',
      'public_building',
      'other',
    ]),
    floors: count(1, 200),
    /** A shared indoor mobile system (DAS or small cells) several operators can use. */
    sharedSystem: z.boolean(),
    /** A vertical fibre riser with room for every operator. */
    fibreRiser: z.boolean(),
    /** Operators whose service reaches the building's users through it (organisation ids). */
    operatorsServed: z.array(uuid).max(20).default([]),
    complianceStatus: z.enum(['compliant', 'non_compliant', 'not_assessed']),
  }),
  crossCheck: (p) =>
    new Set(p.operatorsServed).size !== p.operatorsServed.length
      ? [{ path: ['operatorsServed'], message: 'an operator is listed twice' }]
      : [],
  filters: ['status', 'ownerOrgId', 'code', 'buildingType', 'complianceStatus'],
});

/** Every editable asset resource, in the order the UI lists them. */
export const assetResources = [
  towers,
  poles,
  manholes,
  ducts,
  trenchesTunnels,
  cableRoutes,
  submarineCables,
  landingStations,
  wifiPoints,
  dataCentres,
  streetDevices,
  inBuildingSystems,
  civilWorks,
] as const;

/**
 * An asset kind, named by its URL segment: the key of every per-kind table in the code (field
 * tiers, tile settings, map layers, fixtures, seeds). Tables declared
 * `satisfies Record<AssetPath, …>` fail to compile when a kind is added and they miss it.
 */
export type AssetPath = (typeof assetResources)[number]['path'];
/** The definition of one asset kind. */
export type AssetDefinition<P extends AssetPath = AssetPath> = Extract<
  (typeof assetResources)[number],
  { path: P }
>;
/** The writable properties of one asset kind, as its contract parses them. */
export type AssetPropertiesOf<P extends AssetPath> = z.infer<z.ZodObject<AssetDefinition<P>['shape']>>;

const ASSETS_BY_PATH: ReadonlyMap<string, AssetDefinition> = new Map(assetResources.map((r) => [r.path, r]));
/** The asset kind at a URL segment, or undefined when it names none. */
export const assetResourceAt = (path: string): AssetDefinition | undefined => ASSETS_BY_PATH.get(path);
/** True when `path` names an asset kind. */
export const isAssetPath = (path: string): path is AssetPath => ASSETS_BY_PATH.has(path);

/** Each asset kind's name in `lang`, keyed by its path (for the web's dictionaries). */
export function assetKindNames(lang: 'vi' | 'en'): Record<AssetPath, string> {
  return Object.fromEntries(assetResources.map((r) => [r.path, r.labels[lang]])) as Record<AssetPath, string>;
}
