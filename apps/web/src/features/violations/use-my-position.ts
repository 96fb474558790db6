/**
 * "Use my position": the phone's position once (GPS when it has one), `[lng, lat]` WGS 84 with
 * its accuracy in metres, or the reason it could not be had (permission denied, unavailable,
 * no geolocation on this device) as a message key of the violations texts.
 */
import { useCallback, useState } from 'react';
import type { LngLat } from './violations-api';

export type PositionProblem = { key: 'geoDenied' | 'geoFailed' | 'geoUnsupported'; message: string };

export function useMyPosition(onPosition: (at: LngLat, accuracyM: number) => void) {
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<PositionProblem | null>(null);
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setError({ key: 'geoUnsupported', message: '' });
      return;
    }
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onPosition([position.coords.longitude, position.coords.latitude], position.coords.accuracy);
      },
      (failure) => {
        setLocating(false);
        setError(
          failure.code === failure.PERMISSION_DENIED
            ? { key: 'geoDenied', message: failure.message }
            : { key: 'geoFailed', message: failure.message },
        );
      },
      // A position a minute old is still where the inspector stands; give the GPS time to fix.
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: 30_000 },
    );
  }, [onPosition]);
  return { locate, locating, error };
}
