/**
 * The offline queue of violation reports (issue #18 item 5). A report recorded without a network
 * is kept on the phone with the UUID the phone gave it (`clientId`) and its photos; sending runs
 * the queue in the order the reports were recorded. The server is idempotent by `clientId`
 * (POST /violations answers the stored report the second time), so a report whose answer was
 * lost is simply sent again. Nothing is dropped silently: a report the server refuses (outside
 * the commune now, session expired, …) stays, marked with the server's message, until the
 * inspector retries or discards it.
 *
 * Storage is behind {@link QueueStore} (IndexedDB in the browser, offline-db.ts; memory in tests).
 */
import { type ViolationCreate, violationCreate } from '@hatang/contracts';
import { z } from 'zod';
import { ApiRequestError } from '../../lib/api-client';

/** A photo waiting to be attached, with whether the server already has it. */
export interface QueuedPhoto {
  name: string;
  type: string;
  blob: Blob;
  uploaded: boolean;
}

/** Why the server refused a queued report: its status, code and message as it answered. */
export interface QueueProblem {
  status: number;
  code: string;
  message: string;
}

export interface QueuedViolation {
  clientId: string;
  /** Whose report it is: only that user's session sends it. */
  userId: string;
  /** When it was recorded on the phone (ISO 8601); the queue is sent in this order. */
  recordedAt: string;
  body: ViolationCreate & { clientId: string };
  photos: QueuedPhoto[];
  /** The server's id once the report itself is stored (its photos may still be waiting). */
  serverId: string | null;
  /** Set when the server refused it: shown in the conflicts list until retried or discarded. */
  problem: QueueProblem | null;
}

export interface QueueStore {
  all(): Promise<QueuedViolation[]>;
  put(item: QueuedViolation): Promise<void>;
  delete(clientId: string): Promise<void>;
}

/** How the queue talks to the server (violations-api.ts in the app; fakes in tests). */
export interface QueueSender {
  /** POST /violations (with `clientId`): the stored report's id. */
  create(body: ViolationCreate & { clientId: string }): Promise<{ id: string }>;
  /** Uploads one photo to the stored report. */
  attach(serverId: string, photo: File): Promise<void>;
}

const queuedRecord = z.object({
  clientId: z.string(),
  userId: z.string(),
  recordedAt: z.string(),
  body: z.unknown(),
  photos: z.array(
    z.object({ name: z.string(), type: z.string(), blob: z.instanceof(Blob), uploaded: z.boolean() }),
  ),
  serverId: z.string().nullable(),
  problem: z.object({ status: z.number(), code: z.string(), message: z.string() }).nullable(),
});

/** A stored record as a queued report, or null when it is not one (a record of an older shape). */
export function parseQueued(value: unknown): QueuedViolation | null {
  const record = queuedRecord.safeParse(value);
  if (!record.success) return null;
  const body = violationCreate.safeParse(record.data.body);
  if (!body.success || body.data.clientId !== record.data.clientId) return null;
  return { ...record.data, body: { ...body.data, clientId: record.data.clientId } };
}

/** Whether `error` means "no answer from the server" (offline, connection dropped), not a refusal. */
export const isNetworkError = (error: unknown): boolean =>
  (error instanceof ApiRequestError && error.status === 0) || error instanceof TypeError;

/** Queues a report of `userId` with its photos; returns the queued record. */
export async function enqueue(
  store: QueueStore,
  userId: string,
  body: ViolationCreate & { clientId: string },
  photos: readonly File[],
  now: Date = new Date(),
): Promise<QueuedViolation> {
  const item: QueuedViolation = {
    clientId: body.clientId,
    userId,
    recordedAt: now.toISOString(),
    body,
    photos: photos.map((f) => ({ name: f.name, type: f.type, blob: f, uploaded: false })),
    serverId: null,
    problem: null,
  };
  await store.put(item);
  return item;
}

/** `userId`'s queued reports, oldest first. */
export async function queuedOf(store: QueueStore, userId: string): Promise<QueuedViolation[]> {
  return (await store.all())
    .filter((i) => i.userId === userId)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.clientId.localeCompare(b.clientId));
}

export interface SyncResult {
  /** Reports fully stored (with every photo) by this run, by their server ids. */
  sent: string[];
  /** Reports refused by this run. */
  refused: number;
  /** True when the run stopped because the server could not be reached. */
  offline: boolean;
}

const problemOf = (error: unknown): QueueProblem =>
  error instanceof ApiRequestError
    ? { status: error.status, code: error.code, message: error.message }
    : { status: 0, code: 'CLIENT', message: error instanceof Error ? error.message : String(error) };

/**
 * Sends `userId`'s queued reports in order: each report, then its photos one by one, each step
 * remembered so a dropped connection resumes where it stopped. Refused reports wait for the
 * inspector's retry, except those refused for an expired session (401), tried again at each run
 * (the inspector may have signed in again meanwhile). Stops at the first network error, and after
 * a 401 (every later report would be refused the same way).
 */
export async function syncQueue(store: QueueStore, userId: string, sender: QueueSender): Promise<SyncResult> {
  const result: SyncResult = { sent: [], refused: 0, offline: false };
  for (const queued of await queuedOf(store, userId)) {
    if (queued.problem && queued.problem.status !== 401) continue;
    let item = queued;
    try {
      if (!item.serverId) {
        const stored = await sender.create(item.body);
        item = { ...item, serverId: stored.id };
        await store.put(item);
      }
      const serverId = item.serverId;
      if (!serverId) throw new Error('queued report has no server id after sending');
      for (const [index, photo] of item.photos.entries()) {
        if (photo.uploaded) continue;
        await sender.attach(serverId, new File([photo.blob], photo.name, { type: photo.type }));
        item = { ...item, photos: item.photos.map((p, i) => (i === index ? { ...p, uploaded: true } : p)) };
        await store.put(item);
      }
      await store.delete(item.clientId);
      result.sent.push(serverId);
    } catch (error) {
      if (isNetworkError(error)) {
        result.offline = true;
        break;
      }
      await store.put({ ...item, problem: problemOf(error) });
      result.refused++;
      if (error instanceof ApiRequestError && error.status === 401) break;
    }
  }
  return result;
}

/** Clears a refused report's problem so the next sync sends it again. */
export async function retryQueued(store: QueueStore, item: QueuedViolation): Promise<void> {
  await store.put({ ...item, problem: null });
}

/** Drops a queued report (the inspector chose to; its photos go with it). */
export const discardQueued = (store: QueueStore, clientId: string): Promise<void> => store.delete(clientId);

/** A queue in memory (tests, and a browser without IndexedDB). */
export function memoryQueue(): QueueStore {
  const items = new Map<string, QueuedViolation>();
  return {
    all: async () => [...items.values()],
    put: async (item) => {
      items.set(item.clientId, item);
    },
    delete: async (clientId) => {
      items.delete(clientId);
    },
  };
}
