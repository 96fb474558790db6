import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import type { Database, Sql } from './database.js';

type Client = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Client): Sql {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
    async queryArrays(text, params = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]).values();
      return rows as unknown as unknown[][];
    },
    async exec(text) {
      await sql.unsafe(text);
    },
    async copyCsv(table, columns, csv) {
      const writable = await sql
        .unsafe(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`)
        .writable();
      await pipeline(Readable.from([csv]), writable);
    },
  };
}

/** json (114) and jsonb (3802) parameter types, by OID. */
const JSON_TYPE_OIDS = ['114', '3802'] as const;

/**
 * A json/jsonb parameter given as text is already JSON (drizzle's `jsonb` columns serialise their
 * values themselves, as PGlite expects): postgres-js would otherwise `JSON.stringify` it again and
 * store a JSON *string* instead of the object. Values that are not text are still serialised.
 */
function keepJsonText(sql: postgres.Sql): void {
  for (const oid of JSON_TYPE_OIDS) {
    sql.options.serializers[oid] = (value: unknown) =>
      typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * Opens PostgreSQL + PostGIS through postgres-js (a small pool). Accepts libpq's
 * `?host=/var/run/postgresql` for a Unix socket, which postgres-js itself ignores.
 */
export async function openPostgres(
  url: string,
  options: {
    maxConnections?: number;
    /** Close a connection idle this long, s (workers: they must not hold connections for nothing). */
    idleTimeoutS?: number;
  } = {},
): Promise<Database> {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get('host') ?? undefined;
  parsed.searchParams.delete('host');
  const sql = postgres(parsed.toString(), {
    ...(socketDir ? { host: socketDir } : {}),
    max: options.maxConnections ?? 10,
    ...(options.idleTimeoutS ? { idle_timeout: options.idleTimeoutS } : {}),
    onnotice: () => {},
    connection: { statement_timeout: 120_000 },
  });
  keepJsonText(sql);
  await sql.unsafe('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    kind: 'postgres',
    ...wrap(sql),
    transaction: (fn) => sql.begin((tx) => fn(wrap(tx))) as Promise<Awaited<ReturnType<typeof fn>>>,
    async workerHandle() {
      return { handle: { kind: 'postgres', url }, transfer: [] };
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
