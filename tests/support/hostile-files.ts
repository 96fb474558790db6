/**
 * Hostile uploads, generated deterministically (no binary fixtures): each is small on the wire
 * and would make a naive server do unbounded work — inflate gigabytes, parse for ever, allocate a
 * raster of billions of cells, or read a chunked body without end.
 */
import { zipSync } from 'fflate';
import { geoTiff } from './rasters.js';

/**
 * A Shapefile zip whose `.shp` inflates to `inflatedBytes` of zeros (a few KB compressed): a
 * decompression bomb with honest headers.
 */
export function zipBomb(inflatedBytes: number): Uint8Array {
  return zipSync(
    {
      'bomb.shp': new Uint8Array(inflatedBytes),
      'bomb.dbf': new Uint8Array(inflatedBytes),
      'bomb.prj': new TextEncoder().encode('GEOGCS["WGS 84"]'),
    },
    { level: 9 },
  );
}

/**
 * A KMZ whose doc.kml repeats an unclosed `<NetworkLink><href>` `links` times (a few hundred bytes
 * zipped): the link-following regular expression of the KMZ reader backtracks in cubic time on it.
 * A linear reader refuses it quickly as broken XML instead.
 */
export function backtrackingKmz(links: number): Uint8Array {
  const doc = `<kml><Document>${'<NetworkLink><href>a</href>'.repeat(links)}`;
  return zipSync({ 'doc.kml': new TextEncoder().encode(doc) }, { level: 9 });
}

/** A CSV whose one WKT cell is a line of `vertices` vertices (~8 bytes each): 1 MB of WKT at 130k. */
export function hugeWktCsv(vertices: number): string {
  const coordinates = Array.from({ length: vertices }, (_, i) => `106.${i % 10} 20.8`).join(',');
  return `wkt,code\n"LINESTRING(${coordinates})",big\n`;
}

/** A valid CSV of `rows` points (lng, lat, code): enough rows make any time budget run out. */
export function bigCsv(rows: number): string {
  const lines = ['lng,lat,code'];
  for (let i = 0; i < rows; i++) lines.push(`${(106 + (i % 1000) * 1e-4).toFixed(4)},20.8,row-${i}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A real WGS 84 GeoTIFF of 4×4 pixels whose header then claims `width` × `height`: the pixel data
 * is tiny, the declared grid is not. Both the ImageWidth (256) and ImageLength (257) tags are
 * rewritten in place (SHORT or LONG, either byte order).
 */
export function hugeGeoTiff(width: number, height: number): Uint8Array {
  const bytes = geoTiff(new Array(16).fill(1), 4, 106, 21, 0.01);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const ifd = view.getUint32(4, little);
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    const tag = view.getUint16(at, little);
    if (tag !== 256 && tag !== 257) continue;
    const value = tag === 256 ? width : height;
    if (view.getUint16(at + 2, little) === 3) view.setUint16(at + 8, Math.min(value, 0xffff), little);
    else view.setUint32(at + 8, value, little);
  }
  return bytes;
}

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A multipart body that never ends on its own: a `file` part starting with a PNG signature, then
 * `chunkBytes` chunks up to `totalBytes`, sent without Content-Length (as a chunked upload is).
 * `pulled()` says how many bytes the server asked for. With `breakAfter` the stream fails after
 * that many bytes, as when the client goes away mid-upload.
 */
export function endlessMultipart(
  totalBytes: number,
  chunkBytes = 64 * 1024,
  options: { breakAfter?: number } = {},
) {
  const boundary = 'hostile-boundary-0123456789';
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  let pulled = 0;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.breakAfter !== undefined && pulled >= options.breakAfter) {
        controller.error(new Error('the client went away'));
        return;
      }
      if (pulled >= totalBytes) {
        controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
        controller.close();
        return;
      }
      const chunk = new Uint8Array(chunkBytes);
      if (first) {
        chunk.set(head);
        chunk.set(PNG_SIGNATURE, head.length);
        first = false;
      }
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, contentType: `multipart/form-data; boundary=${boundary}`, pulled: () => pulled };
}

/** Bodies that are not multipart/form-data though they say so: each must be a 400, never a 500. */
export const malformedMultipart: { name: string; contentType: string; body: string }[] = [
  { name: 'no boundary', contentType: 'multipart/form-data', body: 'file=abc' },
  {
    name: 'a wrong boundary',
    contentType: 'multipart/form-data; boundary=expected',
    body: '--other\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nlng,lat\r\n--other--\r\n',
  },
  { name: 'an empty body', contentType: 'multipart/form-data; boundary=expected', body: '' },
];
