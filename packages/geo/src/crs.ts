/**
 * Coordinate reference systems used for Hai Phong data: WGS 84, VN-2000 (the Vietnamese national
 * datum) on its 3° provincial TM zones and 6° UTM zone, and WGS 84 / UTM 48N.
 *
 * Browser-safe: proj4 only, no node:* imports.
 *
 * Axis conventions — read this before touching coordinates:
 * - Everywhere in this module, and in GeoJSON, geographic positions are `[lng, lat]` (WGS 84 unless
 *   stated otherwise) and projected coordinates are `{ x: easting, y: northing }` in metres.
 * - Vietnamese surveying documents (sổ đỏ, bản vẽ hoàn công, cadastral maps) use the Russian/Gauss
 *   convention: **X is the northing and Y is the easting**. A cadastral "X = 2 308 000, Y = 594 000"
 *   is northing 2 308 000, easting 594 000. Use {@link vn2000Label} / {@link fromVn2000Label} to go
 *   between the two conventions; never swap by hand.
 */
import proj4, { type Converter } from 'proj4';

/** A geographic position `[lng, lat]` in decimal degrees. */
export type LngLat = [number, number];

/** Projected coordinates in metres: `x` = easting, `y` = northing (GIS convention). */
export interface ProjectedXY {
  /** Easting in metres (Vietnamese surveying calls this Y). */
  x: number;
  /** Northing in metres (Vietnamese surveying calls this X). */
  y: number;
}

/**
 * Projected coordinates labelled the way Vietnamese surveying does: `X` = northing, `Y` = easting.
 * Only for display, import of survey tables and export to cadastral formats.
 */
export interface Vn2000SurveyXY {
  /** Northing in metres (tọa độ X). */
  X: number;
  /** Easting in metres (tọa độ Y), including the 500 000 m false easting. */
  Y: number;
}

/** Codes of the CRSs this module can transform between. */
export type CrsCode = 'EPSG:4326' | 'EPSG:9210' | 'EPSG:9209' | 'EPSG:3405' | 'EPSG:32648';

/** The VN-2000 projected CRSs. */
export type Vn2000Zone = 'EPSG:9210' | 'EPSG:9209' | 'EPSG:3405';

/**
 * VN-2000 → WGS 84 seven-parameter shift, in proj4's `+towgs84` order and **Position Vector**
 * convention: dX, dY, dZ (m), rX, rY, rZ (arc-seconds), scale (ppm).
 *
 * Source: legal: decision-05-2007-qd-btnmt (not read), as registered by EPSG as transformation 6960
 * "VN-2000 to WGS 84 (2)", method 9607 Coordinate Frame rotation, with rotations
 * rX = -0.00928836″, rY = +0.01975479″, rZ = -0.00427372″. proj4's `towgs84` uses the Position Vector
 * convention, so the rotation signs are flipped here. Using the signs as printed shifts points by
 * ≈ 0.75 m in Hai Phong; dropping the shift altogether moves them by ≈ 225 m.
 */
export const VN2000_TOWGS84 = [
  -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278,
] as const;

const TOWGS84 = `+towgs84=${VN2000_TOWGS84.join(',')}`;

