/**
 * The writer thread of {@link DuckDbWorkerSink} (`duckdb-worker.ts`): replaces the file with a
 * new trace database, creates the typed views as their event types are registered, decodes each
 * posted batch's payloads into canonical JSON and appends the batch, and at close stores the
 * views' layouts and checkpoints the rest. It talks to DuckDB through the C API bindings
 * (`duckdb-native.ts`). Messages are handled strictly in order on one promise chain, after the
 * database is open. The first error stops all further work: it is flagged in the shared control
 * words (so the simulation thread, which may be blocked waiting for room, sees it at once) and
 * posted back.
 *
 * Storage (docs/performance.md, "Trace writing", step 7): the file is attached without a
 * write-ahead log, and checkpointed whenever `event_rows` fills a row group, so each row group is
 * compressed and written once, while the simulation runs, and the close only writes the last,
 * partial one. Without a log, commits cost no log write or fsync; the price is that a process
 * killed mid-run leaves the trace as of its last full row group (a run that is resumed rebuilds its
 * trace from the checkpoint journal, not from this file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type * as Bindings from '@duckdb/node-bindings';
import { rmSync } from 'node:fs';
import { columnsTableSql, EPISODES_TABLE_SQL, EVENTS_TABLE_SQL, EVENTS_VIEW_SQL, KINDS_TABLE_SQL } from './duckdb-sql.ts';
import { EventRowsAppender, loadBindings } from './duckdb-native.ts';
import { CONTROL, type WorkerBatch, type WorkerData, type WorkerReply, type WorkerRequest } from './duckdb-worker-protocol.ts';
import { EPISODES_TABLE, EVENT_ROWS_TABLE, KINDS_TABLE, sqlString, typedViewSql, type EventLayout } from './layout.ts';
import { PayloadDecoder } from './payload-decoder.ts';
import type { EpisodeColumns, KindColumns } from './row-keys.ts';

/** The trace file's name in this thread's DuckDB (an in-memory database with the file attached). */
const FILE_DB = 'trace_file';

const { path, control: controlBuffer, bindings, failAt, rowGroupRows } = workerData as WorkerData;
const control = new Int32Array(controlBuffer);
const port = parentPort!;
const duckdb = loadBindings(bindings);
const decoder = new PayloadDecoder();
let database: Bindings.Database | undefined;
let connection: Bindings.Connection | undefined;
let appender: EventRowsAppender | undefined;
let failed = false;
let batches = 0;
/** Rows appended to `event_rows` so far. */
let stored = 0;

const reply = (message: WorkerReply): void => port.postMessage(message);

function fail(error: unknown): void {
  if (failed) return;
  failed = true;
  Atomics.store(control, CONTROL.failed, 1);
  Atomics.notify(control, CONTROL.pending);
  const e = error instanceof Error ? error : new Error(String(error));
  reply({ op: 'error', name: e.name, message: e.message, stack: e.stack });
}

async function run(sql: string): Promise<void> {
  if (!connection) throw new Error('trace: the writer has no open database');
  await duckdb.query(connection, sql);
}

/** Runs the statements as one transaction (one commit instead of one per statement). */
const runAll = (statements: readonly string[]): Promise<void> =>
  statements.length ? run(['BEGIN TRANSACTION', ...statements, 'COMMIT'].join(';\n')) : Promise.resolve();

/** Replaces whatever file is at `path` with an empty trace (its tables and `events` view). */
async function open(): Promise<void> {
  for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
  // One thread: DuckDB's own pool would compete with the simulation for the cores (step 7).
  const config = duckdb.create_config();
  duckdb.set_config(config, 'threads', '1');
  database = await duckdb.open(':memory:', config);
  connection = await duckdb.connect(database);
  await run(`ATTACH ${sqlString(path)} AS ${FILE_DB} (RECOVERY_MODE no_wal_writes, ROW_GROUP_SIZE ${rowGroupRows})`);
  await run(`USE ${FILE_DB}`);
  await runAll([EVENTS_TABLE_SQL, EPISODES_TABLE_SQL, KINDS_TABLE_SQL, EVENTS_VIEW_SQL]);
  appender = new EventRowsAppender(duckdb, connection, EVENT_ROWS_TABLE);
  reply({ op: 'ready' });
}

const literal = (v: string | number | bigint | null): string => (v === null ? 'NULL' : typeof v === 'string' ? sqlString(v) : String(v));
const insertSql = (table: string, cols: KindColumns | EpisodeColumns): string =>
  `INSERT INTO ${table} VALUES ${cols[0].map((_, i) => `(${cols.map((c) => literal(c[i])).join(', ')})`).join(', ')}`;

