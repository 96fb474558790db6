/**
 * KMZ as GIS tools write it. Google Earth puts every placemark in `doc.kml`; GDAL's LIBKML driver
 * (`ogr2ogr -f LIBKML x.kmz`) writes a `doc.kml` that only links (`<NetworkLink><Link><href>`) to
 * one `layers/<name>.kml` per layer inside the archive. This reads the linked documents that are
 * in the archive (links to the web are never followed: nothing is fetched), else `doc.kml` itself.
 */
import {
  type DecodedLayer,
  FormatError,
  fieldsOf,
  readKml,
  readKmz,
  unzip,
  type XmlParser,
} from '@hatang/geo/formats';

/** The archive paths `doc.kml` links to that the archive holds, in document order. */
function linkedEntries(doc: string, entries: Record<string, Uint8Array>): string[] {
  const byName = new Map(Object.keys(entries).map((n) => [n.replace(/^\.?\//, '').toLowerCase(), n]));
  const links: string[] = [];
  for (const match of doc.matchAll(
    /<NetworkLink\b[\s\S]*?<href>\s*([^<]+?)\s*<\/href>[\s\S]*?<\/NetworkLink>/gi,
  )) {
    const href = (match[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/^\.?\//, '')
      .toLowerCase();
    const entry = byName.get(href);
    if (entry && !links.includes(entry)) links.push(entry);
  }
  return links;
}

/** Reads a KMZ's placemarks: those of the in-archive documents doc.kml links to, or doc.kml's own. */
export function readKmzArchive(bytes: Uint8Array, parser: XmlParser): DecodedLayer {
  const entries = unzip(bytes, 'KMZ');
  const docName = Object.keys(entries).find((n) => n.toLowerCase().replace(/^.*\//, '') === 'doc.kml');
  const doc = docName ? entries[docName] : undefined;
  const links = doc ? linkedEntries(new TextDecoder().decode(doc), entries) : [];
  if (links.length === 0) return readKmz(bytes, parser);
  const features = links.flatMap((name) => {
    const content = entries[name];
    return content ? readKml(new TextDecoder().decode(content), parser).features : [];
  });
  if (features.length === 0) throw new FormatError('EMPTY_FILE', 'The KMZ holds no placemarks.');
  return { features, fields: fieldsOf(features), crs: 'EPSG:4326' };
}
