import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import type { AdminUnitCollection } from '../lib/types';
import { labelPolygons } from './admin-unit-labels';

/** Puts the communes/wards/special zones on the base style's `admin-units` source; true once drawn. */
export function useAdminUnitsLayer(map: MapLibreMap | null, units: AdminUnitCollection | undefined): boolean {
  const [drawn, setDrawn] = useState<AdminUnitCollection | null>(null);
  useEffect(() => {
    if (!map || !units) return;
    map.getSource<GeoJSONSource>('admin-units')?.setData(units);
    map.getSource<GeoJSONSource>('admin-unit-labels')?.setData(labelPolygons(units));
    setDrawn(units);
  }, [map, units]);
  return drawn !== null && drawn === units;
}