/** VN-2000 3° TM zone (k0 = 0.9999, false easting 500 km) for a central meridian in degrees. */
function vn2000Tm3(centralMeridian: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ${TOWGS84} +units=m +no_defs`;
}

/** Description of a supported CRS. */
export interface CrsInfo {
  code: CrsCode;
  /** Official (EPSG) English name. */
  nameEn: string;
  /** Vietnamese name as used by Sở TN&MT / survey contractors. */
  nameVi: string;
  kind: 'geographic' | 'projected';
  /** Central meridian in degrees, for transverse Mercator CRSs. */
  centralMeridian?: number;
  /** proj4 definition string. */
  proj4: string;
}

/** Every CRS this module supports, Hai Phong's own zone first. */
export const SUPPORTED_CRS: readonly CrsInfo[] = [
  {
    code: 'EPSG:9210',
    nameEn: 'VN-2000 / TM-3 105-45',
    nameVi: 'VN-2000, múi chiếu 3°, kinh tuyến trục 105°45′ (Hải Phòng)',
    kind: 'projected',
    centralMeridian: 105.75,
    proj4: vn2000Tm3(105.75),
  },
  {
    code: 'EPSG:9209',
    nameEn: 'VN-2000 / TM-3 105-30',
    nameVi: 'VN-2000, múi chiếu 3°, kinh tuyến trục 105°30′ (Hải Dương cũ)',
    kind: 'projected',
    centralMeridian: 105.5,
    proj4: vn2000Tm3(105.5),
  },
  {
    code: 'EPSG:3405',
    nameEn: 'VN-2000 / UTM zone 48N',
    nameVi: 'VN-2000, múi chiếu 6° UTM 48N (kinh tuyến trục 105°)',
    kind: 'projected',
    centralMeridian: 105,
    proj4: `+proj=utm +zone=48 +ellps=WGS84 ${TOWGS84} +units=m +no_defs`,
  },
  {
    code: 'EPSG:32648',
    nameEn: 'WGS 84 / UTM zone 48N',
    nameVi: 'WGS 84, múi chiếu UTM 48N (kinh tuyến trục 105°)',
    kind: 'projected',
    centralMeridian: 105,
    proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
  },
  {
    code: 'EPSG:4326',
    nameEn: 'WGS 84',
    nameVi: 'WGS 84, tọa độ địa lý (kinh độ, vĩ độ)',
    kind: 'geographic',
    proj4: '+proj=longlat +datum=WGS84 +no_defs',
  },
];

const BY_CODE = new Map<string, CrsInfo>(SUPPORTED_CRS.map((crs) => [crs.code, crs]));

/** True if `code` is one of {@link SUPPORTED_CRS}. */
export function isSupportedCrs(code: string): code is CrsCode {
  return BY_CODE.has(code);
}

/** The {@link CrsInfo} of a supported CRS. */
export function crsInfo(code: CrsCode): CrsInfo {
  const info = BY_CODE.get(code);
  if (!info) throw new Error(`Unsupported CRS ${code}`);
  return info;
}

const converters = new Map<string, Converter>();

function converter(from: CrsCode, to: CrsCode): Converter {
  const key = `${from}>${to}`;
  let found = converters.get(key);
  if (!found) {
    found = proj4(crsInfo(from).proj4, crsInfo(to).proj4);
    converters.set(key, found);
  }
  return found;
}

/**
 * Transforms one coordinate pair between supported CRSs. Geographic coordinates are `[lng, lat]`,
 * projected ones `[easting, northing]` in metres. Throws if the result is not finite (e.g. a point
 * far outside the projection's domain).
 */
export function transform(
  coord: readonly [number, number],
  fromCrs: CrsCode,
  toCrs: CrsCode,
): [number, number] {
  if (fromCrs === toCrs) return [coord[0], coord[1]];
  const [a, b] = converter(fromCrs, toCrs).forward([coord[0], coord[1]]);
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new Error(`Cannot transform [${coord.join(', ')}] from ${fromCrs} to ${toCrs}`);
  }
  return [a, b];
}

/**
 * WGS 84 `[lng, lat]` → VN-2000 projected `{ x: easting, y: northing }` in metres, applying the
 * national 7-parameter datum shift. Default zone: EPSG:9210, Hai Phong's TM-3 105°45′.
 *
 * Remember that Vietnamese survey documents call the northing X and the easting Y; see
 * {@link vn2000Label}.
 */
export function toVn2000(lngLat: readonly [number, number], zone: Vn2000Zone = 'EPSG:9210'): ProjectedXY {
  const [x, y] = transform(lngLat, 'EPSG:4326', zone);
  return { x, y };
}

/** VN-2000 projected `{ x: easting, y: northing }` → WGS 84 `[lng, lat]`. Inverse of {@link toVn2000}. */
export function fromVn2000(xy: ProjectedXY, zone: Vn2000Zone = 'EPSG:9210'): LngLat {
  return transform([xy.x, xy.y], zone, 'EPSG:4326');
}

/**
 * GIS `{ x: easting, y: northing }` → Vietnamese survey labels `{ X: northing, Y: easting }`.
 * Example: `{ x: 594 000, y: 2 308 000 }` → `{ X: 2 308 000, Y: 594 000 }`.
 */
export function vn2000Label(xy: ProjectedXY): Vn2000SurveyXY {
  return { X: xy.y, Y: xy.x };
}

/** Vietnamese survey labels `{ X: northing, Y: easting }` → GIS `{ x: easting, y: northing }`. */
export function fromVn2000Label(survey: Vn2000SurveyXY): ProjectedXY {
  return { x: survey.Y, y: survey.X };
}

// ---------------------------------------------------------------------------------------------
// Shapefile .prj recognition
// ---------------------------------------------------------------------------------------------

// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the latter splits a run of digits in n ways, so a .prj
// holding `TOWGS84[` and 200 000 digits took minutes (quadratic backtracking).
const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;

function near(value: number | undefined, expected: number, tolerance = 1e-7): boolean {
  return value !== undefined && Math.abs(value - expected) <= tolerance;
}

/** PARAMETER["Central_Meridian",105.75] (WKT1/ESRI) and PARAMETER["Longitude of natural origin",105.75,…] (WKT2). */
function wktParameters(wkt: string): Map<string, number> {
  const parameters = new Map<string, number>();
  const pattern = new RegExp(String.raw`PARAMETER\s*\[\s*"([^"]+)"\s*,\s*(${NUMBER})`, 'gi');
  for (const match of wkt.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase().replace(/[\s_-]+/g, '_');
    parameters.set(name, Number(match[2]));
  }
  return parameters;
}

