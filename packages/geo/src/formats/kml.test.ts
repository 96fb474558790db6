import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { ParseBudget } from './budget.js';
import { readKml, readKmz, type XmlParser } from './kml.js';
import { scanKml } from './kml-scan.js';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { FormatError } from './source-feature.js';
import { zip } from './zip.js';

const limits = (overrides: Partial<ParseLimits>): ParseLimits => ({ ...defaultParseLimits, ...overrides });

/** xmldom failing on malformed XML, as the API passes it. */
const parser: XmlParser = {
  parseFromString: (text, type) =>
    new DOMParser({
      onError: (level, message) => {
        if (level === 'fatalError' || level === 'error') throw new Error(message);
      },
    }).parseFromString(text, type) as unknown as ReturnType<XmlParser['parseFromString']>,
};

const kmlOf = (body: string) =>
  `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
const point = (name: string, lng: number, lat: number) =>
  `<Placemark><name>${name}</name><Point><coordinates>${lng},${lat}</coordinates></Point></Placemark>`;

/**
 * Well-formed KML that made the former link-following regular expression
 * `<NetworkLink\b[\s\S]*?<href>\s*([^<]+?)\s*<\/href>[\s\S]*?<\/NetworkLink>` run in cubic time:
 * many `<NetworkLink/>` openings each followed by an href and no `</NetworkLink>` anywhere, so
 * each opening tried every later href and, for each, scanned to the end of the text
 * (10.8 KB took 0.6 s, 100 KB minutes). The hrefs are not inside a NetworkLink: nothing is linked.
 */
const cubicLinks = (count: number) =>
  `<Folder>${'<NetworkLink/><href>layers/a.kml</href>'.repeat(count)}</Folder>`;

describe('readKml', () => {
  it('reads placemarks with their names and positions', () => {
    const layer = readKml(kmlOf(point('T1', 106.68, 20.86) + point('T2', 106.69, 20.87)), parser);
    expect(layer.features).toHaveLength(2);
    expect(layer.features[0]).toMatchObject({
      properties: { name: 'T1' },
      geometry: { type: 'Point', coordinates: [106.68, 20.86] },
    });
    expect(layer.crs).toBe('EPSG:4326');
  });

  it('reads a line whose coordinates are separated by a long run of spaces, as a two-vertex line', () => {
    // togeojson trims coordinates with /^\s*|\s*$/g, quadratic in a run of spaces: collapsed first.
    const coordinates = `106.68,20.86${' '.repeat(200_000)}106.69,20.87\n`;
    const layer = readKml(
      kmlOf(`<Placemark><LineString><coordinates>${coordinates}</coordinates></LineString></Placemark>`),
      parser,
    );
    expect(layer.features[0]?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [106.68, 20.86],
        [106.69, 20.87],
      ],
    });
  });

  it('refuses more placemarks than maxFeatures, naming the limit', () => {
    const text = kmlOf(Array.from({ length: 4 }, (_, i) => point(`T${i}`, 106, 20)).join(''));
    expect(readKml(text, parser, limits({ maxFeatures: 4 })).features).toHaveLength(4);
    expect(() => readKml(text, parser, limits({ maxFeatures: 3 }))).toThrow(
      'The KML has more than 3 features, the limit (maxFeatures).',
    );
  });

  it('counts NetworkLinks and GroundOverlays as features too, as togeojson yields them', () => {
    const text = kmlOf('<NetworkLink/><GroundOverlay><name>g</name></GroundOverlay>'.repeat(3));
    expect(() => readKml(text, parser, limits({ maxFeatures: 5 }))).toThrow(/maxFeatures/);
    expect(readKml(text, parser, limits({ maxFeatures: 6 })).features).toHaveLength(6);
  });

  it('refuses a feature with more vertices than maxVerticesPerFeature, and a file with more than maxVertices', () => {
    const line = (n: number) =>
      `<Placemark><LineString><coordinates>${Array.from({ length: n }, (_, i) => `106.${i},20.5`).join(' ')}</coordinates></LineString></Placemark>`;
    const text = kmlOf(line(10) + line(10));
    expect(
      readKml(text, parser, limits({ maxVerticesPerFeature: 10, maxVertices: 20 })).features,
    ).toHaveLength(2);
    expect(() => readKml(text, parser, limits({ maxVerticesPerFeature: 9 }))).toThrow(
      expect.objectContaining({ limit: 'maxVerticesPerFeature', value: 9 }),
    );
    expect(() => readKml(text, parser, limits({ maxVertices: 19 }))).toThrow(
      expect.objectContaining({ limit: 'maxVertices', value: 19 }),
    );
  });

  it('refuses folders nested deeper than maxDepth', () => {
    const nested = (depth: number) =>
      `${'<Folder>'.repeat(depth)}${point('deep', 106, 20)}${'</Folder>'.repeat(depth)}`;
    // kml > Document > Folder × n > Placemark > Point > coordinates: n + 5 levels.
    expect(readKml(kmlOf(nested(5)), parser, limits({ maxDepth: 10 })).features).toHaveLength(1);
    const error = catchError(() => readKml(kmlOf(nested(6)), parser, limits({ maxDepth: 10 })));
    expect(error).toBeInstanceOf(LimitError);
    expect((error as Error).message).toBe(
      'The nesting (XML elements of the KML) is deeper than the limit of 10 levels (maxDepth).',
    );
    // 100 000 levels: refused by the scan before xmldom or togeojson recurse into them.
    expect(() => readKml(kmlOf(nested(100_000)), parser)).toThrow(/maxDepth/);
  });

  it('refuses a text longer than maxCellChars', () => {
    const text = kmlOf(
      `<Placemark><description>${'x'.repeat(101)}</description><Point><coordinates>1,2</coordinates></Point></Placemark>`,
    );
    expect(() => readKml(text, parser, limits({ maxCellChars: 100 }))).toThrow(
      'A text (a <description> text of the KML) has 101 characters, more than the limit of 100 (maxCellChars).',
    );
    const cdata = kmlOf(`<Placemark><description><![CDATA[${'<b>'.repeat(40)}]]></description></Placemark>`);
    expect(() => readKml(cdata, parser, limits({ maxCellChars: 100 }))).toThrow(/maxCellChars/);
  });

  it('refuses a DTD with entities (entity expansion)', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><kml><Document><name>&b;</name></Document></kml>`;
    const error = catchError(() => readKml(laughs, parser));
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(/DTD/);
  });

  it('reads the crafted link pattern that was cubic, and the same ten times larger', () => {
    for (const count of [400, 4_000]) {
      const layer = readKml(kmlOf(cubicLinks(count) + point('P', 106, 20)), parser);
      // togeojson yields each NetworkLink as a feature without geometry.
      expect(layer.features.filter((f) => f.geometry).map((f) => f.properties.name)).toEqual(['P']);
    }
  });

  it('refuses thousands of unclosed NetworkLinks by their depth, before parsing', () => {
    const text = kmlOf('<NetworkLink><href>a.kml</href>'.repeat(4_000));
    expect(() => readKml(text, parser)).toThrow(expect.objectContaining({ limit: 'maxDepth' }));
  });
});

