/**
 * Seeded pseudo-random numbers: sfc32 (128-bit state, so ids drawn from it do not collide the
 * way a 32-bit-state generator's would), seeded through a string hash so every module draws
 * from its own independent stream. No Math.random, no clock: the same seed gives the same data.
 */

/** FNV-1a over the UTF-16 code units of `text`, mixed with `seed`: a 32-bit unsigned hash. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32: spreads one 32-bit seed into well-mixed state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** The next 32-bit unsigned integer (sfc32). */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks one of `items` with probability proportional to `weights`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** Approximately normal (sum of 4 uniforms), mean `mean`, standard deviation `sd`. */
  normal(mean: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next() - 2;
    return mean + sd * s * Math.sqrt(3);
  }

  /** In-place Fisher–Yates shuffle; returns `items`. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** A version-4-shaped UUID (random bits from this stream, version and variant bits set). */
  uuid(): string {
    const w0 = this.nextUint32();
    const w1 = this.nextUint32();
    const w2 = this.nextUint32();
    const w3 = this.nextUint32();
    const b6 = (((w1 >>> 8) & 0x0f) | 0x40) & 0xff;
    const b8 = ((w2 >>> 24) & 0x3f) | 0x80;
    return (
      HEX[w0 >>> 24]! +
      HEX[(w0 >>> 16) & 0xff]! +
      HEX[(w0 >>> 8) & 0xff]! +
      HEX[w0 & 0xff]! +
      '-' +
      HEX[w1 >>> 24]! +
      HEX[(w1 >>> 16) & 0xff]! +
      '-' +
      HEX[b6]! +
      HEX[w1 & 0xff]! +
      '-' +
      HEX[b8]! +
      HEX[(w2 >>> 16) & 0xff]! +
      '-' +
      HEX[(w2 >>> 8) & 0xff]! +
      HEX[w2 & 0xff]! +
      HEX[w3 >>> 24]! +
      HEX[(w3 >>> 16) & 0xff]! +
      HEX[(w3 >>> 8) & 0xff]! +
      HEX[w3 & 0xff]!
    );
  }
}

/** An independent stream for one purpose (`label`), derived from the run's seed. */
export function createRng(seed: number, label: string): Rng {
  return new Rng(hashString(label, seed));
}
