import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/api-client';
import {
  discardQueued,
  enqueue,
  memoryQueue,
  parseQueued,
  type QueueSender,
  queuedOf,
  retryQueued,
  syncQueue,
} from './violation-queue';

const body = (clientId: string, description = 'Nắp hố ga bị vỡ') => ({
  kind: 'open_or_damaged_manhole' as const,
  description,
  geometry: { type: 'Point' as const, coordinates: [106.68, 20.86] as [number, number] },
  clientId,
});
const photo = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/png' });
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const at = (minute: number) => new Date(Date.UTC(2026, 11, 8, 3, minute));

/** A fake server: records calls, answers from `script` (an error to throw, or nothing). */
function fakeServer(script: { create?: (unknown | null)[]; attach?: (unknown | null)[] } = {}) {
  const calls: string[] = [];
  const stored = new Map<string, string>();
  const sender: QueueSender = {
    create: async (b) => {
      const failure = script.create?.shift();
      if (failure) throw failure;
      calls.push(`create ${b.description}`);
      const serverId = stored.get(b.clientId) ?? `srv-${stored.size + 1}`;
      stored.set(b.clientId, serverId);
      return { id: serverId };
    },
    attach: async (serverId, file) => {
      const failure = script.attach?.shift();
      if (failure) throw failure;
      calls.push(`attach ${serverId} ${file.name} ${file.type} ${file.size}`);
    },
  };
  return { sender, calls };
}

const offline = () => new ApiRequestError(0, 'NETWORK', 'cannot reach the server', '/api/v1/violations');

describe('the offline violation queue', () => {
  it('sends reports in the order they were recorded, each with its photos, and empties', async () => {
    const store = memoryQueue();
    await enqueue(store, 'u1', body(id(2), 'second'), [photo('b.png')], at(5));
    await enqueue(store, 'u1', body(id(1), 'first'), [photo('a1.png'), photo('a2.png')], at(1));
    const { sender, calls } = fakeServer();
    const result = await syncQueue(store, 'u1', sender);
    expect(calls).toEqual([
      'create first',
      'attach srv-1 a1.png image/png 3',
      'attach srv-1 a2.png image/png 3',
      'create second',
      'attach srv-2 b.png image/png 3',
    ]);
    expect(result).toEqual({ sent: ['srv-1', 'srv-2'], refused: 0, offline: false });
    expect(await queuedOf(store, 'u1')).toEqual([]);
  });

  it('stops at a network error and resumes where it stopped, not sending a stored photo twice', async () => {
    const store = memoryQueue();
    await enqueue(store, 'u1', body(id(1)), [photo('a.png'), photo('b.png')], at(1));
    await enqueue(store, 'u1', body(id(2), 'later'), [], at(2));
    const { sender, calls } = fakeServer({ attach: [null, offline()] });
    const first = await syncQueue(store, 'u1', sender);
    expect(first).toEqual({ sent: [], refused: 0, offline: true });
    const [waiting, later] = await queuedOf(store, 'u1');
    expect(waiting?.serverId).toBe('srv-1');
    expect(waiting?.photos.map((p) => p.uploaded)).toEqual([true, false]);
    expect(later?.serverId).toBeNull();
    const second = await syncQueue(store, 'u1', sender);
    expect(second.sent).toEqual(['srv-1', 'srv-2']);
    expect(calls.filter((c) => c.startsWith('attach'))).toEqual([
      'attach srv-1 a.png image/png 3',
      'attach srv-1 b.png image/png 3',
    ]);
    expect(calls.filter((c) => c.startsWith('create'))).toHaveLength(2);
  });

  it('keeps a refused report with the server message and goes on with the next one', async () => {
    const store = memoryQueue();
    await enqueue(store, 'u1', body(id(1), 'outside'), [photo('a.png')], at(1));
    await enqueue(store, 'u1', body(id(2), 'inside'), [], at(2));
    const refusal = new ApiRequestError(
      403,
      'FORBIDDEN',
      'Bạn chỉ được ghi nhận trong xã của mình',
      '/api/v1/violations',
    );
    const { sender } = fakeServer({ create: [refusal] });
    const result = await syncQueue(store, 'u1', sender);
    expect(result).toEqual({ sent: ['srv-1'], refused: 1, offline: false });
    const [kept] = await queuedOf(store, 'u1');
    expect(kept?.body.description).toBe('outside');
    expect(kept?.problem).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Bạn chỉ được ghi nhận trong xã của mình',
    });
    expect(kept?.photos[0]?.blob.size).toBe(3);
    // A refused report is not sent again until retried.
    expect((await syncQueue(store, 'u1', sender)).sent).toEqual([]);
    await retryQueued(store, kept!);
    expect((await syncQueue(store, 'u1', sender)).sent).toEqual(['srv-2']);
    expect(await queuedOf(store, 'u1')).toEqual([]);
  });

  it('stops after a 401 (session expired) and keeps every report', async () => {
    const store = memoryQueue();
    await enqueue(store, 'u1', body(id(1)), [], at(1));
    await enqueue(store, 'u1', body(id(2)), [], at(2));
    const { sender, calls } = fakeServer({
      create: [new ApiRequestError(401, 'UNAUTHENTICATED', 'Phiên đã hết hạn', '/')],
    });
    expect(await syncQueue(store, 'u1', sender)).toEqual({ sent: [], refused: 1, offline: false });
    expect(calls).toEqual([]);
    const items = await queuedOf(store, 'u1');
    expect(items.map((i) => i.problem?.status ?? null)).toEqual([401, null]);
    // Signed in again: the next run sends both, the refused one first.
    expect((await syncQueue(store, 'u1', sender)).sent).toEqual(['srv-1', 'srv-2']);
  });

  it("sends only the signed-in user's reports and shows no one else's", async () => {
    const store = memoryQueue();
    await enqueue(store, 'u1', body(id(1), 'mine'), [], at(1));
    await enqueue(store, 'u2', body(id(2), 'theirs'), [], at(2));
    const { sender, calls } = fakeServer();
    await syncQueue(store, 'u1', sender);
    expect(calls).toEqual(['create mine']);
    expect(await queuedOf(store, 'u1')).toEqual([]);
    expect((await queuedOf(store, 'u2')).map((i) => i.body.description)).toEqual(['theirs']);
  });

  it('discards a report only when asked', async () => {
    const store = memoryQueue();
    await enqueue(store, 'u1', body(id(1)), [photo('a.png')], at(1));
    await discardQueued(store, id(1));
    expect(await queuedOf(store, 'u1')).toEqual([]);
  });

  it('reads back only records of the queued shape whose body carries their own client id', async () => {
    const store = memoryQueue();
    const item = await enqueue(store, 'u1', body(id(1)), [photo('a.png')], at(1));
    expect(parseQueued(structuredClone(item))?.body.clientId).toBe(id(1));
    expect(parseQueued({ ...item, body: { ...item.body, clientId: id(2) } })).toBeNull();
    expect(
      parseQueued({ ...item, photos: [{ name: 'a', type: 'image/png', blob: 'x', uploaded: false }] }),
    ).toBeNull();
    expect(parseQueued(null)).toBeNull();
  });
});
