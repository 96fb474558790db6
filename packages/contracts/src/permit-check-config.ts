/**
 * The automatic permit checks' parameters, in ONE object: its schema (what `PUT
 * /api/v1/permit-check-config` takes), its type and its defaults, each documented with its
 * source. Admins (and, for the airport part, planners) store edited copies as versions of
 * `permit_check_config`; the checks (packages/analysis/src/permits) read the current version and
 * each application stores the version its checks ran with. Lengths and heights in m.
 */
import { z } from 'zod';
import { permitBuildingType } from './permit-in-building.js';

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const positive = (max: number) => z.number().positive().max(max);

export const permitCheckConfig = z.strictObject({
  airport: z.strictObject({
    /** Cát Bi airport reference point (AIP Viet Nam, VVCI): 20°49′01″N 106°43′23″E, `[lng, lat]`. */
    referencePoint: lngLat,
    /**
     * Runway centreline thresholds `[lng, lat]` × 2, or null. When set, every distance of the
     * surfaces is measured from the runway centreline segment (circles centred on the runway ends
     * joined by tangents, a "racetrack", after legal: icao-annex-14, not read) instead of the
     * reference point.
     * Default null: the public runway data (OurAirports, in shared/data) gives thresholds that
     * predate Cát Bi's extension to 3 050 m, so planners enter the corrected ones here.
     */
    runwayThresholds: z.tuple([lngLat, lngLat]).nullable(),
    /**
     * Inner horizontal surface: height above the aerodrome elevation, m, within `innerRadiusM`.
     * Configurable defaults 45 m within 4 000 m, text not read: legal: decree-32-2016-nd-cp art. 5
     * (read) puts the surfaces' dimensions in its Appendices I–II, which were not read; legal:
     * icao-annex-14 (not read). Simplified to a circle here.
     */
    innerHeightM: positive(500),
    innerRadiusM: positive(20000),
    /** Conical surface: rises 1:20 (5 %) from the inner surface's edge out to `conicalOuterRadiusM` (configurable defaults, text not read). */
    conicalSlope: positive(1),
    conicalOuterRadiusM: positive(30000),
    /**
     * The ground at the site is taken to be at the aerodrome elevation (Hai Phong's coastal plain
     * lies within a few metres of Cát Bi's); add a margin here where it is not.
     */
    groundAboveAerodromeM: z.number().min(-100).max(500),
  }),
  /**
   * Structures from this height (m) must carry aviation warning (marking and lighting). legal:
   * decree-32-2016-nd-cp art. 7(1)(b)-(c), read: 45 m above the aerodrome level near an airport,
   * above natural ground elsewhere.
   */
  aviationMarkingFromM: positive(500),
  /**
   * A non-bulky (A1) column on a building needs no construction permit when small. legal:
   * jc-15-2016-ttlt-btttt-bxd (article not read: 3 m and 20 % of the building as the Ministry of
   * Construction summarised it) — configurable defaults, text not read.
   */
  exemption: z.strictObject({
    /** Column height at most this, m. */
    maxColumnHeightM: positive(50),
    /** …and at most this share of the building's height. */
    maxShareOfBuilding: positive(1),
  }),
  /**
   * Public exposure limit, W/m². legal: qcvn-8-2022-btttt (issued by legal: circular-21-2022-tt-btttt;
   * base stations in 110 MHz–6 GHz) — configurable default, text not read; 2 W/m² is the figure
   * newspapers give for legal: tcvn-3718-1-2005.
   */
  emfPublicLimitWPerM2: positive(1000),
  plan: z.strictObject({
    /** A tower within this distance (m) of an approved tower_site conforms. */
    towerSiteToleranceM: positive(5000),
    /** Line works within this corridor (m either side) of an approved route conform. */
    routeCorridorM: positive(1000),
  }),
  /**
   * Dig-once: a civil work within `bufferM` (m) of duct works over at least `minSharedM` (m).
   * Hatang's configurable defaults; the rule to build together: legal: plan-317-2025-kh-ubnd V.10.
   */
  digOnce: z.strictObject({ bufferM: positive(1000), minSharedM: positive(10000) }),
  /** Another application or asset within this distance (m) is a likely duplicate. */
  duplicateDistanceM: positive(1000),
  /**
   * Sharing obligation: an existing tower that could host the antennas within this distance (m)
   * in wards (`urbanM`) and elsewhere (`otherM`). Configurable defaults 100 m / 400 m: legal:
   * hd-qd-26-2018 (article not read; figures as its province's newspaper reported them).
   */
  sharing: z.strictObject({ urbanM: positive(5000), otherM: positive(5000) }),
  /**
   * In-building works: legal: plan-317-2025-kh-ubnd V.1 (read) asks the city to regulate telecom
   * cabling and indoor mobile systems in apartment buildings and public works ("nhà chung cư,
   * công trình công cộng"); that regulation is not issued yet, so no article is cited. Until it
   * is, Hatang prefers shared systems in the building types listed here: a system not shared by
   * several operators gets `notSharedResult`. Which types count as public works, and warn rather
   * than fail, are Hatang's configurable defaults.
   */
  inBuilding: z.strictObject({
    sharedPreferredFor: z.array(permitBuildingType).max(permitBuildingType.options.length),
    notSharedResult: z.enum(['warn', 'fail']),
  }),
  review: z.strictObject({
    /**
     * Days from a complete submission to the decision: 20 for a construction permit, a
     * configurable default, text not read (legal: law-50-2014-qh13 as amended by legal:
     * law-62-2020-qh14; the article on the review period was not read). Counted in calendar days,
     * a period ending on a weekend running to the next working day (legal: civil-code-2015, not
     * read: Hatang's reading, to check with the Construction Department).
     */
    statutoryPeriodDays: z.number().int().min(1).max(365),
  }),
});
export type PermitCheckConfig = z.infer<typeof permitCheckConfig>;

/** Apartment buildings and public works, as plan 317 V.1 names them (which types count: Hatang's default). */
const IN_BUILDING_DEFAULTS: PermitCheckConfig['inBuilding'] = {
  sharedPreferredFor: ['apartment', 'hospital', 'school', 'public_building'],
  notSharedResult: 'warn',
};

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
  inBuilding: IN_BUILDING_DEFAULTS,
  review: { statutoryPeriodDays: 20 },
});
