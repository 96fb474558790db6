import { ENVIRONMENTS, type Environment, TECHNOLOGIES, type Technology } from './technology.js';

/** Serving radius in metres per technology and environment. */
export type RadiusTable = Record<Technology, Record<Environment, number>>;
export type RadiusOverrides = Partial<Record<Technology, Partial<Record<Environment, number>>>>;

/**
 * Default serving radii, metres: the distance within which a site's sectors give a usable
 * outdoor signal, for the planning question "is anybody serving this 100 m cell at all".
 *
 * Rationale: 3GPP's reference deployments put macro sites at an inter-site distance (ISD) of
 * 500 m in urban macro and 1,732 m in rural macro (TR 36.814 / TR 36.942 for LTE, TR 38.913
 * §6.1 for NR, which adds 200 m "dense urban" for mmWave). A tri-sector site serves out to
 * ≈ ISD × 0.6–0.7 in those layouts; low-band technologies reach further than the reference
 * 2 GHz (COST-231 Hata: 900 MHz gains ≈ 9 dB, ≈ ×1.8 range), 3.5 GHz NR loses ≈ 5–6 dB
 * against 1.8 GHz LTE (≈ ×0.6 range), and mmWave is line-of-sight limited to a few hundred
 * metres. Suburban sits between at ≈ 2× urban. The numbers are deliberately round: they are
 * planning defaults, and operators replace them per request (`radiusOverrides`) or upload
 * measured coverage polygons, which replace the radius model for that operator and technology.
 */
export const DEFAULT_RADIUS_TABLE: RadiusTable = {
  '2G': { urban: 1500, suburban: 3000, rural: 6000 },
  '3G': { urban: 1000, suburban: 2000, rural: 4000 },
  '4G': { urban: 800, suburban: 1600, rural: 3500 },
  '5G-sub6': { urban: 400, suburban: 900, rural: 2000 },
  '5G-mmWave': { urban: 150, suburban: 250, rural: 400 },
};

/** The default table with `overrides` applied (radii in metres, each > 0). */
export function radiusTable(overrides: RadiusOverrides = {}): RadiusTable {
  const table = {} as RadiusTable;
  for (const tech of TECHNOLOGIES) {
    const row = { ...DEFAULT_RADIUS_TABLE[tech] };
    for (const env of ENVIRONMENTS) {
      const value = overrides[tech]?.[env];
      if (value !== undefined) {
        if (!(value > 0)) throw new RangeError(`radius for ${tech} ${env} must be > 0 m`);
        row[env] = value;
      }
    }
    table[tech] = row;
  }
  return table;
}

/** The antenna height the table's radii are for, metres above ground. */
export const REFERENCE_HEIGHT_M = 30;
export const MIN_HEIGHT_FACTOR = 0.7;
export const MAX_HEIGHT_FACTOR = 1.4;

/**
 * Height rule: radius × clamp(√(h / 30 m), 0.7, 1.4), h = antenna mount height above ground.
 *
 * Why √h: in Okumura–Hata the range at a fixed path loss grows as h_b^(13.82 / (44.9 − 6.55
 * log h_b)) ≈ h_b^0.39–0.45 for 15–60 m masts, and the radio horizon grows as √h; √ is the
 * round figure between them. Clamped because Hata is fitted for 30–200 m and because real
 * sectors are down-tilted to their planned cell edge: a 6 m rooftop pole keeps 70 % of the
 * radius (not 45 %), and a 60 m mast gains at most 40 %.
 */
export function heightFactor(mountHeightM: number): number {
  if (!(mountHeightM > 0)) return MIN_HEIGHT_FACTOR;
  const f = Math.sqrt(mountHeightM / REFERENCE_HEIGHT_M);
  return Math.min(MAX_HEIGHT_FACTOR, Math.max(MIN_HEIGHT_FACTOR, f));
}

/** Serving radius in metres of `tech` in `env` from an antenna `mountHeightM` above ground. */
export function servingRadiusM(
  table: RadiusTable,
  tech: Technology,
  env: Environment,
  mountHeightM: number,
): number {
  return table[tech][env] * heightFactor(mountHeightM);
}
