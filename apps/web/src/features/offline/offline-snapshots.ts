/**
 * The signed-in user's last answers, kept on the phone to read offline: the session (so the app
 * still knows who is signed in without a network) and the lists the inspector works from. Every
 * record names its user and is read back only for that user; signing out drops them all, so the
 * next person on the phone never sees them. Nothing here is shared with the service worker.
 */
import { ApiRequestError } from '../../lib/api-client';
import { allOf, clearStore, deleteOne, getOne, putOne } from './offline-db';
import { isNetworkError } from './violation-queue';

interface SnapshotRecord {
  key: string;
  userId: string;
  /** When the answer was received (ISO 8601). */
  savedAt: string;
  data: unknown;
}

const isSnapshot = (value: unknown): value is SnapshotRecord =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { key?: unknown }).key === 'string' &&
  typeof (value as { userId?: unknown }).userId === 'string' &&
  typeof (value as { savedAt?: unknown }).savedAt === 'string';

/** IndexedDB may be missing (a private window in some browsers): then the app just works online. */
const quietly = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await work();
  } catch {
    return fallback;
  }
};

const keyOf = (userId: string, name: string) => `${userId}|${name}`;

export const saveSnapshot = (userId: string, name: string, data: unknown): Promise<void> =>
  quietly(
    () => putOne('snapshots', { key: keyOf(userId, name), userId, savedAt: new Date().toISOString(), data }),
    undefined,
  );

/** The last answer kept for `userId` under `name`, parsed by `parse`, or null. */
export async function readSnapshot<T>(
  userId: string,
  name: string,
  parse: (data: unknown) => T | null,
): Promise<{ value: T; savedAt: string } | null> {
  const record = await quietly(() => getOne('snapshots', keyOf(userId, name)), undefined);
  if (!isSnapshot(record) || record.userId !== userId) return null;
  const value = parse(record.data);
  return value === null ? null : { value, savedAt: record.savedAt };
}

/** A list as the screen shows it: fresh from the server (`savedAt` null) or the last copy kept. */
export interface MaybeOffline<T> {
  value: T;
  /** When the copy shown was received, when it is a copy read offline; null when fresh. */
  savedAt: string | null;
}

/**
 * `load()`'s answer, kept for `userId` under `name`; when the server cannot be reached, the last
 * answer kept (labelled with its time), else the network error.
 */
export async function withSnapshot<T>(
  userId: string | null,
  name: string,
  load: () => Promise<T>,
  parse: (data: unknown) => T | null,
): Promise<MaybeOffline<T>> {
  try {
    const value = await load();
    if (userId) await saveSnapshot(userId, name, value);
    return { value, savedAt: null };
  } catch (error) {
    if (!userId || !isNetworkError(error)) throw error;
    const kept = await readSnapshot(userId, name, parse);
    if (!kept) throw error;
    return kept;
  }
}

/** The session kept from the last online start (one per phone: the last user signed in). */
const SESSION = 'session';

export async function saveSession(userId: string, session: unknown): Promise<void> {
  await quietly(async () => {
    // A different user signed in: the previous user's copies go.
    const others = (await allOf('snapshots')).filter(isSnapshot).filter((r) => r.userId !== userId);
    for (const r of others) await deleteOne('snapshots', r.key);
    await putOne('snapshots', { key: SESSION, userId, savedAt: new Date().toISOString(), data: session });
  }, undefined);
}

/** The session kept, when the server cannot be reached to ask (a network error), else null. */
export async function keptSession(error: unknown): Promise<unknown> {
  if (!(error instanceof ApiRequestError) || error.status !== 0) return null;
  const record = await quietly(() => getOne('snapshots', SESSION), undefined);
  return isSnapshot(record) ? record.data : null;
}

/** Drops every kept answer and the kept session (sign-out); the unsent queue stays with its owner. */
export const clearSnapshots = (): Promise<void> => quietly(() => clearStore('snapshots'), undefined);
