/**
 * SQL over a stored trace, whichever format: a DuckDB trace is opened read-only (its typed
 * tables and `events` view are the query surface); an NDJSON trace is read through DuckDB's
 * `read_json` into the same surface: an `events` view, and one typed view per event type
 * from the layouts written beside it (`trace.columns.json`, see `ndjson.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { storedLayouts } from './duckdb-read.ts';
import { EVENTS_VIEW, sqlString, typedViewSql, type EventLayout } from './layout.ts';
import { columnsPathOf } from './ndjson.ts';

/** A SQL error in a user's query (bad syntax, unknown table or column): the DuckDB message, first line. */
export class TraceQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceQueryError';
  }
}

/** An open trace: a connection whose tables/views are the trace, and the typed layouts. */
export interface OpenTrace {
  readonly connection: DuckDBConnection;
  readonly layouts: readonly EventLayout[];
  close(): void;
}

const isNdjson = (path: string): boolean => /\.(ndjson|jsonl)$/i.test(basename(path));

/** The columns `read_json` gives an NDJSON trace (missing context fields read as NULL). */
const NDJSON_COLUMNS = `{seq: 'BIGINT', episode: 'INTEGER', slot: 'BIGINT', time: 'DOUBLE', phase: 'VARCHAR', type: 'VARCHAR', actor: 'VARCHAR', agent: 'VARCHAR', stage: 'VARCHAR', seed: 'BIGINT', payload: 'JSON'}`;

function readLayouts(tracePath: string): EventLayout[] {
  const file = columnsPathOf(tracePath);
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as EventLayout[];
}

/** Opens a trace file (`.duckdb` or `.ndjson`) for queries. */
export async function openTrace(tracePath: string): Promise<OpenTrace> {
  const ndjson = isNdjson(tracePath);
  const instance = await DuckDBInstance.create(ndjson ? ':memory:' : tracePath, ndjson ? {} : { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    let layouts: EventLayout[];
    if (ndjson) {
      await connection.run(`CREATE VIEW ${EVENTS_VIEW} AS SELECT * FROM read_json(${sqlString(tracePath)}, format = 'newline_delimited', columns = ${NDJSON_COLUMNS})`);
      layouts = readLayouts(tracePath);
      for (const l of layouts) await connection.run(typedViewSql(l));
    } else {
      layouts = (await storedLayouts(connection)) ?? [];
    }
    return {
      connection,
      layouts,
      close: () => {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (err) {
    instance.closeSync();
    throw err;
  }
}

/** A query result as text cells, for printing. */
export interface QueryTable {
  readonly columns: string[];
  readonly rows: string[][];
  /** Rows left out beyond `maxRows`. */
  readonly more: number;
}

const cell = (v: DuckDBValue): string => (v === null ? 'NULL' : typeof v === 'string' ? v : String(v));

/** Runs one SQL statement on a trace; a bad statement throws {@link TraceQueryError}. */
export async function queryTrace(tracePath: string, sql: string, maxRows = Infinity): Promise<QueryTable> {
  const trace = await openTrace(tracePath);
  try {
    let reader;
    try {
      reader = await trace.connection.runAndReadAll(sql);
    } catch (err) {
      throw new TraceQueryError((err as Error).message.split('\n')[0]);
    }
    const rows = reader.getRows();
    return { columns: reader.columnNames(), rows: rows.slice(0, maxRows).map((r) => r.map(cell)), more: Math.max(0, rows.length - maxRows) };
  } finally {
    trace.close();
  }
}

/** A query result as an aligned text table (numbers right-aligned). */
export function formatTable(table: QueryTable): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => r[i].length)));
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => r[i] === 'NULL' || /^-?[\d.]+(e[-+]?\d+)?$/i.test(r[i])));
  const line = (cells: string[]): string => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)];
  const n = table.rows.length + table.more;
  out.push(`(${n} row${n === 1 ? '' : 's'}${table.more ? `, ${table.more} not shown: add LIMIT or raise --max-rows` : ''})`);
  return out.join('\n');
}
