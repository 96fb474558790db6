/**
 * Zip archives (Shapefile, KMZ) from untrusted uploads. The central directory is read first, so the
 * entry count and every entry's name are checked before a byte is inflated; entries are then
 * inflated as a stream in small steps and the inflated bytes counted as they come, so a
 * decompression bomb stops at `maxInflatedBytes` whatever sizes its headers claim.
 */
import { Inflate, type Zippable, zipSync } from 'fflate';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { FormatError } from './source-feature.js';

/** Compressed bytes handed to the inflater per step: one step inflates to at most ~1032× this. */
const STEP_BYTES = 16 * 1024;

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function damaged(what: string, why: string): FormatError {
  return new FormatError(
    'DAMAGED_FILE',
    `The ${what} is not a readable zip archive (truncated or damaged? ${why}). Upload the complete file again.`,
  );
}

/**
 * Why an entry name would leave the archive's folder when extracted (`..` segments, absolute
 * paths, drive letters, backslash separators), or undefined when it is a plain relative path.
 */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'it contains a NUL character';
  if (name.includes('\\')) return 'it uses backslashes as separators';
  if (name.startsWith('/')) return 'it is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'it starts with a drive letter';
  if (name.split('/').some((segment) => segment === '..')) return 'it climbs out of its folder with ".."';
  return undefined;
}

/** Reads the end of central directory (zip64 too): where the directory is and how many entries it says. */
function directoryOf(view: DataView, what: string): { offset: number; count: number } {
  const length = view.byteLength;
  const lowest = Math.max(0, length - 22 - 0xffff);
  let eocd = -1;
  for (let i = length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(what, 'no central directory');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    eocd >= 20 &&
    view.getUint32(eocd - 20, true) === 0x07064b50
  ) {
    const record = Number(view.getBigUint64(eocd - 12, true));
    if (record + 56 > length || view.getUint32(record, true) !== 0x06064b50)
      throw damaged(what, 'bad zip64 record');
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  if (offset > length) throw damaged(what, 'the central directory lies past the end');
  return { offset, count };
}

/** The 64-bit sizes and offset of a zip64 entry, from its extra field, for the fields set to 0xFFFFFFFF. */
function zip64Values(view: DataView, start: number, end: number, wanted: boolean[]): number[] {
  const values: number[] = [];
  for (let p = start; p + 4 <= end; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      for (const want of wanted) {
        if (!want) continue;
        if (q + 8 > p + 4 + size) break;
        values.push(Number(view.getBigUint64(q, true)));
        q += 8;
      }
      return values;
    }
    p += 4 + size;
  }
  return values;
}

function centralEntries(view: DataView, what: string, limits: ParseLimits): CentralEntry[] {
  const { offset, count } = directoryOf(view, what);
  if (count > limits.maxArchiveEntries) {
    throw new LimitError(
      'maxArchiveEntries',
      limits.maxArchiveEntries,
      `The ${what} holds ${count} entries, more than the limit of ${limits.maxArchiveEntries} (maxArchiveEntries).`,
    );
  }
  const entries: CentralEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== 0x02014b50) {
      throw damaged(what, `entry ${i + 1} of the central directory is cut off`);
    }
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > view.byteLength) throw damaged(what, `entry ${i + 1} of the central directory is cut off`);
    const rawName = new Uint8Array(view.buffer, view.byteOffset + p + 46, nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, read as Latin-1 as fflate does.
    const name =
      flags & 0x800
        ? new TextDecoder().decode(rawName)
        : Array.from(rawName, (b) => String.fromCharCode(b)).join('');
    let compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    let localOffset = view.getUint32(p + 42, true);
    const wide = [uncompressedSize === 0xffffffff, compressedSize === 0xffffffff, localOffset === 0xffffffff];
    if (wide.some(Boolean)) {
      const values = zip64Values(view, p + 46 + nameLength, p + 46 + nameLength + extraLength, wide);
      if (wide[0]) values.shift();
      if (wide[1]) compressedSize = values.shift() ?? Number.POSITIVE_INFINITY;
      if (wide[2]) localOffset = values.shift() ?? Number.POSITIVE_INFINITY;
    }
    entries.push({ name, method: view.getUint16(p + 10, true), flags, compressedSize, localOffset });
    p = end;
  }
  return entries;
}

/**
 * Unpacks a zip (Shapefile, KMZ) into its files by name, leaving out folders and macOS resource
 * forks (`__MACOSX/`). Throws a LimitError past `maxArchiveEntries` entries or `maxInflatedBytes`
 * inflated in all, a FormatError for an entry whose name leaves its folder (`../`, `/etc`, `C:`,
 * backslashes), an encrypted or unknown compression, and a truncated or corrupt archive.
 */
export function unzip(
  bytes: Uint8Array,
  what: string,
  limits: ParseLimits = defaultParseLimits,
): Record<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) throw damaged(what, 'too short');
  const entries = centralEntries(view, what, limits);
  for (const entry of entries) {
    const why = unsafeEntryName(entry.name);
    if (why) {
      throw new FormatError(
        'UNSUPPORTED_FILE',
        `The ${what} holds an entry named "${entry.name.slice(0, 200)}" whose path leaves the archive's folder (${why}); such archives are refused.`,
      );
    }
  }
  let inflated = 0;
  const count = (n: number) => {
    inflated += n;
    if (inflated > limits.maxInflatedBytes) {
      throw new LimitError(
        'maxInflatedBytes',
        limits.maxInflatedBytes,
        `The ${what} inflates past the limit of ${megabytes(limits.maxInflatedBytes)} (maxInflatedBytes).`,
      );
    }
  };
  const out: [string, Uint8Array][] = [];
  for (const entry of entries) {
    if (entry.name.endsWith('/') || entry.name.startsWith('__MACOSX/')) continue;
    const local = entry.localOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      throw damaged(what, `no local header for "${entry.name}"`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw damaged(what, `"${entry.name}" runs past the end of the archive`);
    if (entry.flags & 0x1) {
      throw new FormatError(
        'UNSUPPORTED_FILE',
        `The ${what} is encrypted ("${entry.name}"): upload it without a password.`,
      );
    }
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      count(data.length);
      out.push([entry.name, data.slice()]);
    } else if (entry.method === 8) {
      out.push([entry.name, data.length === 0 ? new Uint8Array(0) : inflateCounted(data, count, what)]);
    } else {
      throw new FormatError(
        'UNSUPPORTED_FILE',
        `The ${what} uses compression method ${entry.method} for "${entry.name}": only stored and deflated entries are read.`,
      );
    }
  }
  return Object.fromEntries(out);
}

/** Inflates one deflated entry step by step, reporting each inflated chunk's size to `count` (which throws past the limit). */
function inflateCounted(data: Uint8Array, count: (n: number) => void, what: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    count(chunk.length);
    chunks.push(chunk);
    size += chunk.length;
    if (final) done = true;
  });
  try {
    for (let p = 0; p < data.length && !done; p += STEP_BYTES) {
      const end = Math.min(p + STEP_BYTES, data.length);
      inflater.push(data.subarray(p, end), end === data.length);
    }
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw damaged(what, (error as Error).message);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Packs files into a deflated zip. */
export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    entries[name] = typeof content === 'string' ? encoder.encode(content) : content;
  }
  return zipSync(entries, { level: 6 });
}

/** The entry whose name ends with `extension` (case-insensitive), if exactly one does, by base name. */
export function entriesWith(entries: Record<string, Uint8Array>, extension: string): string[] {
  const lower = extension.toLowerCase();
  return Object.keys(entries).filter((name) => name.toLowerCase().endsWith(lower));
}
