/**
 * The phone's own store (IndexedDB `hatang-offline`), small and hand-written over the browser API:
 * - `queue`: violations recorded while offline, with their photos as Blobs (violation-queue.ts);
 * - `snapshots`: the signed-in user's last lists and session, for reading offline
 *   (offline-snapshots.ts), each record carrying the user it belongs to; dropped on sign-out.
 */
import type { QueuedViolation, QueueStore } from './violation-queue';

const NAME = 'hatang-offline';
const VERSION = 1;

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'clientId' });
      if (!db.objectStoreNames.contains('snapshots')) db.createObjectStore('snapshots', { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

type StoreName = 'queue' | 'snapshots';

/** Runs `work` on one store in one transaction and resolves with its request's result when it commits. */
async function run<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  work: (s: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Every record of `store` (IndexedDB hands back plain structured clones). */
export const allOf = async (store: StoreName): Promise<unknown[]> =>
  (await run(store, 'readonly', (s) => s.getAll())) ?? [];

export const getOne = (store: StoreName, key: string): Promise<unknown> =>
  run(store, 'readonly', (s) => s.get(key));

export const putOne = async (store: StoreName, value: unknown): Promise<void> => {
  await run(store, 'readwrite', (s) => s.put(value));
};

export const deleteOne = async (store: StoreName, key: string): Promise<void> => {
  await run(store, 'readwrite', (s) => s.delete(key));
};

export const clearStore = async (store: StoreName): Promise<void> => {
  await run(store, 'readwrite', (s) => s.clear());
};

/** The queue kept in IndexedDB (records are checked by the queue's parser when read). */
export const indexedDbQueue = (parse: (value: unknown) => QueuedViolation | null): QueueStore => ({
  all: async () => (await allOf('queue')).map(parse).filter((v): v is QueuedViolation => v !== null),
  put: (item) => putOne('queue', item),
  delete: (clientId) => deleteOne('queue', clientId),
});
