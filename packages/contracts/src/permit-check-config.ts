/**
 * The automatic permit checks' parameters, in ONE object: its schema (what `PUT
 * /api/v1/permit-check-config` takes), its type and its defaults, each documented with its
 * source. Admins (and, for the airport part, planners) store edited copies as versions of
 * `permit_check_config`; the checks (packages/analysis/src/permits) read the current version and
 * each application stores the version its checks ran with. Lengths and heights in m.
 */
import { z } from 'zod';

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const positive = (max: number) => z.number().positive().max(max);

export const permitCheckConfig = z.strictObject({
  airport: z.strictObject({
    /** Cát Bi airport reference point (AIP Viet Nam, VVCI): 20°49′01″N 106°43′23″E, `[lng, lat]`. */
    referencePoint: lngLat,
    /**
     * Runway centreline thresholds `[lng, lat]` × 2, or null. When set, every distance of the
     * surfaces is measured from the runway centreline segment (ICAO Annex 14 Attachment B: circles
     * centred on the runway ends joined by tangents, a "racetrack") instead of the reference point.
     * Default null: the public runway data (OurAirports, in shared/data) gives thresholds that
     * predate Cát Bi's extension to 3 050 m, so planners enter the corrected ones here.
     */
    runwayThresholds: z.tuple([lngLat, lngLat]).nullable(),
    /**
     * Inner horizontal surface: height above the aerodrome elevation, m, within `innerRadiusM`.
     * ICAO Annex 14 (and Vietnam's TCVN on aerodrome obstacle limitation surfaces) sets 45 m within
     * 4 000 m of the reference point for a code 4 runway; simplified to a circle here.
     */
    innerHeightM: positive(500),
    innerRadiusM: positive(20000),
    /** Conical surface: rises 1:20 (5 %) from the inner surface's edge out to `conicalOuterRadiusM`. */
    conicalSlope: positive(1),
    conicalOuterRadiusM: positive(30000),
    /**
     * The ground at the site is taken to be at the aerodrome elevation (Hai Phong's coastal plain
     * lies within a few metres of Cát Bi's); add a margin here where it is not.
     */
    groundAboveAerodromeM: z.number().min(-100).max(500),
  }),
  /** Decree 32/2016/NĐ-CP (aviation obstacles): structures from this height (m) need marking and lighting. */
  aviationMarkingFromM: positive(500),
  /** Joint Circular 15/2016/TTLT-BTTTT-BXD: an A1 column on a building needs no construction permit when small. */
  exemption: z.strictObject({
    /** Column height at most this, m. */
    maxColumnHeightM: positive(50),
    /** …and at most this share of the building's height. */
    maxShareOfBuilding: positive(1),
  }),
  /** QCVN 8:2022/BTTTT: public exposure limit in 10 MHz–6 GHz, W/m². */
  emfPublicLimitWPerM2: positive(1000),
  plan: z.strictObject({
    /** A tower within this distance (m) of an approved tower_site conforms. */
    towerSiteToleranceM: positive(5000),
    /** Line works within this corridor (m either side) of an approved route conform. */
    routeCorridorM: positive(1000),
  }),
  /** Dig-once: a civil work within `bufferM` (m) of duct works over at least `minSharedM` (m). */
  digOnce: z.strictObject({ bufferM: positive(1000), minSharedM: positive(10000) }),
  /** Another application or asset within this distance (m) is a likely duplicate. */
  duplicateDistanceM: positive(1000),
  /**
   * Sharing obligation: an existing tower that could host the antennas within this distance (m)
   * in wards (`urbanM`) and elsewhere (`otherM`); Hai Phong's defaults 100 m / 400 m.
   */
  sharing: z.strictObject({ urbanM: positive(5000), otherM: positive(5000) }),
  review: z.strictObject({
    /**
     * Days from a complete submission to the decision: 20 for a construction permit (Law on
     * Construction 50/2014/QH13 art. 102(1)(e), as amended by Law 62/2020/QH14: "trong thời hạn
     * 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"). Counted in calendar days: the law says days, not
     * working days, and the Civil Code 2015 (art. 148) counts such periods in calendar days, a
     * period ending on a weekend running to the next working day.
     */
    statutoryPeriodDays: z.number().int().min(1).max(365),
  }),
});
export type PermitCheckConfig = z.infer<typeof permitCheckConfig>;

export const DEFAULT_PERMIT_CHECK_CONFIG: Readonly<PermitCheckConfig> = Object.freeze({
  airport: {
    referencePoint: [106 + 43 / 60 + 23 / 3600, 20 + 49 / 60 + 1 / 3600] as [number, number],
    runwayThresholds: null,
    innerHeightM: 45,
    innerRadiusM: 4000,
    conicalSlope: 1 / 20,
    conicalOuterRadiusM: 6000,
    groundAboveAerodromeM: 0,
  },
  aviationMarkingFromM: 45,
  exemption: { maxColumnHeightM: 3, maxShareOfBuilding: 0.2 },
  emfPublicLimitWPerM2: 2,
  plan: { towerSiteToleranceM: 50, routeCorridorM: 20 },
  digOnce: { bufferM: 15, minSharedM: 50 },
  duplicateDistanceM: 20,
  sharing: { urbanM: 100, otherM: 400 },
  review: { statutoryPeriodDays: 20 },
});
