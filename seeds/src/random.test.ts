import { describe, expect, it } from 'vitest';
import { createRng, hashString, Rng } from './random.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 100 }, () => a.nextUint32());
    const seqB = Array.from({ length: 100 }, () => b.nextUint32());
    const seqC = Array.from({ length: 100 }, () => c.nextUint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('derives independent streams per label', () => {
    expect(createRng(1, 'towers').next()).toBe(createRng(1, 'towers').next());
    expect(createRng(1, 'towers').next()).not.toBe(createRng(1, 'poles').next());
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 2));
  });

  it('stays in range and is roughly uniform', () => {
    const rng = new Rng(7);
    const counts = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.int(1, 6)]!++;
    expect(counts[0]).toBe(0);
    expect(counts[7]).toBe(0);
    for (const n of counts.slice(1, 7)) expect(Math.abs(n - 10_000)).toBeLessThan(600);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('makes version-4-shaped, unique UUIDs', () => {
    const rng = createRng(2025, 'ids');
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const id = rng.uuid();
      if (i < 100)
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(200_000);
  });

  it('shuffles deterministically and keeps every item', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = new Rng(9).shuffle([...items]);
    const b = new Rng(9).shuffle([...items]);
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
  });
});
