/**
 * Reading DuckDB traces back: the `events` table in `seq` order (with the run context when the
 * trace has it: traces written before it existed have no context columns), and the stored
 * layouts of the typed views.
 */
import { DuckDBInstance, DuckDBListValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { COLUMNS_TABLE, type ColumnKind, type EventLayout, type PayloadColumn } from './layout.ts';
import { TraceRecordSchema, type TraceRecord } from './record.ts';

/** Opens a trace database read-only for `use`, always releasing it. */
export async function withReadOnly<T>(path: string, use: (c: DuckDBConnection, instance: DuckDBInstance) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      return await use(connection, instance);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The typed layouts stored in a trace database; undefined for a trace with only an `events` table. */
export async function storedLayouts(c: DuckDBConnection): Promise<EventLayout[] | undefined> {
  const exists = await c.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = '${COLUMNS_TABLE}'`);
  if (exists.currentRowCount === 0) return undefined;
  const rows = (await c.runAndReadAll(`SELECT type, table_name, column_name, path, kind, optional FROM ${COLUMNS_TABLE} ORDER BY table_name, position`)).getRows();
  const byTable = new Map<string, { type: string; table: string; columns: PayloadColumn[] }>();
  for (const [type, table, name, path, kind, optional] of rows) {
    const t = String(table);
    const layout = byTable.get(t) ?? { type: String(type), table: t, columns: [] };
    layout.columns.push({ name: String(name), path: (path as DuckDBListValue).items.map(String), kind: kind as ColumnKind, optional: optional === true });
    byTable.set(t, layout);
  }
  return [...byTable.values()];
}

const num = (v: DuckDBValue): number => (typeof v === 'bigint' ? Number(v) : (v as number));

function toRecord(row: readonly DuckDBValue[], type: string, payload: unknown, path: string): TraceRecord {
  const [seq, episode, slot, time, phase, actor, agent, stage, seed] = row;
  const candidate: Record<string, unknown> = { seq: num(seq), episode, slot: num(slot), time, phase, type, actor, payload };
  if (agent !== null) candidate.agent = agent;
  if (stage !== null) candidate.stage = stage;
  if (seed !== null) candidate.seed = num(seed);
  const parsed = TraceRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`trace: ${path}: invalid record seq=${String(seq)}: ${parsed.error.message}`);
  return parsed.data;
}

/** Reads a trace database's `events` ordered by `seq`, validating each record. */
export async function* readDuckDb(path: string): AsyncIterable<TraceRecord> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const c = await instance.connect();
    try {
      const names = (await c.runAndReadAll("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = 'events'")).getRows().map(([n]) => n);
      const context = ['agent', 'stage', 'seed'].map((n) => (names.includes(n) ? n : 'NULL')).join(', ');
      const result = await c.stream(`SELECT seq, episode, slot, time, phase, actor, ${context}, type, payload FROM events ORDER BY seq`);
      for await (const rows of result.yieldRows()) for (const row of rows) yield toRecord(row, String(row[9]), JSON.parse(String(row[10])), path);
    } finally {
      c.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
