/**
 * The automatic permit checks' parameters, in ONE object: defaults here, documented with their
 * source. Admins (and, for the airport part, planners) store edited copies as versions of
 * `permit_check_config` (GET/PUT /api/v1/permit-check-config); the checks read the current
 * version and each application stores the version its checks ran with.
 */
export interface PermitCheckConfig {
  airport: {
    /** Cát Bi airport reference point (AIP Viet Nam, VVCI): 20°49′01″N 106°43′23″E, `[lng, lat]`. */
    referencePoint: [number, number];
    /**
     * Runway centreline thresholds `[lng, lat]` × 2, or null. When set, every distance of the
     * surfaces is measured from the runway centreline segment (ICAO Annex 14 Attachment B: circles
     * centred on the runway ends joined by tangents, a "racetrack") instead of the reference point.
     * Default null: the public runway data (OurAirports, in shared/data) gives thresholds that
     * predate Cát Bi's extension to 3 050 m, so planners enter the corrected ones here.
     */
    runwayThresholds: [[number, number], [number, number]] | null;
    /**
     * Inner horizontal surface: height above the aerodrome elevation, m, within `innerRadiusM`.
     * ICAO Annex 14 (and Vietnam's TCVN on aerodrome obstacle limitation surfaces) sets 45 m within
     * 4 000 m of the reference point for a code 4 runway; simplified to a circle here.
     */
    innerHeightM: number;
    innerRadiusM: number;
    /** Conical surface: rises 1:20 (5 %) from the inner surface's edge out to `conicalOuterRadiusM`. */
    conicalSlope: number;
    conicalOuterRadiusM: number;
    /**
     * The ground at the site is taken to be at the aerodrome elevation (Hai Phong's coastal plain
     * lies within a few metres of Cát Bi's); add a margin here where it is not.
     */
    groundAboveAerodromeM: number;
  };
  /** Decree 32/2016/NĐ-CP (aviation obstacles): structures from this height (m) need marking and lighting. */
  aviationMarkingFromM: number;
  /** Joint Circular 15/2016/TTLT-BTTTT-BXD: an A1 column on a building needs no construction permit when small. */
  exemption: {
    /** Column height at most this, m. */
    maxColumnHeightM: number;
    /** …and at most this share of the building's height. */
    maxShareOfBuilding: number;
  };
  /** QCVN 8:2022/BTTTT: public exposure limit in 10 MHz–6 GHz, W/m². */
  emfPublicLimitWPerM2: number;
  plan: {
    /** A tower within this distance (m) of an approved tower_site conforms. */
    towerSiteToleranceM: number;
    /** Line works within this corridor (m either side) of an approved route conform. */
    routeCorridorM: number;
  };
  /** Dig-once: a civil work within `bufferM` (m) of duct works over at least `minSharedM` (m). */
  digOnce: { bufferM: number; minSharedM: number };
  /** Another application or asset within this distance (m) is a likely duplicate. */
  duplicateDistanceM: number;
  /**
   * Sharing obligation: an existing tower that could host the antennas within this distance (m)
   * in wards (`urbanM`) and elsewhere (`otherM`); Hai Phong's defaults 100 m / 400 m.
   */
  sharing: { urbanM: number; otherM: number };
  review: {
    /**
     * Days from a complete submission to the decision: 20 for a construction permit (Law on
     * Construction 50/2014/QH13 art. 102(1)(e), as amended by Law 62/2020/QH14: "trong thời hạn
     * 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"). Counted in calendar days: the law says days, not
     * working days, and the Civil Code 2015 (art. 148) counts such periods in calendar days, a
     * period ending on a weekend running to the next working day.
     */
    statutoryPeriodDays: number;
  };
}

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
