/**
 * The writer thread of {@link DuckDbWorkerSink} (`duckdb-worker.ts`): opens the trace database,
 * decodes each posted batch's payloads into canonical JSON and appends the batch, and at close
 * adds the typed views and checkpoints. Messages are handled strictly in order on one promise
 * chain. The first error stops all further work: it is flagged in the shared control words (so
 * the simulation thread, which may be blocked waiting for room, sees it at once) and posted back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { appendTraceBatch, createTraceAppenders, createTraceTables, finishTraceTables, type TraceAppenders } from './duckdb-schema.ts';
import { PayloadDecoder } from './payload-codec.ts';
import { CONTROL, type WorkerBatch, type WorkerData, type WorkerReply, type WorkerRequest } from './duckdb-worker-protocol.ts';

const { path, control: controlBuffer, failAt } = workerData as WorkerData;
const control = new Int32Array(controlBuffer);
const port = parentPort!;
const decoder = new PayloadDecoder();
let instance: DuckDBInstance | undefined;
let connection: DuckDBConnection | undefined;
let appenders: TraceAppenders | undefined;
let failed = false;
let batches = 0;
let tail: Promise<void> = Promise.resolve();

const reply = (message: WorkerReply): void => port.postMessage(message);

function fail(error: unknown): void {
  if (failed) return;
  failed = true;
  Atomics.store(control, CONTROL.failed, 1);
  Atomics.notify(control, CONTROL.pending);
  const e = error instanceof Error ? error : new Error(String(error));
  reply({ op: 'error', name: e.name, message: e.message, stack: e.stack });
}

async function open(): Promise<void> {
  instance = await DuckDBInstance.create(path);
  connection = await instance.connect();
  await createTraceTables(connection);
  appenders = await createTraceAppenders(connection);
  reply({ op: 'ready' });
}

function append(batch: WorkerBatch): void {
  if (failAt !== undefined && ++batches >= failAt) throw new Error(`injected writer failure at batch ${batches} (test hook)`);
  const n = batch.count;
  const payloads = decoder.decode(batch.payloads, n);
  const seq = new Array<bigint>(n);
  const slot = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    seq[i] = BigInt(batch.seq[i]);
    slot[i] = BigInt(batch.slot[i]);
  }
  const head = (a: Int32Array | Float64Array): number[] => Array.from(a.subarray(0, n));
  const rows = [seq, head(batch.episode), slot, head(batch.time), head(batch.kind), payloads];
  appendTraceBatch(appenders, batch.kinds, batch.episodes, rows);
}

async function finish(request: Extract<WorkerRequest, { op: 'close' }>): Promise<void> {
  const open = appenders;
  appenders = undefined;
  if (open) for (const appender of [open.rows, open.episodes, open.kinds]) appender.closeSync();
  if (connection) await finishTraceTables(connection, request.layouts);
}

function release(): void {
  const handles = [appenders?.rows, appenders?.episodes, appenders?.kinds, connection, instance];
  appenders = connection = instance = undefined;
  for (const handle of handles) {
    try {
      handle?.closeSync();
    } catch (error) {
      fail(error);
    }
  }
}

tail = tail.then(open).catch(fail);

async function handle(request: WorkerRequest): Promise<void> {
  if (request.op === 'batch') {
    try {
      if (!failed) append(request);
    } finally {
      Atomics.sub(control, CONTROL.pending, 1);
      Atomics.notify(control, CONTROL.pending);
    }
    return;
  }
  try {
    if (!failed) await finish(request);
  } catch (error) {
    fail(error);
  }
  release();
  if (!failed) reply({ op: 'closed' });
  port.close();
}

port.on('message', (request: WorkerRequest) => {
  tail = tail.then(() => handle(request)).catch(fail);
});
