/**
 * KML and KMZ (zipped KML) with @tmcw/togeojson for reading and @placemarkio/tokml for writing.
 * KML is always WGS 84 `[lng, lat]`. Browser-safe: the XML parser is passed in (the browser's
 * DOMParser, or @xmldom/xmldom's in Node).
 */
import { toKML } from '@placemarkio/tokml';
import { kml } from '@tmcw/togeojson';
import type { FeatureCollection, Geometry } from 'geojson';
import { ParseBudget } from './budget.js';
import { scanKml } from './kml-scan.js';
import { defaultParseLimits, type ParseLimits } from './limits.js';
import { type DecodedLayer, FormatError, fieldsOf, type SourceFeature } from './source-feature.js';
import { unzip } from './zip.js';

type KmlDocument = Parameters<typeof kml>[0];
export interface XmlParser {
  parseFromString(text: string, mimeType: 'text/xml'): KmlDocument;
}

interface ElementLike {
  textContent: string | null;
  getElementsByTagName(name: string): ListLike;
}
interface ListLike {
  length: number;
  item(index: number): ElementLike | null;
}
/** The elements of a DOM list (browser HTMLCollection or xmldom LiveNodeList). */
function elements(list: ListLike): ElementLike[] {
  const out: ElementLike[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list.item(i);
    if (item) out.push(item);
  }
  return out;
}

/**
 * Reads the placemarks of a KML document; ExtendedData and `name` become properties. The text is
 * first scanned in linear time against `limits` (depth, placemarks, vertices, text size, no DTD),
 * so the XML parser and togeojson only ever see documents within them.
 */
export function readKml(
  text: string,
  parser: XmlParser,
  limits: ParseLimits = defaultParseLimits,
): DecodedLayer {
  return readKmlWithin(text, parser, new ParseBudget(limits, 'KML'));
}

/**
 * Collapses the whitespace of every `<coordinates>` text to single spaces: togeojson trims it with
 * `/^\s*|\s*$/g`, which takes time quadratic in the length of a run of spaces.
 */
function normaliseCoordinates(doc: KmlDocument): void {
  const list = elements(doc.getElementsByTagName('coordinates') as ListLike);
  for (const element of list) {
    const text = element.textContent ?? '';
    const tuples = text.split(/\s+/).filter(Boolean).join(' ');
    if (tuples !== text) element.textContent = tuples;
  }
}

function readKmlWithin(text: string, parser: XmlParser, budget: ParseBudget): DecodedLayer {
  scanKml(text, budget);
  let doc: KmlDocument;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The KML is not well-formed XML (${(error as Error).message}).`);
  }
  const root = doc.documentElement;
  const rootName = root?.nodeName ?? '';
  if (rootName.slice(rootName.lastIndexOf(':') + 1) !== 'kml') {
    throw new FormatError('UNSUPPORTED_FILE', 'The file is not KML: its root element is not <kml>.');
  }
  normaliseCoordinates(doc);
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
  // togeojson silently drops polygon rings of fewer than 4 positions: say so on the row instead.
  const placemarks = elements(doc.getElementsByTagName('Placemark') as ListLike);
  if (placemarks.length === features.length) {
    placemarks.forEach((placemark, i) => {
      const feature = features[i];
      if (!feature) return;
      for (const ring of elements(placemark.getElementsByTagName('LinearRing'))) {
        const text = ring.getElementsByTagName('coordinates').item(0)?.textContent ?? '';
        const positions = text.trim().split(/\s+/).filter(Boolean);
        const closed = positions.length > 0 && positions[0] === positions[positions.length - 1];
        const count = positions.length + (closed ? 0 : 1);
        if (count < 4) {
          feature.geometryError = `polygon ring has ${positions.length} positions: a ring needs at least 4 (a closed triangle)`;
        }
      }
    });
  }
  return { features, fields: fieldsOf(features), crs: 'EPSG:4326' };
}

/** The archive paths `doc.kml` links to (`<NetworkLink><Link><href>`) that the archive holds, in order. */
function linkedEntries(hrefs: readonly string[], entries: Record<string, Uint8Array>): string[] {
  const byName = new Map(Object.keys(entries).map((n) => [n.replace(/^\.?\//, '').toLowerCase(), n]));
  const links: string[] = [];
  for (const href of hrefs) {
    const entry = byName.get(href.replace(/^\.?\//, '').toLowerCase());
    if (entry && !links.includes(entry)) links.push(entry);
  }
  return links;
}

/**
 * A KMZ as GIS tools write it. Google Earth puts every placemark in `doc.kml`; GDAL's LIBKML
 * driver (`ogr2ogr -f LIBKML x.kmz`) writes a `doc.kml` that only links to one
 * `layers/<name>.kml` per layer inside the archive. Reads the linked documents the archive holds
 * (links to the web are never followed: nothing is fetched), else `doc.kml` (or the first .kml).
 * The archive is unzipped within `limits`, and the features and vertices of all the documents read
 * count against one budget.
 */
export function readKmz(
  bytes: Uint8Array,
  parser: XmlParser,
  limits: ParseLimits = defaultParseLimits,
): DecodedLayer {
  const entries = unzip(bytes, 'KMZ', limits);
  const names = Object.keys(entries).filter((n) => n.toLowerCase().endsWith('.kml'));
  const name = names.find((n) => n.toLowerCase().replace(/^.*\//, '') === 'doc.kml') ?? names[0];
  const content = name ? entries[name] : undefined;
  if (!content) throw new FormatError('UNSUPPORTED_FILE', 'The KMZ holds no .kml document.');
  const doc = new TextDecoder().decode(content);
  const links = linkedEntries(scanKml(doc, new ParseBudget(limits, 'KMZ')), entries);
  const budget = new ParseBudget(limits, 'KMZ');
  if (links.length === 0) return readKmlWithin(doc, parser, budget);
  const features = links.flatMap((entry) => {
    const linked = entries[entry];
    return linked ? readKmlWithin(new TextDecoder().decode(linked), parser, budget).features : [];
  });
  if (features.length === 0) throw new FormatError('EMPTY_FILE', 'The KMZ holds no placemarks.');
  return { features, fields: fieldsOf(features), crs: 'EPSG:4326' };
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
