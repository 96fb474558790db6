import { isSupportedCrs } from '../crs.js';
import { ParseBudget } from './budget.js';
import { defaultParseLimits, type ParseLimits } from './limits.js';
import { type DecodedLayer, FormatError, fieldsOf, type SourceFeature } from './source-feature.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Throws when the JSON text nests arrays and objects deeper than maxDepth: one pass over the
 * characters (strings skipped), before JSON.parse builds anything a recursive walk would overflow on.
 */
function checkJsonDepth(text: string, budget: ParseBudget): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > budget.limits.maxDepth) budget.depth(depth, 'JSON arrays and objects');
    } else if (c === 93 || c === 125) depth--;
  }
}

/** Counts the positions of a geometry (and of the members of a GeometryCollection) against the budget. */
function countVertices(geometry: Record<string, unknown>, budget: ParseBudget, depth: number): void {
  budget.depth(depth, 'geometry collections');
  if (Array.isArray(geometry.geometries)) {
    for (const member of geometry.geometries) if (isObject(member)) countVertices(member, budget, depth + 1);
  }
  const walk = (coordinates: unknown): void => {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === 'number') budget.addVertices(1);
    else for (const item of coordinates) walk(item);
  };
  walk(geometry.coordinates);
}

/**
 * Reads a GeoJSON FeatureCollection (or one Feature). RFC 7946 GeoJSON is WGS 84; a legacy
 * `crs` member naming EPSG:9210 etc. (as GDAL writes it) is honoured. Refuses (LimitError) JSON
 * nested deeper than `maxDepth`, more than `maxFeatures` features, more vertices than
 * `maxVerticesPerFeature`/`maxVertices` and property texts longer than `maxCellChars`.
 */
export function readGeoJson(text: string, limits: ParseLimits = defaultParseLimits): DecodedLayer {
  const budget = new ParseBudget(limits, 'GeoJSON');
  checkJsonDepth(text, budget);
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
  budget.featureCount(list.length);
  const features: SourceFeature[] = list.map((item) => {
    const feature = isObject(item) ? item : {};
    budget.feature();
    const properties = isObject(feature.properties) ? feature.properties : {};
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value === 'string') budget.cell(value.length, `property ${key.slice(0, 40)}`);
    }
    if (isObject(feature.geometry)) countVertices(feature.geometry, budget, 1);
    return {
      properties,
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
