/**
 * The table of every spatial resource the asset engine serves, keyed by the resource's URL
 * segment: each asset kind (a kind added to the contracts and missing here does not compile)
 * and the streets. The engine takes table and column names from these objects.
 */
import type { AssetPath } from '@hatang/contracts';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  cableRoutes,
  civilWorks,
  ducts,
  landingStations,
  manholes,
  poles,
  submarineCables,
  towers,
  trenchesTunnels,
  wifiPoints,
} from './schema/assets.js';
import { dataCentres, inBuildingSystems, streetDevices } from './schema/city-registers.js';
import { streets } from './schema/context.js';

/** Each asset kind's table. */
export const ASSET_TABLES = {
  towers,
  poles,
  manholes,
  ducts,
  'trenches-tunnels': trenchesTunnels,
  'cable-routes': cableRoutes,
  'submarine-cables': submarineCables,
  'landing-stations': landingStations,
  'wifi-points': wifiPoints,
  'data-centres': dataCentres,
  'street-devices': streetDevices,
  'in-building-systems': inBuildingSystems,
  'civil-works': civilWorks,
} satisfies Record<AssetPath, PgTable>;

const FEATURE_TABLES: ReadonlyMap<string, PgTable> = new Map<string, PgTable>([
  ...Object.entries(ASSET_TABLES),
  ['streets', streets],
]);

/** The table of the resource at `path` (an asset kind or `streets`); throws for any other. */
export function featureTableOf(path: string): PgTable {
  const table = FEATURE_TABLES.get(path);
  if (!table) throw new Error(`no table for the resource ${path}`);
  return table;
}
