/**
 * A binary min-heap of integer ids keyed by numbers (Dijkstra/A* frontier). Duplicates are
 * allowed: a search pushes a node again when it finds a cheaper way and skips stale entries.
 * push and pop are O(log n).
 */
export class BinaryHeap {
  private ids: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity = 1024) {
    this.ids = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  push(id: number, key: number): void {
    if (this.size === this.ids.length) {
      const ids = new Int32Array(this.size * 2);
      const keys = new Float64Array(this.size * 2);
      ids.set(this.ids);
      keys.set(this.keys);
      this.ids = ids;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = this.keys[parent] as number;
      if (parentKey <= key) break;
      this.ids[i] = this.ids[parent] as number;
      this.keys[i] = parentKey;
      i = parent;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }

  /** The smallest key's id (undefined when empty); `lastKey` holds its key. */
  pop(): number | undefined {
    if (this.size === 0) return undefined;
    const top = this.ids[0] as number;
    this.lastKey = this.keys[0] as number;
    const n = --this.size;
    if (n > 0) {
      const id = this.ids[n] as number;
      const key = this.keys[n] as number;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && (this.keys[right] as number) < (this.keys[left] as number) ? right : left;
        if ((this.keys[child] as number) >= key) break;
        this.ids[i] = this.ids[child] as number;
        this.keys[i] = this.keys[child] as number;
        i = child;
      }
      this.ids[i] = id;
      this.keys[i] = key;
    }
    return top;
  }

  lastKey = 0;

  clear(): void {
    this.size = 0;
  }
}
