import { Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { FormatError } from './source-feature.js';
import { unsafeEntryName, unzip, zip } from './zip.js';

const limits = (overrides: Partial<ParseLimits>): ParseLimits => ({ ...defaultParseLimits, ...overrides });

/** A zip whose central directory names `name` (fflate refuses nothing, so any name can be written). */
const zipNamed = (name: string) => zipSync({ [name]: new TextEncoder().encode('x') });

describe('unzip', () => {
  it('unpacks files and leaves out folders and macOS resource forks', () => {
    const bytes = zipSync({
      'layer/a.shp': new Uint8Array([1, 2, 3]),
      'layer/': new Uint8Array(0),
      '__MACOSX/layer/._a.shp': new Uint8Array([9]),
      'b.txt': [new TextEncoder().encode('hello'), { level: 0 }],
      'empty.txt': new Uint8Array(0),
    });
    const entries = unzip(bytes, 'zip');
    expect(Object.keys(entries).sort()).toEqual(['b.txt', 'empty.txt', 'layer/a.shp']);
    expect([...(entries['layer/a.shp'] ?? [])]).toEqual([1, 2, 3]);
    expect(new TextDecoder().decode(entries['b.txt'])).toBe('hello');
    expect(entries['empty.txt']?.length).toBe(0);
  });

  it('round-trips what zip() packs, including an entry of several MB', () => {
    const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    const entries = unzip(zip({ 'doc.kml': '<kml/>', 'big.bin': big }), 'KMZ');
    expect(new TextDecoder().decode(entries['doc.kml'])).toBe('<kml/>');
    expect(Buffer.from(entries['big.bin'] ?? []).equals(Buffer.from(big))).toBe(true);
  });

  it('reads a streamed zip whose sizes are in data descriptors after the data', () => {
    const parts: Uint8Array[] = [];
    const archive = new Zip((error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    });
    const file = new ZipDeflate('doc.kml', { level: 6 });
    archive.add(file);
    file.push(new TextEncoder().encode('<kml>'.repeat(1000)), true);
    archive.end();
    const bytes = new Uint8Array(Buffer.concat(parts));
    expect(new TextDecoder().decode(unzip(bytes, 'KMZ')['doc.kml'])).toBe('<kml>'.repeat(1000));
  });

  it('stops a zip bomb at maxInflatedBytes, naming the limit', () => {
    // 8 MB of zeros deflate to ~8 KB: the limit is 1 MB.
    const bomb = zipSync({ 'zeros.shp': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = catchError(() =>
      unzip(bomb, 'zipped Shapefile', limits({ maxInflatedBytes: 1024 * 1024 })),
    );
    expect(error).toBeInstanceOf(LimitError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxInflatedBytes', value: 1024 * 1024 });
    expect((error as Error).message).toBe(
      'The zipped Shapefile inflates past the limit of 1 MB (maxInflatedBytes).',
    );
  });

  it('counts the bytes of all entries together, stored ones too', () => {
    const half = new Uint8Array(600 * 1024);
    const bytes = zipSync({ 'a.bin': half, 'b.bin': [half, { level: 0 }] });
    expect(() => unzip(bytes, 'zip', limits({ maxInflatedBytes: 1024 * 1024 }))).toThrow(/maxInflatedBytes/);
    expect(Object.keys(unzip(bytes, 'zip', limits({ maxInflatedBytes: 2 * 1024 * 1024 })))).toHaveLength(2);
  });

  it('does not trust the uncompressed size the headers claim', () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(4 * 1024 * 1024) });
    // Claim 10 bytes in the local and central headers: the inflated bytes are counted anyway.
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 10, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 10, true);
    }
    expect(() => unzip(bomb, 'zip', limits({ maxInflatedBytes: 1024 * 1024 }))).toThrow(LimitError);
  });

  it('refuses an archive with more entries than maxArchiveEntries before inflating any', () => {
    const files = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, new Uint8Array([i])]),
    );
    const bytes = zipSync(files);
    const error = catchError(() => unzip(bytes, 'KMZ', limits({ maxArchiveEntries: 10 })));
    expect(error).toMatchObject({ limit: 'maxArchiveEntries', value: 10 });
    expect((error as Error).message).toBe(
      'The KMZ holds 11 entries, more than the limit of 10 (maxArchiveEntries).',
    );
    expect(Object.keys(unzip(bytes, 'KMZ', limits({ maxArchiveEntries: 11 })))).toHaveLength(11);
  });

  it.each([
    ['../../etc/passwd', /climbs out of its folder/],
    ['layer/../../x.shp', /climbs out of its folder/],
    ['/etc/passwd', /absolute path/],
    ['C:/Windows/x.kml', /drive letter/],
    ['..\\..\\x.kml', /backslashes/],
  ])('refuses an entry named %s that escapes its folder', (name, why) => {
    const error = catchError(() => unzip(zipNamed(name), 'KMZ'));
    expect(error).toBeInstanceOf(FormatError);
    expect(error).not.toBeInstanceOf(LimitError);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toContain("leaves the archive's folder");
  });

  it('accepts names with dots that do not climb', () => {
    expect(unsafeEntryName('layer/..hidden/a..b.shp')).toBeUndefined();
    expect(unsafeEntryName('./doc.kml')).toBeUndefined();
    expect(Object.keys(unzip(zipNamed('files/..x.kml'), 'KMZ'))).toEqual(['files/..x.kml']);
  });

  it('calls a truncated or corrupt archive damaged', () => {
    const bytes = zip({ 'a.txt': 'hello world hello world hello world' });
    expect(() => unzip(bytes.subarray(0, bytes.length - 30), 'zip')).toThrow(/not a readable zip archive/);
    expect(() => unzip(new TextEncoder().encode('not a zip at all, just text'), 'zip')).toThrow(
      /not a readable zip archive/,
    );
    const corrupt = bytes.slice();
    // Overwrite the deflated data (after the 30-byte local header and the 5-byte name) with garbage.
    corrupt.fill(0xff, 35, 45);
    expect(() => unzip(corrupt, 'zip')).toThrow(FormatError);
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
