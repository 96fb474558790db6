import type { ErrorEvent, Map as MapLibreMap } from 'maplibre-gl';
import { type RefObject, useEffect, useState } from 'react';
import { createMap } from './create-map';

export interface MapHandle {
  /** The map once its style has loaded; null before. */
  map: MapLibreMap | null;
  /** What MapLibre failed to load (a source, a glyph range), deduplicated by message, newest last. */
  errors: Error[];
}

/** Creates the map in `container` once, and follows its loading and its errors. */
export function useMap(container: RefObject<HTMLDivElement | null>, assetsAttribution: string): MapHandle {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [errors, setErrors] = useState<Error[]>([]);
  // The attribution text is fixed at creation; a language switch does not rebuild the map.
  const [initialAttribution] = useState(assetsAttribution);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = createMap(element, initialAttribution);
    // Listen from the start: the land polygons and glyphs can fail before `load`.
    instance.on('error', (event: ErrorEvent) => {
      const error = event.error instanceof Error ? event.error : new Error(String(event.error));
      setErrors((previous) =>
        previous.some((e) => e.message === error.message) ? previous : [...previous, error].slice(-5),
      );
    });
    instance.once('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
      if (window.__hatangMap === instance) window.__hatangMap = undefined;
    };
  }, [container, initialAttribution]);
  return { map, errors };
}
