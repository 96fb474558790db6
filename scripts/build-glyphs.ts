/**
 * Generates MapLibre glyph PBFs (SDF font ranges) from Noto Sans, so the map can label in
 * Vietnamese without any hosted glyph server.
 *
 *   npx tsx scripts/build-glyphs.ts
 *
 * Output: data/glyphs/<fontstack>/<start>-<end>.pbf. The files are committed; run this only
 * when the font, the ranges or the algorithm change. The output is deterministic.
 *
 * Method (no canvas): each glyph outline is flattened into line segments; for every pixel centre
 * of the (width + 2·buffer) × (height + 2·buffer) bitmap we take the distance to the nearest
 * segment, sign it by the non-zero winding rule and encode it like tiny-sdf / fontnik:
 * value = 255 − 255·(d / radius + cutoff), d > 0 outside. Brute force is fine at 24 px.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PbfWriter } from 'pbf';

/** The parts of opentype.js 2 used here (the package ships no types). */
interface OtPathCommand {
  type: 'M' | 'L' | 'Q' | 'C' | 'Z';
  x?: number;
  y?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}
interface OtGlyph {
  advanceWidth?: number;
  getPath(x: number, y: number, fontSize: number): { commands: OtPathCommand[] };
}
interface OtFont {
  unitsPerEm: number;
  ascender: number;
  charToGlyphIndex(char: string): number;
  charToGlyph(char: string): OtGlyph;
}
interface OpentypeModule {
  parse(buffer: ArrayBuffer): OtFont;
}

const require = createRequire(import.meta.url);
const opentype: OpentypeModule = require('opentype.js');

/** Same parameters as node-fontnik / MapLibre's tiny-sdf path. */
export const FONT_SIZE = 24;
export const BUFFER = 3;
export const RADIUS = 8;
export const CUTOFF = 0.25;

/** Ranges MapLibre requests for Vietnamese and Latin text (each 256 code points). */
export const RANGE_STARTS = [0, 256, 512, 768, 7680, 8192, 8448] as const;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FONT_DIR = join(ROOT, 'node_modules/@fontsource/noto-sans/files');
export const GLYPH_DIR = join(ROOT, 'data/glyphs');

/** Fontsource splits Noto Sans into unicode-range subsets; each file holds only its own code points. */
const SUBSETS = ['latin', 'vietnamese', 'latin-ext'] as const;

export const FONTSTACKS = [
  { name: 'Noto Sans Regular', weight: 400 },
  { name: 'Noto Sans Bold', weight: 700 },
] as const;

export interface SdfGlyph {
  id: number;
  /** Absent for empty glyphs (space), like fontnik. (width+2·BUFFER)·(height+2·BUFFER) bytes. */
  bitmap?: Uint8Array;
  width: number;
  height: number;
  left: number;
  /** Top of the bitmap relative to the ascender line, px (fontnik: bbox.yMax − ascender). */
  top: number;
  advance: number;
}

type Segment = [number, number, number, number];

export function loadSubsetFonts(weight: number): OtFont[] {
  return SUBSETS.map((subset) => {
    const file = readFileSync(join(FONT_DIR, `noto-sans-${subset}-${weight}-normal.woff`));
    const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    return opentype.parse(buffer);
  });
}

/** Flattens a path (y down, pixels, baseline at y = 0) into closed line segments. */
function flatten(commands: OtPathCommand[]): Segment[] {
  const segments: Segment[] = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const lineTo = (nx: number, ny: number): void => {
    if (nx !== x || ny !== y) segments.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  for (const c of commands) {
    if (c.type === 'M') {
      if (x !== startX || y !== startY) lineTo(startX, startY);
      x = startX = c.x ?? 0;
      y = startY = c.y ?? 0;
    } else if (c.type === 'L') {
      lineTo(c.x ?? 0, c.y ?? 0);
    } else if (c.type === 'Q') {
      const [x0, y0, x1, y1, x2, y2] = [x, y, c.x1 ?? 0, c.y1 ?? 0, c.x ?? 0, c.y ?? 0];
      const steps = 8;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        lineTo(u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2);
      }
    } else if (c.type === 'C') {
      const [x0, y0, x1, y1] = [x, y, c.x1 ?? 0, c.y1 ?? 0];
      const [x2, y2, x3, y3] = [c.x2 ?? 0, c.y2 ?? 0, c.x ?? 0, c.y ?? 0];
      const steps = 12;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        const a = u * u * u;
        const b = 3 * u * u * t;
        const d = 3 * u * t * t;
        const e = t * t * t;
        lineTo(a * x0 + b * x1 + d * x2 + e * x3, a * y0 + b * y1 + d * y2 + e * y3);
      }
    } else if (c.type === 'Z') {
      lineTo(startX, startY);
    }
  }
  lineTo(startX, startY);
  return segments;
}

