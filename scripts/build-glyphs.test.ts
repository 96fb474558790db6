import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { BUFFER, buildRange, GLYPH_DIR, loadSubsetFonts } from './build-glyphs.js';

interface DecodedGlyph {
  id?: number;
  bitmap?: Uint8Array;
  width?: number;
  height?: number;
  left?: number;
  top?: number;
  advance?: number;
}
interface DecodedStack {
  name?: string;
  range?: string;
  glyphs: DecodedGlyph[];
}

function readGlyph(tag: number, g: DecodedGlyph, pbf: PbfReader): void {
  if (tag === 1) g.id = pbf.readVarint();
  else if (tag === 2) g.bitmap = pbf.readBytes();
  else if (tag === 3) g.width = pbf.readVarint();
  else if (tag === 4) g.height = pbf.readVarint();
  else if (tag === 5) g.left = pbf.readSVarint();
  else if (tag === 6) g.top = pbf.readSVarint();
  else if (tag === 7) g.advance = pbf.readVarint();
}

function readStack(tag: number, stack: DecodedStack, pbf: PbfReader): void {
  if (tag === 1) stack.name = pbf.readString();
  else if (tag === 2) stack.range = pbf.readString();
  else if (tag === 3) stack.glyphs.push(pbf.readMessage(readGlyph, {}));
}

function decode(bytes: Uint8Array): DecodedStack[] {
  return new PbfReader(bytes).readFields((tag, stacks: DecodedStack[], pbf) => {
    if (tag === 1) stacks.push(pbf.readMessage(readStack, { glyphs: [] }));
  }, []);
}

const committed = (stack: string, range: string): Uint8Array =>
  new Uint8Array(readFileSync(join(GLYPH_DIR, stack, `${range}.pbf`)));

describe('build-glyphs', () => {
  it('ships an SDF glyph for ệ (U+1EC7) in the Latin Extended Additional range', () => {
    const [stack] = decode(committed('Noto Sans Regular', '7680-7935'));
    expect(stack?.name).toBe('Noto Sans Regular');
    expect(stack?.range).toBe('7680-7935');
    const glyph = stack?.glyphs.find((g) => g.id === 0x1ec7);
    if (!glyph?.bitmap || glyph.width === undefined || glyph.height === undefined) {
      throw new Error('no bitmap for ệ');
    }
    const w = glyph.width + 2 * BUFFER;
    const h = glyph.height + 2 * BUFFER;
    expect(glyph.bitmap.length).toBe(w * h);
    // ệ at 24 px: about 11 px wide, taller than an x-height because of the circumflex and dot below.
    expect(glyph.width).toBeGreaterThan(8);
    expect(glyph.width).toBeLessThan(16);
    expect(glyph.height).toBeGreaterThan(18);
    expect(glyph.advance).toBeGreaterThan(10);
    // The corners of the buffered bitmap are far outside the outline; the stem is inside.
    for (const i of [0, w - 1, (h - 1) * w, h * w - 1]) expect(glyph.bitmap[i]).toBeLessThan(64);
    const inside = Array.from(glyph.bitmap).filter((v) => v > 192).length;
    const outside = Array.from(glyph.bitmap).filter((v) => v < 64).length;
    expect(inside).toBeGreaterThan(30);
    expect(outside).toBeGreaterThan(30);
  });

  it('covers Ơ ơ Ư ư and the Vietnamese letters of the commune names', () => {
    const ids = new Set(decode(committed('Noto Sans Regular', '256-511'))[0]?.glyphs.map((g) => g.id));
    for (const cp of [0x1a0, 0x1a1, 0x1af, 0x1b0, 0x110, 0x111, 0x103]) expect(ids.has(cp)).toBe(true);
    const bold = new Set(decode(committed('Noto Sans Bold', '7680-7935'))[0]?.glyphs.map((g) => g.id));
    for (const ch of 'ủạảấầẩẫậếềểễệỉịọỏốồổỗộớờởỡợụứừửữựỳỵỷỹ') expect(bold.has(ch.codePointAt(0))).toBe(true);
  });

  it('regenerates byte-identical files (committed glyphs are up to date and deterministic)', () => {
    const fresh = buildRange(loadSubsetFonts(400), 'Noto Sans Regular', 7680);
    expect(Buffer.from(fresh).equals(Buffer.from(committed('Noto Sans Regular', '7680-7935')))).toBe(true);
  });
});
