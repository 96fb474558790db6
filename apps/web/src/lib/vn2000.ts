import proj4 from 'proj4';

/**
 * VN-2000 / TM-3 zone 105°45′ (EPSG:9210), the Hai Phong provincial zone, with the
 * Decision 05/2007 seven-parameter shift (rotation signs already in proj4's convention).
 */
const EPSG_9210 =
  '+proj=tmerc +lat_0=0 +lon_0=105.75 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ' +
  '+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 ' +
  '+units=m +no_defs';

const converter = proj4('EPSG:4326', EPSG_9210);

/**
 * WGS 84 `[lng, lat]` → VN-2000 TM-3 Hai Phong, labelled as Vietnamese surveyors do:
 * `X` = northing, `Y` = easting (incl. the 500 000 m false easting), metres.
 */
export function toVn2000Survey(lng: number, lat: number): { X: number; Y: number } {
  const [easting, northing] = converter.forward([lng, lat]);
  return { X: northing ?? Number.NaN, Y: easting ?? Number.NaN };
}
