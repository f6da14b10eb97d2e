/**
 * The tables and views of a DuckDB trace (see `duckdb.ts` for why they are split this way), and
 * the bulk append of buffered columns.
 */
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { COLUMNS_TABLE, EPISODES_TABLE, EVENT_ROWS_TABLE, EVENTS_VIEW, KINDS_TABLE, sqlString, typedViewSql, type EventLayout } from './layout.ts';

/** The stored events: the record fields in canonical order, phase, type and actor as one {@link KINDS_TABLE} key. */
export const EVENTS_TABLE_SQL = `CREATE OR REPLACE TABLE ${EVENT_ROWS_TABLE}(seq BIGINT, episode INTEGER, slot BIGINT, time DOUBLE, kind INTEGER, payload VARCHAR)`;

/** Each (phase, type, actor) combination of the trace once: a run has tens of them, not one per event. */
export const KINDS_TABLE_SQL = `CREATE OR REPLACE TABLE ${KINDS_TABLE}(kind INTEGER PRIMARY KEY, phase VARCHAR, type VARCHAR, actor VARCHAR)`;

/** The run context of each episode (all NULL for an episode written without one). */
export const EPISODES_TABLE_SQL = `CREATE OR REPLACE TABLE ${EPISODES_TABLE}(episode INTEGER PRIMARY KEY, agent VARCHAR, stage VARCHAR, seed BIGINT)`;

/** The `events` view: every event with its episode's context, columns as the record's (context before the payload). */
export const EVENTS_VIEW_SQL =
  `CREATE OR REPLACE VIEW ${EVENTS_VIEW} AS SELECT e.seq, e.episode, e.slot, e.time, k.phase, k.type, k.actor, ` +
  `c.agent, c.stage, c.seed, e.payload::JSON AS payload FROM ${EVENT_ROWS_TABLE} e JOIN ${KINDS_TABLE} k ON k.kind = e.kind LEFT JOIN ${EPISODES_TABLE} c ON c.episode = e.episode`;

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

/** `trace_columns`: every typed view's payload columns, so queries and exports rebuild the views' layouts without the catalogue. */
export function columnsTableSql(layouts: readonly EventLayout[]): string {
  const rows = layouts.flatMap((l) =>
    l.columns.map((c, i) => `(${sqlString(l.type)}, ${sqlString(l.table)}, ${i}, ${sqlString(c.name)}, [${c.path.map(sqlString).join(', ')}]::VARCHAR[], ${sqlString(c.kind)}, ${c.optional})`),
  );
  const create = `CREATE OR REPLACE TABLE ${COLUMNS_TABLE} (type VARCHAR, table_name VARCHAR, position INTEGER, column_name VARCHAR, path VARCHAR[], kind VARCHAR, optional BOOLEAN)`;
  return rows.length ? `${create}; INSERT INTO ${COLUMNS_TABLE} VALUES ${rows.join(', ')}` : create;
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
