/**
 * Draws the installable app's icons (apps/web/public/icons/*.png) here, without any download: a
 * white lattice tower with two signal arcs on the app's teal, as PNG written with node:zlib.
 * `maskable` icons keep the drawing inside the central 80 % safe zone Android crops to.
 *
 *   npx tsx scripts/build-pwa-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = fileURLToPath(new URL('../apps/web/public/icons/', import.meta.url));
const TEAL: Rgb = [15, 118, 110]; // --accent in apps/web/src/styles.css
const WHITE: Rgb = [255, 255, 255];
type Rgb = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of `size`×`size` pixels coloured by `paint(x, y)` (x, y in 0…1 from the top left). */
function png(size: number, paint: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      // 4×4 supersampling smooths the edges.
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const [pr, pg, pb] = paint((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
          r += pr;
          g += pg;
          b += pb;
        }
      raw.set([Math.round(r / 16), Math.round(g / 16), Math.round(b / 16)], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
function toSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The tower drawing in a unit square (centre 0.5, 0.5), scaled by `scale` around the centre. */
function tower(scale: number): (x: number, y: number) => Rgb {
  const top: [number, number] = [0.5, 0.3];
  const segments: [number, number, number, number][] = [
    [0.5, 0.3, 0.34, 0.84], // legs
    [0.5, 0.3, 0.66, 0.84],
    [0.45, 0.47, 0.55, 0.47], // cross bars and braces
    [0.4, 0.65, 0.6, 0.65],
    [0.45, 0.47, 0.6, 0.65],
    [0.55, 0.47, 0.4, 0.65],
    [0.34, 0.84, 0.66, 0.84],
  ];
  return (x0, y0) => {
    const x = 0.5 + (x0 - 0.5) / scale;
    const y = 0.5 + (y0 - 0.5) / scale;
    const onTower = segments.some(([ax, ay, bx, by]) => toSegment(x, y, ax, ay, bx, by) < 0.022);
    const r = Math.hypot(x - top[0], y - top[1]);
    const angle = Math.atan2(y - top[1], x - top[0]);
    // Two arcs above the mast, opening upwards (−150°…−30°).
    const inArc = angle > (-150 * Math.PI) / 180 && angle < (-30 * Math.PI) / 180;
    const onArc = inArc && (Math.abs(r - 0.11) < 0.02 || Math.abs(r - 0.19) < 0.02);
    const onTip = r < 0.035;
    return onTower || onArc || onTip ? WHITE : TEAL;
  };
}

mkdirSync(OUT, { recursive: true });
const icons: [string, number, number][] = [
  ['icon-192.png', 192, 1],
  ['icon-512.png', 512, 1],
  ['icon-maskable-512.png', 512, 0.78],
  ['apple-touch-icon-180.png', 180, 0.92],
];
for (const [name, size, scale] of icons) {
  writeFileSync(join(OUT, name), png(size, tower(scale)));
  console.log(`wrote apps/web/public/icons/${name}`);
}
