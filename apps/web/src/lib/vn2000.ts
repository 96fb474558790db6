import { toVn2000, vn2000Label } from '@hatang/geo/crs';

/**
 * WGS 84 `[lng, lat]` → VN-2000 TM-3 Hai Phong zone (EPSG:9210), labelled as Vietnamese surveyors
 * do: `X` = northing, `Y` = easting (incl. the 500 000 m false easting), metres.
 */
export function toVn2000Survey(lng: number, lat: number): { X: number; Y: number } {
  return vn2000Label(toVn2000([lng, lat], 'EPSG:9210'));
}
