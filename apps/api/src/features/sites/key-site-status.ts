/**
 * `GET /key-sites/status`: each key site with its fiber, 4G, 5G and WiFi flags (key-site-flags.ts)
 * and, per category that has sites, how many have each. The flags run the coverage model over
 * every site (CPU-bound with thousands of sites), so the report is made in the analysis worker
 * (analysis-worker.ts), never on the request thread: ask `services.analysis.keySiteStatus`.
 */
import {
  KEY_SITE_CATEGORIES,
  type KeySiteCategory,
  type KeySiteStatusResponse,
  type KeySiteStatusSummary,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { keySiteFlags } from './key-site-flags.js';
import { listKeySites } from './key-site-repository.js';

/** What the report is asked for (the endpoint's query, parsed). */
export interface KeySiteStatusQuery {
  commune?: string;
  category?: KeySiteCategory;
  fiberDistanceM: number;
  wifiDistanceM: number;
  corridorCoveredShare: number;
}

export async function keySiteStatusReport(
  db: Sql,
  query: KeySiteStatusQuery,
): Promise<KeySiteStatusResponse> {
  const { commune, category, fiberDistanceM, wifiDistanceM, corridorCoveredShare } = query;
  const sites = await listKeySites(db, { commune, category });
  const flags = await keySiteFlags(db, sites, { fiberDistanceM, wifiDistanceM, corridorCoveredShare });
  const features = sites.map((site) => {
    const f = flags.get(site.id);
    return {
      ...site,
      properties: {
        ...site.properties,
        hasFiber: f?.hasFiber ?? false,
        has4g: f?.has4g ?? false,
        has5g: f?.has5g ?? false,
        hasWifi: f?.hasWifi ?? false,
        fiberDistanceM: f?.fiberDistanceM ?? null,
        wifiDistanceM: f?.wifiDistanceM ?? null,
        covered5gLengthShare: f?.covered5gLengthShare ?? null,
      },
    };
  });
  const summary = new Map<KeySiteCategory, KeySiteStatusSummary>(
    KEY_SITE_CATEGORIES.map((c) => [
      c,
      { category: c, total: 0, withFiber: 0, with4g: 0, with5g: 0, withWifi: 0 },
    ]),
  );
  for (const { properties: p } of features) {
    const s = summary.get(p.category);
    if (!s) continue;
    s.total++;
    if (p.hasFiber) s.withFiber++;
    if (p.has4g) s.with4g++;
    if (p.has5g) s.with5g++;
    if (p.hasWifi) s.withWifi++;
  }
  return {
    type: 'FeatureCollection',
    commune: commune ?? null,
    fiberDistanceM,
    wifiDistanceM,
    corridorCoveredShare,
    summary: [...summary.values()].filter((s) => s.total > 0),
    features,
  };
}
