/**
 * Creating and finishing a DuckDB trace's tables and views (their SQL: `duckdb-sql.ts`) through
 * `@duckdb/node-api`, and the bulk append of buffered columns.
 */
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { columnsTableSql, EPISODES_TABLE_SQL, EVENTS_TABLE_SQL, EVENTS_VIEW_SQL, KINDS_TABLE_SQL } from './duckdb-sql.ts';
import { COLUMNS_TABLE, EPISODES_TABLE, EVENT_ROWS_TABLE, EVENTS_VIEW, KINDS_TABLE, typedViewSql, type EventLayout } from './layout.ts';

export { columnsTableSql, EPISODES_TABLE_SQL, EVENTS_TABLE_SQL, EVENTS_VIEW_SQL, KINDS_TABLE_SQL } from './duckdb-sql.ts';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Appends column-major rows (none: nothing) in data chunks of at most {@link CHUNK_ROWS} and flushes them. */
export function appendColumns(appender: DuckDBAppender | undefined, cols: readonly unknown[][]): void {
  if (!appender) throw new Error('trace: DuckDB appender is not open');
  const n = cols[0].length;
  if (n === 0) return;
  const types = cols.map((_, i) => appender.columnType(i));
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    const chunk = DuckDBDataChunk.create(types);
    chunk.setColumns(cols.map((col) => col.slice(start, start + CHUNK_ROWS)) as DuckDBValue[][]);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
}


/** Empties a database for a new trace (an old trace's views and layouts must not survive) and creates the trace's tables and `events` view. */
export async function createTraceTables(connection: DuckDBConnection): Promise<void> {
  const old = await connection.runAndReadAll("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'");
  for (const [name] of old.getRows()) await connection.run(`DROP VIEW ${JSON.stringify(String(name))}`);
  // Traces written before the episodes table had `events` as a table.
  for (const table of [COLUMNS_TABLE, EVENTS_VIEW]) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  await connection.run(EVENTS_TABLE_SQL);
  await connection.run(EPISODES_TABLE_SQL);
  await connection.run(KINDS_TABLE_SQL);
  await connection.run(EVENTS_VIEW_SQL);
}

/** The appenders of the three stored tables, in the order {@link appendTraceBatch} fills them. */
export interface TraceAppenders {
  readonly rows: DuckDBAppender;
  readonly episodes: DuckDBAppender;
  readonly kinds: DuckDBAppender;
}

export async function createTraceAppenders(connection: DuckDBConnection): Promise<TraceAppenders> {
  return {
    rows: await connection.createAppender(EVENT_ROWS_TABLE),
    episodes: await connection.createAppender(EPISODES_TABLE),
    kinds: await connection.createAppender(KINDS_TABLE),
  };
}

/** Appends new kinds, then new episodes, then event rows (column-major, as in {@link appendColumns}). */
export function appendTraceBatch(appenders: TraceAppenders | undefined, kinds: readonly unknown[][], episodes: readonly unknown[][], rows: readonly unknown[][]): void {
  appendColumns(appenders?.kinds, kinds);
  appendColumns(appenders?.episodes, episodes);
  appendColumns(appenders?.rows, rows);
}

/** Stores the typed views' layouts and creates the views, then folds the write-ahead log into the file so the trace is one self-contained file. */
export async function finishTraceTables(connection: DuckDBConnection, layouts: readonly EventLayout[]): Promise<void> {
  await connection.run(columnsTableSql(layouts));
  for (const layout of layouts) await connection.run(typedViewSql(layout));
  await connection.run('CHECKPOINT');
}
