import type { Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect, useState } from 'react';
import { createMap } from './create-map';

/** Creates the map in `container` once and returns it after its style has loaded (null before). */
export function useMap(
  container: RefObject<HTMLDivElement | null>,
  assetsAttribution: string,
): MapLibreMap | null {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The attribution text is fixed at creation; a language switch does not rebuild the map.
  const [initialAttribution] = useState(assetsAttribution);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = createMap(element, initialAttribution);
    instance.once('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
      if (window.__hatangMap === instance) window.__hatangMap = undefined;
    };
  }, [container, initialAttribution]);
  return map;
}
