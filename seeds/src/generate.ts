/**
 * The whole demo data set as CSV text per table, in load order (foreign keys first). Pure
 * apart from reading the files in data/: the same seed gives byte-identical output.
 */
import type { AssetPath } from '@hatang/contracts';
import { adminUnitsCsv, loadAdminUnits } from './admin-units.js';
import { buildCableRoutes, cableRoutesCsv } from './cables.js';
import {
  buildCityRegisters,
  dataCentresCsv,
  inBuildingSystemsCsv,
  streetDevicesCsv,
} from './city-registers.js';
import { buildCivilWorks, civilWorksCsv } from './civil-works.js';
import type { TableCsv } from './csv.js';
import { buildDucts, ductsCsv, manholesCsv } from './ducts.js';
import { buildKeySites, keySitesCsv, populatedPoint } from './key-sites.js';
import { Land } from './land.js';
import { buildOrganisations, organisationsCsv } from './organisations.js';
import { buildPlanKeySites } from './plan-key-sites.js';
import { buildPoles, polesCsv } from './poles.js';
import { buildPopulationGrid, populationCsv } from './population.js';
import { createRng } from './random.js';
import { loadWorldPop } from './raster.js';
import { buildSiteOffers, siteOffersCsv } from './site-offers.js';
import { buildStreets, streetsCsv } from './streets.js';
import { buildSubmarine, landingStationsCsv, submarineCablesCsv } from './submarine.js';
import { buildTowers, tenanciesCsv, towersCsv } from './towers.js';
import { buildTrenchesTunnels, trenchesTunnelsCsv } from './trenches.js';
import { buildWifi, wifiCsv } from './wifi.js';

export const DEFAULT_SEED = 20250701;

export interface GenerateOptions {
  seed?: number;
  onProgress?: (step: string) => void;
}

export async function generateDemoData(options: GenerateOptions = {}): Promise<TableCsv[]> {
  const seed = options.seed ?? DEFAULT_SEED;
  const progress = options.onProgress ?? (() => {});
  const rng = (label: string) => createRng(seed, label);

  progress('reading admin units and the WorldPop grid');
  const units = loadAdminUnits();
  const land = new Land(units);
  const raster = await loadWorldPop();
  progress('population grid (100 m)');
  const grid = buildPopulationGrid(units, land, raster);
  const orgs = buildOrganisations(rng('organisations'), units);
  progress('streets');
  const streets = buildStreets(units, land, grid, rng('streets'));
  progress('towers and tenancies');
  const { towers, tenancies } = buildTowers(units, land, grid, orgs, rng('towers'));
  progress('poles');
  const poleLines = buildPoles(streets, land, orgs, rng('poles'));
  progress('manholes and ducts');
  const { manholes, runs } = buildDucts(streets, orgs, rng('ducts'));
  progress('cables, tunnels, submarine cables, WiFi, civil works');
  const routes = buildCableRoutes(runs, poleLines, land, orgs, rng('cables'));
  const trenches = buildTrenchesTunnels(streets, units, orgs, rng('trenches'));
  const { stations, cables } = buildSubmarine(units, land, orgs, rng('submarine'));
  const wifi = buildWifi(units, land, grid, orgs, rng('wifi'));
  const works = buildCivilWorks(streets, orgs, rng('civil-works'));
  progress('key sites and site offers');
  // Plan 317's 5G key areas draw from their own stream: the first twelve categories stay as they were.
  const keySites = [
    ...buildKeySites(units, land, grid, rng('key-sites')),
    ...buildPlanKeySites(units, land, grid, streets, rng('key-sites-5g'), populatedPoint),
  ];
  const offers = buildSiteOffers(units, land, grid, orgs, rng('site-offers'));
  progress('data centres, street devices, in-building systems');
  const registers = buildCityRegisters(units, grid, poleLines, orgs, rng('city-registers'));

  progress('CSV');
  // Every asset kind of the contracts has its demo table (one missing here does not compile).
  const assets = {
    towers: towersCsv(towers),
    poles: polesCsv(poleLines),
    manholes: manholesCsv(manholes),
    ducts: ductsCsv(runs),
    'trenches-tunnels': trenchesTunnelsCsv(trenches),
    'cable-routes': cableRoutesCsv(routes),
    'landing-stations': landingStationsCsv(stations),
    'submarine-cables': submarineCablesCsv(cables),
    'wifi-points': wifiCsv(wifi),
    'data-centres': dataCentresCsv(registers.dataCentres),
    'street-devices': streetDevicesCsv(registers.devices),
    'in-building-systems': inBuildingSystemsCsv(registers.buildings),
    'civil-works': civilWorksCsv(works),
  } satisfies Record<AssetPath, TableCsv>;
  return [
    adminUnitsCsv(units),
    organisationsCsv(orgs),
    populationCsv(grid, units),
    streetsCsv(streets),
    assets.towers,
    tenanciesCsv(tenancies),
    assets.poles,
    assets.manholes,
    assets.ducts,
    assets['trenches-tunnels'],
    assets['cable-routes'],
    assets['landing-stations'],
    assets['submarine-cables'],
    assets['wifi-points'],
    assets['civil-works'],
    assets['data-centres'],
    assets['street-devices'],
    assets['in-building-systems'],
    keySitesCsv(keySites),
    siteOffersCsv(offers),
  ];
}
