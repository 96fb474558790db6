/**
 * Coordinates typed into a search box, as people in Hai Phong write them:
 * - decimal degrees, latitude first or longitude first: "20.8449, 106.6881", "106.6881 20.8449"
 *   (also with decimal commas: "20,8449 106,6881");
 * - degrees, minutes, seconds: `20°50'41.6"N 106°41'17.2"E` (the hemisphere letters optional,
 *   before or after; ′ ″ accepted for ' ");
 * - VN-2000 TM-3, Hai Phong zone (EPSG:9210), as surveyors label it: "X 2308000 Y 594000" with
 *   X the northing and Y the easting, in either order ("594000, 2308000"): the northing is the
 *   number in the millions.
 * Which number is which is decided by range, which is unambiguous around Hai Phong: latitudes
 * 19.5–22.5°, longitudes 104.5–109°; northings 2 100 000–2 500 000 m, eastings 300 000–800 000 m.
 * Browser-safe (proj4 only).
 */
import { fromVn2000, type LngLat, type Vn2000SurveyXY } from './crs.js';

export interface ParsedCoordinates {
  format: 'decimal' | 'dms' | 'vn2000';
  /** The position, `[lng, lat]` WGS 84 degrees. */
  lngLat: LngLat;
  /** For VN-2000 input: the survey coordinates as read (X northing, Y easting, metres). */
  vn2000?: Vn2000SurveyXY;
}

const LAT = [19.5, 22.5] as const;
const LNG = [104.5, 109] as const;
const NORTHING = [2_100_000, 2_500_000] as const;
const EASTING = [300_000, 800_000] as const;

const within = (v: number, [min, max]: readonly [number, number]) => v >= min && v <= max;

