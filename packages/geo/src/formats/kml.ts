/**
 * KML and KMZ (zipped KML) with @tmcw/togeojson for reading and @placemarkio/tokml for writing.
 * KML is always WGS 84 `[lng, lat]`. Browser-safe: the XML parser is passed in (the browser's
 * DOMParser, or @xmldom/xmldom's in Node).
 */
import { toKML } from '@placemarkio/tokml';
import { kml } from '@tmcw/togeojson';
import type { FeatureCollection, Geometry } from 'geojson';
import { type DecodedLayer, FormatError, fieldsOf, type SourceFeature } from './source-feature.js';
import { unzip } from './zip.js';

type KmlDocument = Parameters<typeof kml>[0];
export interface XmlParser {
  parseFromString(text: string, mimeType: 'text/xml'): KmlDocument;
}

/** Reads the placemarks of a KML document; ExtendedData and `name` become properties. */
export function readKml(text: string, parser: XmlParser): DecodedLayer {
  let doc: KmlDocument;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The KML is not well-formed XML (${(error as Error).message}).`);
  }
  const root = doc.documentElement;
  if (root?.nodeName.replace(/^.*:/, '') !== 'kml') {
    throw new FormatError('UNSUPPORTED_FILE', 'The file is not KML: its root element is not <kml>.');
  }
  const collection = kml(doc);
  const features: SourceFeature[] = collection.features.map((feature) => {
    const properties = { ...(feature.properties ?? {}) };
    // Styling that togeojson lifts into properties is not data.
    for (const key of Object.keys(properties)) {
      if (
        /^(styleUrl|styleHash|styleMapHash|stroke|stroke-opacity|stroke-width|fill|fill-opacity|icon|visibility)$/.test(
          key,
        )
      ) {
        delete properties[key];
      }
    }
    return { properties, geometry: feature.geometry as SourceFeature['geometry'] };
  });
  return { features, fields: fieldsOf(features), crs: 'EPSG:4326' };
}

/** Reads a KMZ: the archive's doc.kml (or its only .kml). */
export function readKmz(bytes: Uint8Array, parser: XmlParser): DecodedLayer {
  const entries = unzip(bytes, 'KMZ');
  const names = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.kml'));
  const name = names.find((n) => n.toLowerCase() === 'doc.kml') ?? names[0];
  const content = name ? entries[name] : undefined;
  if (!content) throw new FormatError('UNSUPPORTED_FILE', 'The KMZ holds no .kml document.');
  return readKml(new TextDecoder().decode(content), parser);
}

/** KML text for features in WGS 84; properties go to ExtendedData, `name` to the placemark name. */
export function writeKml(
  features: readonly { geometry: unknown; properties: Record<string, unknown> }[],
): string {
  const collection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: Object.fromEntries(
        // tokml would write a null as the text "null": leave empty values out.
        Object.entries(f.properties)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]),
      ),
    })),
  } as FeatureCollection<Geometry | null>;
  return toKML(collection);
}
