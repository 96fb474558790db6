import { unzipSync, type Zippable, zipSync } from 'fflate';
import { FormatError } from './source-feature.js';

/** Unpacks a zip (Shapefile, KMZ); a truncated or corrupt archive becomes a clear FormatError. */
export function unzip(bytes: Uint8Array, what: string): Record<string, Uint8Array> {
  try {
    const entries = unzipSync(bytes);
    // macOS adds resource forks that look like the real files.
    return Object.fromEntries(Object.entries(entries).filter(([name]) => !name.startsWith('__MACOSX/')));
  } catch (error) {
    throw new FormatError(
      'DAMAGED_FILE',
      `The ${what} is not a readable zip archive (truncated or damaged? ${(error as Error).message}). Upload the complete file again.`,
    );
  }
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
