import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binary-heap.js';

describe('BinaryHeap', () => {
  it('pops ids in key order, with duplicates, growing past its capacity', () => {
    const heap = new BinaryHeap(2);
    // A deterministic shuffle of 0..999 with keys = id * 1.5, plus duplicates of a few ids.
    const ids = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    for (const id of ids) heap.push(id, 1 + id * 1.5);
    heap.push(3, 0.1);
    const out: number[] = [];
    const keys: number[] = [];
    for (let id = heap.pop(); id !== undefined; id = heap.pop()) {
      out.push(id);
      keys.push(heap.lastKey);
    }
    expect(out.length).toBe(1001);
    expect(out[0]).toBe(3);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(out.slice(1)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(heap.pop()).toBeUndefined();
  });
});