/** Every layout whose view exists, in the order the sink registered them (the order of `trace_columns`). */
const layoutsMade = new Map<string, EventLayout>();
/** `trace_columns` exists (an empty one too: a trace of no registered type still has it). */
let columnsMade = false;

/**
 * The views of the layouts that have none yet, and `trace_columns` again when there are any.
 * Both are made as the event types are registered, while the simulation runs, so the close only
 * stores keys and checkpoints (its SQL took 34-50 ms of a 300-slot trace's close with them,
 * 15-31 without).
 */
function layoutStatements(layouts: readonly EventLayout[]): string[] {
  const fresh = layouts.filter((l) => !layoutsMade.has(l.type));
  for (const l of fresh) layoutsMade.set(l.type, l);
  if (fresh.length === 0 && columnsMade) return [];
  columnsMade = true;
  return [...fresh.map(typedViewSql), columnsTableSql([...layoutsMade.values()])];
}

/** Rows per INSERT statement of kinds or episodes. */
const INSERT_ROWS = 1000;

/** Kinds and episodes not yet inserted (column-major, as the batches bring them). */
const unstoredKinds: KindColumns = [[], [], [], []];
const unstoredEpisodes: EpisodeColumns = [[], [], [], []];

function gather<T extends unknown[][]>(into: T, from: T): void {
  for (let c = 0; c < into.length; c++) for (const v of from[c]) into[c].push(v);
}

/**
 * The INSERTs of the kinds and episodes gathered since the last call. They are stored with the
 * row group checkpoints and at close, not per batch: an INSERT is parsed, planned and committed
 * on its own (one per batch was 90-150 ms of a 3000-slot trace), and no reader sees the file
 * before a checkpoint anyway.
 */
function keyStatements(): string[] {
  const statements: string[] = [];
  for (const [table, cols] of [[KINDS_TABLE, unstoredKinds], [EPISODES_TABLE, unstoredEpisodes]] as const) {
    // At most INSERT_ROWS rows per statement, so that no statement's text grows with the run.
    for (let from = 0; from < cols[0].length; from += INSERT_ROWS) statements.push(insertSql(table, cols.map((c) => c.slice(from, from + INSERT_ROWS)) as typeof cols));
    for (const c of cols) c.length = 0;
  }
  return statements;
}

async function append(batch: WorkerBatch): Promise<void> {
  if (failAt !== undefined && ++batches >= failAt) throw new Error(`injected writer failure at batch ${batches} (test hook)`);
  gather(unstoredKinds, batch.kinds);
  gather(unstoredEpisodes, batch.episodes);
  const payload = decoder.decode(batch.payloads, batch.count);
  if (!appender) throw new Error('trace: the writer has no open appender');
  const rows = { count: batch.count, seq: batch.seq, episode: batch.episode, slot: batch.slot, time: batch.time, kind: batch.kind, payload };
  // Split at row group boundaries: a full row group is checkpointed at once, and never rewritten.
  for (let from = 0; from < batch.count; ) {
    const to = Math.min(batch.count, from + rowGroupRows - (stored % rowGroupRows));
    appender.append(rows, from, to);
    stored += to - from;
    from = to;
    if (stored % rowGroupRows === 0) {
      await runAll(keyStatements());
      await run('CHECKPOINT');
    }
  }
}

/** Closes the appender, stores the keys (and any layout not registered before), then writes the rest to the file. */
async function finish(layouts: readonly EventLayout[]): Promise<void> {
  const a = appender;
  appender = undefined;
  a?.close();
  await runAll([...keyStatements(), ...layoutStatements(layouts)]);
  await run('CHECKPOINT');
  await run(`USE memory; DETACH ${FILE_DB}`);
}

function release(): void {
  const [a, c, d] = [appender, connection, database];
  appender = connection = database = undefined;
  try {
    a?.close();
    if (c) duckdb.disconnect_sync(c);
    if (d) duckdb.close_sync(d);
  } catch (error) {
    fail(error);
  }
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.op !== 'close') {
    try {
      if (!failed) await (request.op === 'batch' ? append(request) : runAll(layoutStatements(request.layouts)));
    } finally {
      const left = Atomics.sub(control, CONTROL.pending, 1) - 1;
      Atomics.notify(control, CONTROL.pending);
      if (left === 0) reply({ op: 'idle' });
    }
    return;
  }
  try {
    if (!failed) await finish(request.layouts);
  } catch (error) {
    fail(error);
  }
  release();
  reply({ op: 'closed' }); // after an error too: the main thread terminates this thread only once DuckDB is released
  port.close();
}

let tail: Promise<void> = open().catch(fail);
port.on('message', (request: WorkerRequest) => {
  tail = tail.then(() => handle(request)).catch(fail);
});
