/**
 * The writer thread of {@link DuckDbWorkerSink} (`duckdb-worker.ts`): replaces the file with a
 * new trace database, decodes each posted batch's payloads into canonical
 * JSON and appends the batch, and at close adds the typed views and checkpoints. It talks to
 * DuckDB through the C API bindings (`duckdb-native.ts`). Messages are handled strictly in order
 * on one promise chain, after the database is open. The first error
 * stops all further work: it is flagged in the shared control words (so the simulation thread,
 * which may be blocked waiting for room, sees it at once) and posted back.
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

const { path, control: controlBuffer, bindings, failAt } = workerData as WorkerData;
const control = new Int32Array(controlBuffer);
const port = parentPort!;
const duckdb = loadBindings(bindings);
const decoder = new PayloadDecoder();
let database: Bindings.Database | undefined;
let connection: Bindings.Connection | undefined;
let appender: EventRowsAppender | undefined;
let failed = false;
let batches = 0;

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

/** Replaces whatever file is at `path` with an empty trace (its tables and `events` view). */
async function open(): Promise<void> {
  for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
  database = await duckdb.open(path);
  connection = await duckdb.connect(database);
  for (const sql of [EVENTS_TABLE_SQL, EPISODES_TABLE_SQL, KINDS_TABLE_SQL, EVENTS_VIEW_SQL]) await run(sql);
  appender = new EventRowsAppender(duckdb, connection, EVENT_ROWS_TABLE);
  reply({ op: 'ready' });
}

const literal = (v: string | number | bigint | null): string => (v === null ? 'NULL' : typeof v === 'string' ? sqlString(v) : String(v));
const insertSql = (table: string, cols: KindColumns | EpisodeColumns): string =>
  `INSERT INTO ${table} VALUES ${cols[0].map((_, i) => `(${cols.map((c) => literal(c[i])).join(', ')})`).join(', ')}`;

async function append(batch: WorkerBatch): Promise<void> {
  if (failAt !== undefined && ++batches >= failAt) throw new Error(`injected writer failure at batch ${batches} (test hook)`);
  if (batch.kinds[0].length) await run(insertSql(KINDS_TABLE, batch.kinds));
  if (batch.episodes[0].length) await run(insertSql(EPISODES_TABLE, batch.episodes));
  const payload = decoder.decode(batch.payloads, batch.count);
  if (!appender) throw new Error('trace: the writer has no open appender');
  appender.append({ count: batch.count, seq: batch.seq, episode: batch.episode, slot: batch.slot, time: batch.time, kind: batch.kind, payload });
}

/** Closes the appender, stores the views' layouts and creates the views, then folds the write-ahead log into the file. */
async function finish(layouts: readonly EventLayout[]): Promise<void> {
  const a = appender;
  appender = undefined;
  a?.close();
  await run(columnsTableSql(layouts));
  for (const layout of layouts) await run(typedViewSql(layout));
  await run('CHECKPOINT');
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
  if (request.op === 'batch') {
    try {
      if (!failed) await append(request);
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
  if (!failed) reply({ op: 'closed' });
  port.close();
}

let tail: Promise<void> = open().catch(fail);
port.on('message', (request: WorkerRequest) => {
  tail = tail.then(() => handle(request)).catch(fail);
});
