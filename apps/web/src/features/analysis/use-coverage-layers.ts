import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { LAYER_GROUPS } from '../../map/layer-groups';
import {
  addSiteLayers,
  onSiteClick,
  SITE_CIRCLE_LAYER,
  setSelectedSite,
  setSiteData,
  setSiteVisibility,
} from '../../map/layers/coverage-candidates';
import {
  addGapLayers,
  onGapClick,
  setGapData,
  setGapVisibility,
  setSelectedGap,
} from '../../map/layers/coverage-gaps';
import type { CoverageResult } from './analysis-api';

const ASSET_LAYERS = [...LAYER_GROUPS.flatMap((g) => g.interactiveLayerIds), SITE_CIRCLE_LAYER];

export interface CoverageLayerOptions {
  gapsVisible: boolean;
  sitesVisible: boolean;
  selectedGap: number | null;
  selectedSite: number | null;
  onGap: (rank: number) => void;
  onSite: (rank: number) => void;
}

/** Draws the result's gaps and candidate sites on `map` and reports clicks on them. */
export function useCoverageLayers(
  map: MapLibreMap | null,
  result: CoverageResult | null,
  options: CoverageLayerOptions,
): void {
  const { gapsVisible, sitesVisible, selectedGap, selectedSite } = options;
  const handlers = useRef(options);
  handlers.current = options;

  const [added, setAdded] = useState<MapLibreMap | null>(null);
  useEffect(() => {
    if (!map) return;
    addGapLayers(map);
    addSiteLayers(map);
    setAdded(map);
    const offGap = onGapClick(map, ASSET_LAYERS, (rank) => handlers.current.onGap(rank));
    const offSite = onSiteClick(map, (rank) => handlers.current.onSite(rank));
    return () => {
      offGap();
      offSite();
    };
  }, [map]);
  const ready = added !== null && added === map ? map : null;

  useEffect(() => {
    if (!ready) return;
    setGapData(ready, result?.gaps.features ?? []);
    setSiteData(ready, result?.candidates.sites ?? []);
  }, [ready, result]);

  useEffect(() => {
    if (!ready) return;
    setGapVisibility(ready, gapsVisible);
    setSiteVisibility(ready, sitesVisible);
  }, [ready, gapsVisible, sitesVisible]);

  useEffect(() => {
    if (ready) setSelectedGap(ready, selectedGap);
  }, [ready, selectedGap]);
  useEffect(() => {
    if (ready) setSelectedSite(ready, selectedSite);
  }, [ready, selectedSite]);
}
