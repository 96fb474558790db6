import type { ErrorEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';

/** Errors MapLibre reports (a source or glyph range that failed to load), deduplicated by message. */
export function useMapErrors(map: MapLibreMap | null): Error[] {
  const [errors, setErrors] = useState<Error[]>([]);
  useEffect(() => {
    if (!map) return;
    const onError = (event: ErrorEvent) => {
      const error = event.error instanceof Error ? event.error : new Error(String(event.error));
      setErrors((previous) =>
        previous.some((e) => e.message === error.message) ? previous : [...previous, error].slice(-5),
      );
    };
    map.on('error', onError);
    return () => {
      map.off('error', onError);
    };
  }, [map]);
  return errors;
}
