import type { MilestoneYear } from '@hatang/contracts';
import type { FiberFacts } from '../ftth/fiber-indicators.js';
import type { PhasedItem } from './milestones.js';

/**
 * A plan item as the indicators see it, measured inside the area asked about (the city or one
 * commune): lines by their length there, points and polygons (by centroid) when inside.
 */
export interface PlanItemFact extends PhasedItem {
  kind: string;
  /** Length in metres inside the area (lines); 0 for points and polygons. */
  lengthM: number;
  /** Kind-specific attributes (tenantsPlanned, isGreen, siteType, …). */
  attributes: Record<string, unknown>;
  /** Copied from the register by a baseline (source_id set): already counted as actual. */
  fromRegister: boolean;
}

/** What the register holds in the area (assets with status `existing`). Lengths in metres. */
export interface RegisterFacts {
  cableLengthM: { aerial: number; underground: number; submarine: number };
  ductLengthM: number;
  trenchTunnelLengthM: number;
  submarineCableLengthM: number;
  /** Tenants (operators with equipment) on each existing tower. */
  towerTenants: readonly number[];
  landingStations: number;
  /** Public WiFi points by site type (cultural_house, commune_centre, public_space). */
  wifiPointsBySiteType: Readonly<Record<string, number>>;
  /** Data centres in service, and those of them with a green certificate. */
  dataCentres: { total: number; green: number };
  /**
   * Main streets (primary and secondary) and the part of them within the view range of an
   * existing surveillance camera, metres (inside the area).
   */
  mainStreetCameraM: { total: number; covered: number };
}

/** People in the area and those covered, now and at each milestone with the version's new sites. */
export interface CoverageFacts {
  populationCount: number;
  actual: { '4G': number; '5G': number };
  planned: Record<`${MilestoneYear}`, { '4G': number; '5G': number }> | null;
}

/** Per key-site category: how many there are and how many have fiber, 5G and WiFi. */
export interface KeySiteTally {
  total: number;
  fiber: number;
  fiveG: number;
  wifi: number;
}

export interface KeySiteFacts {
  byCategory: Readonly<Record<string, KeySiteTally>>;
  /**
   * Categories that Plan 317 wants free WiFi at (cultural houses, commune centres).
   * legal: plan-317-2025-kh-ubnd
   */
  wifiCategories: readonly string[];
  /** Categories that Plan 317 wants broadband at (seaports, industrial parks, …). */
  broadbandCategories: readonly string[];
  /** Categories the 5G indicator counts (the key areas of Plan 317 III.1); default the broadband ones. */
  fiveGCategories?: readonly string[];
  /** The share (0–1) of a corridor's length that must be covered for it to count (default 0.95). */
  corridorCoveredShare?: number;
  /** With a version: the tallies at each milestone (register + the version's items). */
  planned: Record<`${MilestoneYear}`, Readonly<Record<string, KeySiteTally>>> | null;
}

export interface IndicatorFacts {
  register: RegisterFacts;
  /** The version's items; null for the register alone. */
  items: readonly PlanItemFact[] | null;
  coverage: CoverageFacts | null;
  keySites: KeySiteFacts | null;
  /** Fibre to the home (operators' reports and the proxy); absent: no FTTH lines. */
  fiber?: FiberFacts | null;
}
