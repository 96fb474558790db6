import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { onError } from '../middleware/error-handler.js';
import { limitHeavyWork, shedLoad } from './admission.js';

/** A route that holds each request until the test lets it go. */
function gatedApp(middleware: Parameters<Hono['use']>[1]) {
  const gates: (() => void)[] = [];
  let entered = 0;
  const app = new Hono();
  app.onError(onError);
  app.use('*', middleware);
  app.get('/work', async (c) => {
    entered++;
    await new Promise<void>((resolve) => gates.push(resolve));
    return c.json({ done: true });
  });
  const openNext = () => gates.shift()?.();
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise((r) => setTimeout(r, 1));
  };
  return { app, openNext, entered: () => entered, until };
}

describe('load shedding', () => {
  it('serves a bounded number at once, keeps a bounded line, and refuses the rest with 503 at once', async () => {
    const load = shedLoad({ maxInFlight: 1, maxWaiting: 1, maxWaitMs: 60_000 });
    const { app, openNext, entered, until } = gatedApp(load.middleware);
    const first = app.request('/work');
    await until(() => entered() === 1);
    const second = app.request('/work');
    await until(() => load.stats().waiting === 1);
    const third = await app.request('/work');
    expect(third.status).toBe(503);
    expect(third.headers.get('Retry-After')).toBe('1');
    expect(((await third.json()) as { error: { code: string } }).error.code).toBe('OVERLOADED');
    // The first one's end lets the second in; nothing was lost.
    openNext();
    expect((await first).status).toBe(200);
    await until(() => entered() === 2);
    expect(load.stats()).toEqual({ inFlight: 1, waiting: 0 });
    openNext();
    expect((await second).status).toBe(200);
    expect(load.stats()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('drops a waiting request whose client went away, so no work is done for it', async () => {
    const load = shedLoad({ maxInFlight: 1, maxWaiting: 5, maxWaitMs: 60_000 });
    const { app, openNext, entered, until } = gatedApp(load.middleware);
    const first = app.request('/work');
    await until(() => entered() === 1);
    const gone = new AbortController();
    const abandoned = app.request(new Request('http://localhost/work', { signal: gone.signal }));
    await until(() => load.stats().waiting === 1);
    gone.abort();
    expect((await abandoned).status).toBe(503);
    expect(load.stats().waiting).toBe(0);
    openNext();
    await first;
    expect(entered()).toBe(1);
    expect(load.stats()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('answers 503 to a request that waited longer than the bound', async () => {
    const load = shedLoad({ maxInFlight: 1, maxWaiting: 5, maxWaitMs: 20 });
    const { app, openNext, entered, until } = gatedApp(load.middleware);
    const first = app.request('/work');
    await until(() => entered() === 1);
    const waited = await app.request('/work');
    expect(waited.status).toBe(503);
    expect(load.stats()).toEqual({ inFlight: 1, waiting: 0 });
    openNext();
    await first;
  });
});

describe('heavy work per client', () => {
  it('refuses a client its third concurrent export with 429 while others still get theirs, up to the overall bound', async () => {
    const { app, openNext, entered, until } = gatedApp(
      limitHeavyWork((c) => c.req.header('x-client') ?? 'anonymous', {
        perClient: 2,
        overall: 3,
        retryAfterS: 7,
      }),
    );
    const as = (client: string) => app.request('/work', { headers: { 'x-client': client } });
    const running = [as('a'), as('a')];
    await until(() => entered() === 2);
    const third = await as('a');
    expect(third.status).toBe(429);
    expect(third.headers.get('Retry-After')).toBe('7');
    expect(((await third.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'TOO_MANY_JOBS',
      message: expect.stringContaining('at most 2 at once'),
    });
    running.push(as('b'));
    await until(() => entered() === 3);
    const overall = await as('c');
    expect(overall.status).toBe(429);
    expect(((await overall.json()) as { error: { message: string } }).error.message).toContain(
      'at most 3 at once',
    );
    for (let i = 0; i < 3; i++) openNext();
    for (const response of await Promise.all(running)) expect(response.status).toBe(200);
    // Finished work frees the client's places.
    const again = as('a');
    await until(() => entered() === 4);
    openNext();
    expect((await again).status).toBe(200);
  });
});
