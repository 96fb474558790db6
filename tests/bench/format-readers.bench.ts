/**
 * Readers of untrusted files on the inputs crafted to make them super-linear (issue #15). Ours:
 * the linear KML scan and WKT parser in @hatang/geo/formats. Peer: the regular expressions they
 * replaced, inlined here (cubic on the NetworkLink pattern, quadratic on a run of digits). Sizes
 * are kept small so the peer finishes; the ratio grows with the size (n³ and n² against n).
 */
import { defaultParseLimits, fromWkt, ParseBudget } from '@hatang/geo/formats';
import { bench, describe } from 'vitest';
import { scanKml } from '../../packages/geo/src/formats/kml-scan.js';

const LINK = /<NetworkLink\b[\s\S]*?<href>\s*([^<]+?)\s*<\/href>[\s\S]*?<\/NetworkLink>/gi;
const kml = `<kml><Document><Folder>${'<NetworkLink/><href>layers/a.kml</href>'.repeat(150)}</Folder></Document></kml>`;

describe(`KML NetworkLink hrefs, crafted ${(kml.length / 1024).toFixed(1)} KB`, () => {
  bench('Hatang: scanKml (one forward pass)', () => {
    scanKml(kml, new ParseBudget(defaultParseLimits, 'KML'));
  });
  bench('peer: the former regular expression', () => {
    [...kml.matchAll(LINK)];
  });
});

const wkt = `POINT(${'1'.repeat(5_000)})`;
/** The former fromWkt's coordinate rewrite, the part that backtracks on a run of digits. */
const formerRewrite = (text: string) =>
  text.replace(/(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)(?:\s+-?[\d.eE+-]+)*/g, '[$1,$2]');

describe('WKT cell with a 5,000-digit run', () => {
  bench('Hatang: fromWkt (refuses it in one pass)', () => {
    try {
      fromWkt(wkt);
    } catch {
      // not a position: refused, as it should be
    }
  });
  bench('peer: the former regular expression rewrite', () => {
    formerRewrite(wkt);
  });
});
