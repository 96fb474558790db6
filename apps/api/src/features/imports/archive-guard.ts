/**
 * Reads a zip's central directory (a few KB at the end) and refuses the archive before anything
 * is inflated when its entries would inflate past `maxInflatedBytes` or are more than
 * `maxArchiveEntries`. fflate sizes each entry's output from these same declared sizes, so an
 * archive that lies about them cannot inflate further than they say.
 */
import { LimitError, type ParseLimits } from '@hatang/geo/formats';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * `maxRatio`: also refuse an entry larger than `ratioFloorBytes` that inflates more than this many
 * times its packed size (an Office document's XML packs 5–50×; a bomb thousands of times).
 */
export function guardArchive(
  bytes: Uint8Array,
  limits: ParseLimits,
  what: string,
  ratio?: { maxRatio: number; ratioFloorBytes: number },
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return; // not a zip the guard can read: the reader says it is damaged
  const declaredEntries = view.getUint16(end + 10, true);
  const tooMany = () =>
    new LimitError(
      'maxArchiveEntries',
      limits.maxArchiveEntries,
      `The ${what} holds more than ${limits.maxArchiveEntries} entries (maxArchiveEntries = ${limits.maxArchiveEntries}); nothing was imported`,
    );
  if (declaredEntries > limits.maxArchiveEntries) throw tooMany();
  let offset = view.getUint32(end + 16, true);
  let inflated = 0;
  let entries = 0;
  while (offset + 46 <= bytes.length && view.getUint32(offset, true) === CENTRAL) {
    entries++;
    if (entries > limits.maxArchiveEntries) throw tooMany();
    const size = view.getUint32(offset + 24, true);
    const packed = view.getUint32(offset + 20, true);
    if (ratio && size > ratio.ratioFloorBytes && size > ratio.maxRatio * Math.max(1, packed))
      throw new LimitError(
        'maxInflatedBytes',
        limits.maxInflatedBytes,
        `An entry of the ${what} inflates ${Math.round(size / Math.max(1, packed))} times its packed size, more than ${ratio.maxRatio} (a decompression bomb); nothing was imported`,
      );
    // 0xFFFFFFFF: the real size is in a zip64 field — over 4 GiB, past any sane limit.
    inflated += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    if (inflated > limits.maxInflatedBytes)
      throw new LimitError(
        'maxInflatedBytes',
        limits.maxInflatedBytes,
        `The ${what} would inflate to more than ${limits.maxInflatedBytes} bytes (maxInflatedBytes = ${limits.maxInflatedBytes}); nothing was imported`,
      );
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
}
