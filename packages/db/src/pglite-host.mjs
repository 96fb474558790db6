// The embedded database's own thread. PGlite runs PostgreSQL compiled to WASM synchronously in the
// thread that owns it, so a long statement (an import commit, a city-wide export query) would stop
// every other request of the API if it ran on the main thread. Here it runs in a worker; the main
// thread talks to it with messages (pglite.ts), and its event loop stays free.
//
// Plain JavaScript on purpose: a worker is started by Node itself, not through the TypeScript
// loader of the main thread (tsx, vitest), so it must load without one.
//
// Messages in: { id, op, tx?, text?, params?, table?, columns?, csv?, compression?, port? }
// Messages out: { id, result } | { id, error } (error: the database error's fields, cloned).
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';

/** An error as plain fields (structured clone keeps only name and message of an Error). */
function plainError(error) {
  const fields = { message: error instanceof Error ? error.message : String(error) };
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
    }
    if (error instanceof Error) fields.name = error.name;
  }
  return fields;
}

const { dataDir } = workerData;
let pg;
try {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  pg = await PGlite.create(dataDir, { extensions: { postgis, pg_trgm, unaccent } });
  // A runaway statement (or a GEOS problem) must not hang the database forever.
  await pg.exec("SET statement_timeout = '120s'");
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  parentPort.postMessage({ id: 0, result: 'ready' });
} catch (error) {
  parentPort.postMessage({ id: 0, error: plainError(error) });
}

const ROLLBACK = Symbol('rollback');

/**
 * Answers one client: the main thread (parentPort) or a worker connected through a MessagePort
 * (`connect`). Each client has its own transactions, ended (rolled back) when its port closes —
 * a worker terminated mid-transaction leaves nothing open.
 */
function serve(port, { primary }) {
  /** Open transactions by id: the PGlite transaction and how to end it. */
  const open = new Map();

  function target(tx) {
    if (tx === undefined) return pg;
    const entry = open.get(tx);
    if (!entry?.tx) throw new Error(`Transaction ${tx} is not open`);
    return entry.tx;
  }

  async function run(message) {
    switch (message.op) {
      case 'query':
        return (
          await target(message.tx).query(
            message.text,
            message.params ?? [],
            message.arrays ? { rowMode: 'array' } : undefined,
          )
        ).rows;
      case 'exec':
        await target(message.tx).exec(message.text);
        return null;
      case 'copy':
        await target(message.tx).query(
          `COPY ${message.table} (${message.columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
          [],
          { blob: new Blob([message.csv]) },
        );
        return null;
      case 'begin':
        // Resolves once PGlite has given this transaction the connection; the transaction then
        // stays open until a commit or rollback message ends it.
        return new Promise((began, failed) => {
          const entry = { tx: undefined, end: undefined, done: undefined };
          const ended = new Promise((resolve, reject) => {
            entry.end = { resolve, reject };
          });
          entry.done = pg
            .transaction(async (tx) => {
              entry.tx = tx;
              began(message.id);
              await ended;
            })
            .finally(() => open.delete(message.id));
          // Failing before the callback ran (BEGIN itself failed) fails the begin message.
          entry.done.catch((error) => {
            if (entry.tx === undefined) failed(error);
          });
          open.set(message.id, entry);
        });
      case 'commit':
      case 'rollback': {
        const entry = open.get(message.tx);
        if (!entry?.tx) throw new Error(`Transaction ${message.tx} is not open`);
        if (message.op === 'commit') {
          entry.end.resolve();
          await entry.done;
        } else {
          entry.end.reject(ROLLBACK);
          await entry.done.catch((error) => {
            if (error !== ROLLBACK) throw error;
          });
        }
        return null;
      }
      case 'connect':
        serve(message.port, { primary: false });
        return null;
      case 'dump': {
        if (!primary) throw new Error('Only the owning thread may dump the database');
        const file = await pg.dumpDataDir(message.compression ?? 'gzip');
        return new Uint8Array(await file.arrayBuffer());
      }
      case 'close':
        if (!primary) throw new Error('Only the owning thread may close the database');
        await pg.close();
        return null;
      default:
        throw new Error(`Unknown operation ${message.op}`);
    }
  }

  port.on('message', (message) => {
    if (!pg) {
      port.postMessage({ id: message.id, error: { message: 'The embedded database did not open' } });
      return;
    }
    run(message).then(
      (result) => {
        const transfer = result instanceof Uint8Array ? [result.buffer] : [];
        port.postMessage({ id: message.id, result }, transfer);
        if (message.op === 'close') port.close();
      },
      (error) => port.postMessage({ id: message.id, error: plainError(error) }),
    );
  });
  if (!primary)
    port.on('close', () => {
      for (const entry of open.values()) entry.end?.reject(ROLLBACK);
      open.clear();
    });
}

serve(parentPort, { primary: true });
