/**
 * The SQL of a DuckDB trace's tables and `events` view (see `duckdb.ts` for why they are split
 * this way). No DuckDB import: the writer thread (`duckdb-writer.worker.ts`) uses these without
 * loading `@duckdb/node-api`.
 */
import { COLUMNS_TABLE, EPISODES_TABLE, EVENT_ROWS_TABLE, EVENTS_VIEW, KINDS_TABLE, sqlString, type EventLayout } from './layout.ts';

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

/** `trace_columns`: every typed view's payload columns, so queries and exports rebuild the views' layouts without the catalogue. */
export function columnsTableSql(layouts: readonly EventLayout[]): string {
  const rows = layouts.flatMap((l) =>
    l.columns.map((c, i) => `(${sqlString(l.type)}, ${sqlString(l.table)}, ${i}, ${sqlString(c.name)}, [${c.path.map(sqlString).join(', ')}]::VARCHAR[], ${sqlString(c.kind)}, ${c.optional})`),
  );
  const create = `CREATE OR REPLACE TABLE ${COLUMNS_TABLE} (type VARCHAR, table_name VARCHAR, position INTEGER, column_name VARCHAR, path VARCHAR[], kind VARCHAR, optional BOOLEAN)`;
  return rows.length ? `${create}; INSERT INTO ${COLUMNS_TABLE} VALUES ${rows.join(', ')}` : create;
}