function firstParameter(parameters: Map<string, number>, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = parameters.get(name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The authority code of the outermost CRS, e.g. `AUTHORITY["EPSG","9210"]]` or `ID["EPSG",9210]]` at the end. */
function outerEpsgCode(wkt: string): string | undefined {
  // Only the end can match: searching the whole text re-scanned `[^\]]*` from every `ID["EPSG",n,`
  // (quadratic in a crafted .prj).
  const match = /(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*(?:,[^\]]*)?\]\s*\]\s*$/i.exec(
    wkt.slice(-400),
  );
  return match ? `EPSG:${match[1]}` : undefined;
}

function hasVn2000Datum(wkt: string): boolean {
  if (/VN[\s_-]?2000|VIET\s*NAM[\s_-]?2000|VIETNAM[\s_-]?2000/i.test(wkt)) return true;
  // A datum shift equal to the national parameters also identifies VN-2000.
  const towgs84 = new RegExp(
    String.raw`TOWGS84\s*\[\s*(${NUMBER})\s*,\s*(${NUMBER})\s*,\s*(${NUMBER})`,
    'i',
  ).exec(wkt);
  return (
    towgs84 !== null && near(Number(towgs84[1]), -191.904, 0.01) && near(Number(towgs84[2]), -39.303, 0.01)
  );
}

function hasWgs84Datum(wkt: string): boolean {
  return /D_WGS_1984|WGS[\s_]?1984|WGS[\s_]?84|World Geodetic System 1984/i.test(wkt);
}

/**
 * Recognises the CRS of a Shapefile `.prj` (ESRI WKT, OGC WKT1 or WKT2) for the CRSs Hai Phong data
 * comes in: VN-2000 TM-3 105°45′ (EPSG:9210) and 105°30′ (EPSG:9209), VN-2000 / UTM 48N (EPSG:3405),
 * WGS 84 / UTM 48N (EPSG:32648) and plain WGS 84 (EPSG:4326). Matching is by parameters (projection,
 * central meridian, scale factor, false easting/northing, metre units, datum), not by name, because
 * Vietnamese tools write many different names for the same zone.
 *
 * Returns `undefined` for anything else, including a TM-3 105°45′ projection on an unrecognised datum:
 * guessing the datum wrong would move every feature by ~225 m.
 */
export function crsFromPrj(wktText: string): CrsCode | undefined {
  const wkt = wktText.trim();
  if (wkt === '') return undefined;

  const declared = outerEpsgCode(wkt);
  if (declared !== undefined && isSupportedCrs(declared)) return declared;

  const isProjected = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\s*\[/i.test(wkt);
  const vn2000 = hasVn2000Datum(wkt);
  const wgs84 = !vn2000 && hasWgs84Datum(wkt);

  if (!isProjected) {
    const isGeographic = /^\s*(GEOGCS|GEOGCRS|GEOGRAPHICCRS|GEODCRS)\s*\[/i.test(wkt);
    return isGeographic && wgs84 && !/TOWGS84\s*\[\s*[-+]?[1-9]/i.test(wkt) ? 'EPSG:4326' : undefined;
  }

  if (!/(PROJECTION|METHOD)\s*\[\s*"(Transverse[\s_]Mercator|Gauss[\s_]Kruger)"/i.test(wkt)) return undefined;
  if (/FOOT|FEET/i.test(wkt)) return undefined;

  const parameters = wktParameters(wkt);
  const centralMeridian = firstParameter(parameters, ['central_meridian', 'longitude_of_natural_origin']);
  const scale = firstParameter(parameters, ['scale_factor', 'scale_factor_at_natural_origin']);
  const falseEasting = firstParameter(parameters, ['false_easting']) ?? 0;
  const falseNorthing = firstParameter(parameters, ['false_northing']) ?? 0;
  const latitudeOfOrigin =
    firstParameter(parameters, ['latitude_of_origin', 'latitude_of_natural_origin']) ?? 0;
  if (!near(falseEasting, 500000, 1e-3) || !near(falseNorthing, 0, 1e-3) || !near(latitudeOfOrigin, 0)) {
    return undefined;
  }

  if (vn2000 && near(scale, 0.9999)) {
    if (near(centralMeridian, 105.75)) return 'EPSG:9210';
    if (near(centralMeridian, 105.5)) return 'EPSG:9209';
    return undefined;
  }
  if (near(scale, 0.9996) && near(centralMeridian, 105)) {
    if (vn2000) return 'EPSG:3405';
    if (wgs84) return 'EPSG:32648';
  }
  return undefined;
}