function distanceToSegment(px: number, py: number, [ax, ay, bx, by]: Segment): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  let t = lengthSq === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSq;
  t = Math.max(0, Math.min(1, t));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** Non-zero winding number of the outline around (px, py). */
function winding(px: number, py: number, segments: Segment[]): number {
  let w = 0;
  for (const [ax, ay, bx, by] of segments) {
    if (ay <= py) {
      if (by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) w++;
    } else if (by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) {
      w--;
    }
  }
  return w;
}

/** Renders one code point as an SDF glyph from the first subset font that has it, or null. */
export function renderGlyph(fonts: OtFont[], codePoint: number): SdfGlyph | null {
  const char = String.fromCodePoint(codePoint);
  const font = fonts.find((f) => f.charToGlyphIndex(char) > 0);
  if (!font) return null;
  const scale = FONT_SIZE / font.unitsPerEm;
  const glyph = font.charToGlyph(char);
  const advance = Math.round((glyph.advanceWidth ?? 0) * scale);
  const ascender = Math.round(font.ascender * scale);
  const segments = flatten(glyph.getPath(0, 0, FONT_SIZE).commands);
  if (segments.length === 0) return { id: codePoint, width: 0, height: 0, left: 0, top: -ascender, advance };

  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [ax, ay, bx, by] of segments) {
    minX = Math.min(minX, ax, bx);
    maxX = Math.max(maxX, ax, bx);
    minY = Math.min(minY, ay, by);
    maxY = Math.max(maxY, ay, by);
  }
  // Path y grows downwards: minY is the top of the glyph, -minY its height above the baseline.
  const left = Math.floor(minX);
  const right = Math.ceil(maxX);
  const topY = Math.floor(minY);
  const bottomY = Math.ceil(maxY);
  const width = right - left;
  const height = bottomY - topY;
  const w = width + 2 * BUFFER;
  const h = height + 2 * BUFFER;
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const py = topY - BUFFER + j + 0.5;
    for (let i = 0; i < w; i++) {
      const px = left - BUFFER + i + 0.5;
      let d = Number.POSITIVE_INFINITY;
      for (const s of segments) d = Math.min(d, distanceToSegment(px, py, s));
      if (winding(px, py, segments) !== 0) d = -d;
      const value = Math.round(255 - 255 * (d / RADIUS + CUTOFF));
      bitmap[j * w + i] = Math.max(0, Math.min(255, value));
    }
  }
  return { id: codePoint, bitmap, width, height, left, top: -topY - ascender, advance };
}

/** Encodes one fontstack range as the Mapbox glyphs protobuf (glyphs.proto). */
export function encodeGlyphRange(
  fontstack: string,
  start: number,
  end: number,
  glyphs: SdfGlyph[],
): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_: null, out: PbfWriter) => {
      out.writeStringField(1, fontstack);
      out.writeStringField(2, `${start}-${end}`);
      for (const g of glyphs) {
        out.writeMessage(
          3,
          (_glyph: null, o: PbfWriter) => {
            o.writeVarintField(1, g.id);
            if (g.bitmap) o.writeBytesField(2, g.bitmap);
            o.writeVarintField(3, g.width);
            o.writeVarintField(4, g.height);
            o.writeSVarintField(5, g.left);
            o.writeSVarintField(6, g.top);
            o.writeVarintField(7, g.advance);
          },
          null,
        );
      }
    },
    null,
  );
  return pbf.finish();
}

/** Builds the PBF bytes of one 256-code-point range. */
export function buildRange(fonts: OtFont[], fontstack: string, start: number): Uint8Array {
  const end = start + 255;
  const glyphs: SdfGlyph[] = [];
  for (let cp = start; cp <= end; cp++) {
    const glyph = renderGlyph(fonts, cp);
    if (glyph) glyphs.push(glyph);
  }
  return encodeGlyphRange(fontstack, start, end, glyphs);
}

function main(): void {
  for (const stack of FONTSTACKS) {
    const fonts = loadSubsetFonts(stack.weight);
    const dir = join(GLYPH_DIR, stack.name);
    mkdirSync(dir, { recursive: true });
    for (const start of RANGE_STARTS) {
      const bytes = buildRange(fonts, stack.name, start);
      const file = join(dir, `${start}-${start + 255}.pbf`);
      writeFileSync(file, bytes);
      console.log(`${file.slice(ROOT.length + 1)}: ${bytes.length} bytes`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
