import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PublicAnswer } from './public-cache.js';

const schema = z.strictObject({ n: z.number() });

/** A build that waits until released, counting how often it ran. */
function controlledBuild() {
  let runs = 0;
  const waiting: (() => void)[] = [];
  const build = async () => {
    runs++;
    const n = runs;
    await new Promise<void>((resolve) => waiting.push(resolve));
    return { n };
  };
  return {
    build,
    runs: () => runs,
    release: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('a public answer', () => {
  it('is built once for every reader of the same key, and again when the key changes', async () => {
    const c = controlledBuild();
    const answer = new PublicAnswer('t', schema, c.build);
    const readers = Array.from({ length: 50 }, () => answer.current('v1'));
    c.release();
    const bodies = await Promise.all(readers);
    expect(c.runs()).toBe(1);
    expect(new Set(bodies.map((b) => b.etag)).size).toBe(1);
    expect(JSON.parse(bodies[0]?.json ?? '')).toEqual({ n: 1 });
    const next = answer.current('v2');
    c.release();
    expect(JSON.parse((await next).json)).toEqual({ n: 2 });
    expect(c.runs()).toBe(2);
  });

  it('serves the last answer while a new one is built, when asked to', async () => {
    const c = controlledBuild();
    const answer = new PublicAnswer('t', schema, c.build, true);
    const first = answer.current('v1');
    c.release();
    await first;
    // The key changed: the old answer at once, the new one once built.
    expect(JSON.parse((await answer.current('v2')).json)).toEqual({ n: 1 });
    c.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(JSON.parse((await answer.current('v2')).json)).toEqual({ n: 2 });
  });

  it('refuses to store an answer with a field its schema does not declare, and tries again later', async () => {
    let leak = true;
    const answer = new PublicAnswer('t', schema, async () => (leak ? { n: 1, createdBy: 'u' } : { n: 1 }));
    await expect(answer.current('v1')).rejects.toThrow();
    leak = false;
    await new Promise((r) => setTimeout(r, 0));
    expect(JSON.parse((await answer.current('v1')).json)).toEqual({ n: 1 });
  });
});
