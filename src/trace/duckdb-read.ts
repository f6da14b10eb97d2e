/**
 * Reading DuckDB traces back: records in `seq` order, merged from the typed tables and
 * `trace_untyped` (see `duckdb.ts`), or from the single `events` table of a trace written
 * before typed tables existed.
 */
import { DuckDBInstance, DuckDBListValue, DuckDBMapValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { COLUMNS_TABLE, HEADER_COLUMNS, UNTYPED_TABLE, sqlIdent, type ColumnKind, type EventLayout, type PayloadColumn } from './layout.ts';
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

/** Sets an own property, also for the key `__proto__` (which plain assignment would treat as the prototype). */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

const num = (v: DuckDBValue): number => (typeof v === 'bigint' ? Number(v) : (v as number));

function plainValue(kind: ColumnKind, v: DuckDBValue): unknown {
  switch (kind) {
    case 'int':
      return num(v);
    case 'double[]':
    case 'int[]':
      return (v as DuckDBListValue).items.map(num);
    case 'map<double>':
    case 'map<double[]>': {
      const out: Record<string, unknown> = {};
      for (const { key, value } of (v as DuckDBMapValue).entries) setOwn(out, String(key), kind === 'map<double>' ? num(value) : (value as DuckDBListValue).items.map(num));
      return out;
    }
    case 'json':
      return JSON.parse(String(v));
    default:
      return v;
  }
}

/** Rebuilds the payload of a typed row (payload cells start after the header columns). */
function payloadOf(layout: EventLayout, row: readonly DuckDBValue[]): unknown {
  const first = HEADER_COLUMNS.length;
  const cols = layout.columns;
  if (cols.length === 1 && cols[0].path.length === 0) return plainValue(cols[0].kind, row[first]);
  const root: Record<string, unknown> = {};
  cols.forEach((c, i) => {
    let obj = root;
    for (const k of c.path.slice(0, -1)) {
      if (!Object.hasOwn(obj, k)) setOwn(obj, k, {});
      obj = obj[k] as Record<string, unknown>;
    }
    const v = row[first + i];
    if (v !== null) setOwn(obj, c.path[c.path.length - 1], plainValue(c.kind, v));
  });
  return root;
}

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

/** One table's records in seq order, on a connection of its own (DuckDB streams one result per connection). */
async function* tableRecords(instance: DuckDBInstance, table: string, toRec: (row: readonly DuckDBValue[]) => TraceRecord): AsyncGenerator<TraceRecord> {
  const c = await instance.connect();
  try {
    const result = await c.stream(`SELECT * FROM ${sqlIdent(table)} ORDER BY seq`);
    for await (const rows of result.yieldRows()) for (const row of rows) yield toRec(row);
  } finally {
    c.closeSync();
  }
}

/** Merges record streams that are each in seq order into one in seq order. */
async function* mergeBySeq(sources: AsyncGenerator<TraceRecord>[]): AsyncGenerator<TraceRecord> {
  const heads: (TraceRecord | undefined)[] = [];
  try {
    for (const s of sources) heads.push((await s.next()).value ?? undefined);
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) if (heads[i] && (best < 0 || heads[i]!.seq < heads[best]!.seq)) best = i;
      if (best < 0) return;
      yield heads[best]!;
      heads[best] = (await sources[best].next()).value ?? undefined;
    }
  } finally {
    await Promise.all(sources.map((s) => s.return(undefined)));
  }
}

/** Reads a trace database's records ordered by `seq`, validating each. */
export async function* readDuckDb(path: string): AsyncIterable<TraceRecord> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const probe = await instance.connect();
    let layouts: EventLayout[] | undefined;
    try {
      layouts = await storedLayouts(probe);
    } finally {
      probe.closeSync();
    }
    if (!layouts) {
      yield* legacyRecords(instance, path);
      return;
    }
    const sources = layouts.map((l) => tableRecords(instance, l.table, (row) => toRecord(row, l.type, payloadOf(l, row), path)));
    const n = HEADER_COLUMNS.length;
    sources.push(tableRecords(instance, UNTYPED_TABLE, (row) => toRecord(row, String(row[n]), JSON.parse(String(row[n + 1])), path)));
    yield* mergeBySeq(sources);
  } finally {
    instance.closeSync();
  }
}

/** A trace written before typed tables: one `events` table with a JSON payload and no context. */
async function* legacyRecords(instance: DuckDBInstance, path: string): AsyncGenerator<TraceRecord> {
  const c = await instance.connect();
  try {
    const result = await c.stream('SELECT seq, episode, slot, time, phase, actor, NULL, NULL, NULL, type, payload FROM events ORDER BY seq');
    for await (const rows of result.yieldRows()) for (const row of rows) yield toRecord(row, String(row[9]), JSON.parse(String(row[10])), path);
  } finally {
    c.closeSync();
  }
}
