/**
 * What every automatic permit check returns, and the application facts it reads. Coordinates are
 * WGS 84 `[lng, lat]`; heights and distances in metres; EIRP in watts.
 */
import { circle } from '@turf/turf';
import type { LngLat } from '../sharing/metric.js';

/** `exempt`: the works need no construction permit (shown as a pass). */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'not_applicable' | 'exempt';

export interface CheckGeometry {
  type: 'Point' | 'LineString' | 'MultiLineString' | 'Polygon';
  coordinates: unknown;
}

export interface PermitCheck {
  /** The check's name (kebab-case), stable across versions. */
  check: string;
  result: CheckOutcome;
  reason: { vi: string; en: string };
  /** The geometry that proves the result (drawn on the map). */
  geometry?: CheckGeometry;
}

/** A tower's facts as the application declares them (see packages/contracts permits.ts). */
export interface TowerFacts {
  towerClass: 'A1' | 'A2a' | 'A2b' | 'A2c';
  /** Structure height above its base (ground or roof), m. */
  heightM: number;
  structure: string;
  mounting: 'on_ground' | 'rooftop';
  /** Rooftop: the building's height, m. */
  buildingHeightM?: number;
  isCamouflaged?: boolean;
  /** Declared EIRP, W. */
  eirpW: number;
  /** Declared horizontal distance to the nearest building, m. */
  nearestBuildingM: number;
}

/** The top of the structure above the ground, m: the building's height counts for a rooftop tower. */
export function topAboveGroundM(t: TowerFacts): number {
  return t.heightM + (t.mounting === 'rooftop' ? (t.buildingHeightM ?? 0) : 0);
}

/** A circle of `radiusM` around `centre` as a `sides`-sided polygon (Turf `circle`, for display). */
export function circlePolygon(centre: LngLat, radiusM: number, sides = 32): CheckGeometry {
  return circle([...centre], radiusM, { steps: sides, units: 'meters' }).geometry;
}

const numberFormats = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** A number to one decimal as the language writes it (vi: 5.987,9; en: 5,987.9). */
export const fmtNumber = (value: number, lang: 'vi' | 'en') => numberFormats[lang].format(value);

/** A length in metres, to one decimal, with its unit, as the language writes it (vi: 5.987,9 m). */
export const fmtM = (m: number, lang: 'vi' | 'en') => `${fmtNumber(m, lang)} m`;