describe('scanKml', () => {
  it('collects NetworkLink hrefs in order, decoding &amp;, and ignores NetworkLinkControl', () => {
    const text = kmlOf(
      '<NetworkLink><Link><href> layers/a.kml </href></Link></NetworkLink>' +
        '<NetworkLinkControl><href>no.kml</href></NetworkLinkControl>' +
        '<kml:NetworkLink><kml:Link><kml:href>layers/b&amp;c.kml</kml:href></kml:Link></kml:NetworkLink>',
    );
    expect(scanKml(text, new ParseBudget(defaultParseLimits, 'KML'))).toEqual([
      'layers/a.kml',
      'layers/b&c.kml',
    ]);
  });

  it('finds no link in the crafted cubic pattern, however long', () => {
    for (const count of [1_000, 10_000]) {
      expect(scanKml(kmlOf(cubicLinks(count)), new ParseBudget(defaultParseLimits, 'KML'))).toEqual([]);
    }
  });
});

describe('readKmz', () => {
  const layerKml = (name: string) => kmlOf(point(name, 106.7, 20.8));

  it('reads the layers doc.kml links to (as GDAL LIBKML writes them)', () => {
    const doc = kmlOf(
      '<NetworkLink><Link><href>layers/towers.kml</href></Link></NetworkLink><NetworkLink><Link><href>./layers/poles.kml</href></Link></NetworkLink>',
    );
    const bytes = zip({
      'doc.kml': doc,
      'layers/towers.kml': layerKml('T'),
      'layers/poles.kml': layerKml('P'),
    });
    const layer = readKmz(bytes, parser);
    expect(layer.features.map((f) => f.properties.name)).toEqual(['T', 'P']);
  });

  it('reads doc.kml itself when it links to nothing in the archive', () => {
    expect(readKmz(zip({ 'doc.kml': layerKml('A') }), parser).features).toHaveLength(1);
  });

  it('counts the features of all linked layers against one maxFeatures', () => {
    const doc = kmlOf(
      '<NetworkLink><Link><href>a.kml</href></Link></NetworkLink><NetworkLink><Link><href>b.kml</href></Link></NetworkLink>',
    );
    const bytes = zip({ 'doc.kml': doc, 'a.kml': layerKml('A'), 'b.kml': layerKml('B') });
    expect(readKmz(bytes, parser, limits({ maxFeatures: 2 })).features).toHaveLength(2);
    expect(() => readKmz(bytes, parser, limits({ maxFeatures: 1 }))).toThrow(/maxFeatures/);
  });

  it('reads a KMZ whose doc.kml links to a layer and then holds the crafted cubic pattern', () => {
    for (const count of [400, 4_000]) {
      const doc = kmlOf(
        `<NetworkLink><Link><href>layers/a.kml</href></Link></NetworkLink>${cubicLinks(count)}`,
      );
      const bytes = zip({ 'doc.kml': doc, 'layers/a.kml': layerKml('A') });
      expect(readKmz(bytes, parser).features.map((f) => f.properties.name)).toEqual(['A']);
    }
  });

  it('passes the limits to the unzip (a bomb in a KMZ)', () => {
    const bytes = zip({ 'doc.kml': layerKml('A'), 'pad.bin': new Uint8Array(4 * 1024 * 1024) });
    expect(() => readKmz(bytes, parser, limits({ maxInflatedBytes: 1024 * 1024 }))).toThrow(
      /maxInflatedBytes/,
    );
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
