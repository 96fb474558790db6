/**
 * Largest-remainder apportionment: splits an integer total into integers proportional to
 * weights, summing exactly to the total. Ties go to the lower index, so it is deterministic.
 * All-zero (or empty-sum) weights spread the total evenly.
 */
export function apportion(total: number, weights: ArrayLike<number>): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n);
  if (n === 0) {
    if (total !== 0) throw new Error(`cannot apportion ${total} over no cells`);
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`bad weight ${w} at ${i}`);
    sum += w;
  }
  const even = sum <= 0;
  const remainders = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const quota = even ? total / n : (total * weights[i]!) / sum;
    const whole = Math.floor(quota);
    out[i] = whole;
    remainders[i] = quota - whole;
    assigned += whole;
  }
  let left = total - assigned;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => remainders[b]! - remainders[a]! || a - b);
    for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k]!]!++;
  }
  return out;
}
