import { isSupportedCrs } from '../crs.js';
import { type DecodedLayer, FormatError, fieldsOf, type SourceFeature } from './source-feature.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a GeoJSON FeatureCollection (or one Feature). RFC 7946 GeoJSON is WGS 84; a legacy
 * `crs` member naming EPSG:9210 etc. (as GDAL writes it) is honoured.
 */
export function readGeoJson(text: string): DecodedLayer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The GeoJSON is not valid JSON (${(error as Error).message}).`);
  }
  const list =
    isObject(json) && json.type === 'FeatureCollection'
      ? json.features
      : isObject(json) && json.type === 'Feature'
        ? [json]
        : undefined;
  if (!Array.isArray(list)) {
    throw new FormatError('UNSUPPORTED_FILE', 'The GeoJSON must be a FeatureCollection or a Feature.');
  }
  const features: SourceFeature[] = list.map((item) => {
    const feature = isObject(item) ? item : {};
    return {
      properties: isObject(feature.properties) ? feature.properties : {},
      geometry: isObject(feature.geometry)
        ? (feature.geometry as unknown as SourceFeature['geometry'])
        : null,
    };
  });
  const layer: DecodedLayer = { features, fields: fieldsOf(features), crs: 'EPSG:4326' };
  const crsName =
    isObject(json) && isObject(json.crs) && isObject(json.crs.properties)
      ? json.crs.properties.name
      : undefined;
  if (typeof crsName === 'string') {
    const epsg = /EPSG:{1,2}(\d+)$/i.exec(crsName);
    const code = epsg ? `EPSG:${epsg[1]}` : /CRS84$/i.test(crsName) ? 'EPSG:4326' : undefined;
    if (code && isSupportedCrs(code)) layer.crs = code;
    else {
      delete layer.crs;
      layer.unknownCrs = true;
    }
  }
  return layer;
}
