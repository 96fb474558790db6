/** /api/health latency probing for the benchmarks that measure responsiveness under load. */

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** "p50 …, p99 …, max … (n probes)" of sorted latencies in ms. */
export const describeLatency = (ms: number[]) =>
  `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms, max ${(ms.at(-1) ?? Number.NaN).toFixed(1)} ms (${ms.length} probes)`;

/**
 * Calls `health` every 25 ms (in-process or over HTTP) until `until` settles; the latencies in
 * ms, sorted.
 */
export async function probeHealth(
  health: () => Promise<Response>,
  until: Promise<unknown>,
): Promise<number[]> {
  let done = false;
  until.then(
    () => (done = true),
    () => (done = true),
  );
  const latencies: number[] = [];
  while (!done) {
    const start = performance.now();
    await (await health()).arrayBuffer();
    latencies.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 25));
  }
  return latencies.sort((a, b) => a - b);
}
