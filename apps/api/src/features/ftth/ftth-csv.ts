/**
 * An operator's FTTH CSV (columns adminUnitCode, homesPassed, homes1Gbps, subscriptions?, asOf)
 * read into rows for the same checks as JSON rows. Untrusted text: it is read in a parse worker
 * (jobs/parse-worker.ts, under the pool's heap cap and time budget), never on the request thread,
 * and bounded here too — FTTH_MAX_CSV_CHARS by the contract, then rows (FTTH_MAX_ROWS), columns
 * (MAX_COLUMNS) and characters per line (MAX_LINE_CHARS), so neither the work nor the list of
 * problems grows with a hostile file.
 */
import { FTTH_MAX_ROWS, type Issue } from '@hatang/contracts';
import { parse } from 'csv-parse/sync';

const REQUIRED = ['adminUnitCode', 'homesPassed', 'homes1Gbps', 'asOf'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'subscriptions']);
const NUMBERS = new Set(['homesPassed', 'homes1Gbps', 'subscriptions']);
/** Columns a header may have (the five known and a few spare, each reported as unknown). */
export const MAX_COLUMNS = 16;
/** Characters of one line (record); a real row is about 50. */
export const MAX_LINE_CHARS = 1024;

export type CsvRead = { ok: true; rows: Record<string, unknown>[] } | { ok: false; issues: Issue[] };

/** A cell as the row schema takes it: digits become numbers, an empty subscriptions null. */
function cellValue(column: string, raw: string): unknown {
  const value = raw.trim();
  if (!NUMBERS.has(column)) return value;
  if (value === '') return column === 'subscriptions' ? null : value;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The CSV's rows as objects keyed by column, or what is wrong with its header or shape. */
export function readFtthCsv(text: string): CsvRead {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      max_record_size: MAX_LINE_CHARS,
      to: FTTH_MAX_ROWS + 2,
    });
  } catch (error) {
    return {
      ok: false,
      issues: [{ path: ['csv'], message: `not a CSV table: ${(error as Error).message}` }],
    };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, issues: [{ path: ['csv'], message: 'the file is empty' }] };
  if (header.length > MAX_COLUMNS)
    return {
      ok: false,
      issues: [
        {
          path: ['csv', 'header'],
          message: `at most ${MAX_COLUMNS} columns (this file has ${header.length})`,
        },
      ],
    };
  const columns = header.map((h) => h.trim());
  const issues: Issue[] = [
    ...REQUIRED.filter((c) => !columns.includes(c)).map((c) => ({
      path: ['csv', 'header', c],
      message: `the column ${c} is missing`,
    })),
    ...columns
      .filter((c) => !KNOWN.has(c))
      .map((c) => ({ path: ['csv', 'header', c], message: `unknown column ${c}` })),
  ];
  if (body.length === 0) issues.push({ path: ['csv'], message: 'the file has no data rows' });
  if (body.length > FTTH_MAX_ROWS)
    issues.push({ path: ['csv'], message: `at most ${FTTH_MAX_ROWS} rows per upload` });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    rows: body.map((cells) =>
      Object.fromEntries(
        columns.map((c, i) => [c, cellValue(c, cells[i] ?? '')] as const).filter(([, v]) => v !== undefined),
      ),
    ),
  };
}