/** `[lng, lat]` from two numbers in either order, or null when they do not fit Hai Phong. */
function byRange(a: number, b: number): LngLat | null {
  if (within(a, LAT) && within(b, LNG)) return [b, a];
  if (within(a, LNG) && within(b, LAT)) return [a, b];
  return null;
}

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`;
/** Two plain numbers, optionally labelled X/Y (or x/y, lat/lng …), separated by a comma, semicolon or spaces. */
const PAIR = new RegExp(
  String.raw`^\s*(?:[a-z]{1,3}\s*[:=]?\s*)?(${NUMBER})\s*(?:[,;]|\s)\s*(?:[a-z]{1,3}\s*[:=]?\s*)?(${NUMBER})\s*$`,
  'i',
);

function parsePair(text: string): ParsedCoordinates | null {
  // Decimal commas ("20,8449 106,6881"): only when nothing else could be read as a separator.
  const decimalCommas = /^\s*-?\d+,\d+\s+-?\d+,\d+\s*$/.test(text) ? text.replace(/,/g, '.') : text;
  const match = PAIR.exec(decimalCommas);
  if (!match) return null;
  const a = Number(match[1]);
  const b = Number(match[2]);
  const degrees = byRange(a, b);
  if (degrees) return { format: 'decimal', lngLat: degrees };
  const [northing, easting] = within(a, NORTHING) && within(b, EASTING) ? [a, b] : [b, a];
  if (!within(northing, NORTHING) || !within(easting, EASTING)) return null;
  return {
    format: 'vn2000',
    lngLat: fromVn2000({ x: easting, y: northing }, 'EPSG:9210'),
    vn2000: { X: northing, Y: easting },
  };
}

const ANGLE = String.raw`(\d+(?:[.,]\d+)?)\s*°\s*(?:(\d+(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d+(?:[.,]\d+)?)\s*(?:["″”]|''|′′)\s*)?`;
/** One angle of a DMS text: degrees, optional minutes and seconds, the hemisphere letter before it. */
const DMS_PREFIXED = new RegExp(String.raw`([NSEW])?\s*${ANGLE}`, 'iy');
/** The same with the letter after it (20°50'41.6"N). */
const DMS_SUFFIXED = new RegExp(`${ANGLE}([NSEW])?`, 'iy');

function parseDms(text: string): ParsedCoordinates | null {
  if (!text.includes('°')) return null;
  const source = text.trim().replace(/\s*[,;]\s*(?=[NSEW]?\s*\d+(?:[.,]\d+)?\s*°)/gi, ' ');
  // Letters lead when the text starts with one (N20°… E106°…), else they follow each angle.
  const prefixed = /^[NSEW]/i.test(source);
  const pattern = prefixed ? DMS_PREFIXED : DMS_SUFFIXED;
  const angles: { value: number; hemisphere: string | undefined }[] = [];
  let rest = source;
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const m = pattern.exec(rest);
    if (!m || m[0].length === 0) return null;
    const [deg, min, sec, letter] = prefixed ? [m[2], m[3], m[4], m[1]] : [m[1], m[2], m[3], m[4]];
    const num = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
    const [d, mm, ss] = [num(deg), num(min), num(sec)];
    if (mm >= 60 || ss >= 60) return null;
    const hemisphere = letter?.toUpperCase();
    angles.push({
      value: (d + mm / 60 + ss / 3600) * (hemisphere === 'S' || hemisphere === 'W' ? -1 : 1),
      hemisphere,
    });
    rest = rest.slice(m[0].length).trimStart();
  }
  if (angles.length !== 2) return null;
  const [first, second] = angles as [(typeof angles)[number], (typeof angles)[number]];
  const isLat = (h: string | undefined) => h === 'N' || h === 'S';
  const isLng = (h: string | undefined) => h === 'E' || h === 'W';
  let lngLat: LngLat | null;
  if (isLat(first.hemisphere) || isLng(second.hemisphere)) lngLat = [second.value, first.value];
  else if (isLng(first.hemisphere) || isLat(second.hemisphere)) lngLat = [first.value, second.value];
  else lngLat = byRange(first.value, second.value);
  if (!lngLat || !within(lngLat[0], LNG) || !within(lngLat[1], LAT)) return null;
  return { format: 'dms', lngLat };
}

/**
 * The position `text` names, or null when it is not a coordinate pair around Hai Phong (then it
 * is a search for names and codes).
 */
export function parseCoordinates(text: string): ParsedCoordinates | null {
  if (text.length > 200) return null;
  return parseDms(text) ?? parsePair(text);
}

/** One angle with its hemisphere letter before or after (N20°51'30.2", 106° 41′ 12″ E). */
const SINGLE_ANGLE = new RegExp(String.raw`^([NSEW])?\s*${ANGLE}([NSEW])?$`, 'i');

/**
 * One coordinate cell of a register, in decimal degrees (negative south and west), or null when
 * it is not an angle: a number (`20.8584`, `20,8584` with a decimal comma) or degrees, minutes,
 * seconds with ° ' " or ° ′ ″ and optional spaces and hemisphere letter (`20°51'30.2"N`,
 * `106° 41′ 12″ E`, `N 20°51'`). Minutes and seconds must be below 60. `hemisphere` is the letter
 * given, if any, so a caller can tell latitude from longitude.
 */
export function parseAngle(text: string): { degrees: number; hemisphere?: 'N' | 'S' | 'E' | 'W' } | null {
  const source = text.trim();
  if (source.length === 0 || source.length > 60) return null;
  if (/^[-+]?\d+(?:[.,]\d+)?$/.test(source)) return { degrees: Number(source.replace(',', '.')) };
  const m = SINGLE_ANGLE.exec(source);
  if (!m) return null;
  const letters = [m[1], m[5]].filter((l): l is string => l !== undefined);
  if (letters.length > 1) return null;
  const num = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const [d, mm, ss] = [num(m[2]), num(m[3]), num(m[4])];
  if (mm >= 60 || ss >= 60) return null;
  const letter = letters[0]?.toUpperCase();
  const hemisphere =
    letter === 'N' || letter === 'S' || letter === 'E' || letter === 'W' ? letter : undefined;
  const degrees = (d + mm / 60 + ss / 3600) * (hemisphere === 'S' || hemisphere === 'W' ? -1 : 1);
  return hemisphere ? { degrees, hemisphere } : { degrees };
}
