/**
 * A DuckDB trace written from a worker thread: the same file as {@link DuckDbSink} writes
 * (same tables, views and payload texts, so the same trace hash), but the simulation thread
 * only checks each record, keys its kind and context (`row-keys.ts`) and encodes its payload
 * compactly (`payload-codec.ts`) into column batches whose buffers are transferred to the
 * writer thread (`duckdb-writer.worker.ts`). There the payloads become canonical JSON and are
 * appended, in parallel with the simulation when a core is free (docs/performance.md, "Trace
 * writing").
 *
 * Errors: a record that cannot be encoded throws from `write`, as in every sink. A writer error
 * (the database, a crashed thread) stops further sending and is rethrown by `close()`, naming
 * the file. Memory stays bounded: with {@link MAX_PENDING} batches unappended, `write` blocks
 * (`Atomics.wait`) until the writer catches up or fails. The thread is unreferenced while it
 * is idle, so a run that stops without closing its trace does not hang on it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventCatalogue } from '../events/catalogue.ts';
import { checkHeader } from './canonical.ts';
import { CONTROL, CONTROL_WORDS, type WorkerBatch, type WorkerData, type WorkerReply, type WorkerRequest } from './duckdb-worker-protocol.ts';
import { bindingsPath } from './duckdb-native.ts';
import { addLayouts, type EventLayout } from './layout.ts';
import { PayloadEncoder } from './payload-codec.ts';
import type { TraceRecord, TraceSink } from './record.ts';
import { TraceRowKeys } from './row-keys.ts';

/** Options of {@link DuckDbWorkerSink}. */
export interface DuckDbWorkerSinkOptions {
  /** Records per batch posted to the writer. Default 4096. */
  readonly chunkRecords?: number;
  /** Test hook: the writer thread fails on this batch (1-based). */
  readonly failWriterAt?: number;
  /**
   * Rows per row group of `event_rows` (a multiple of 2048), each checkpointed as soon as it is
   * full. Default {@link ROW_GROUP_ROWS}.
   */
  readonly rowGroupRows?: number;
}

/**
 * Half DuckDB's default row group (122,880 rows): the close checkpoints at most this many rows,
 * and the file stays within a few per cent of its size with the default (docs/performance.md,
 * "Trace writing", step 7).
 */
export const ROW_GROUP_ROWS = 61_440;

/** Batches in flight before `write` waits for the writer. */
const MAX_PENDING = 8;
/** A writer that appends nothing for this long while the simulation waits is taken for dead. */
const STALL_MS = 120_000;

/** The writer thread's module, bundled once per process when running from TypeScript sources. */
let bundled: string | undefined;

/**
 * The writer thread: the compiled `.js` module beside this file; or, when this file runs as
 * TypeScript (tsx, vitest: a worker does not inherit the transform of its parent's loader), the
 * `.ts` module bundled to one CommonJS script with esbuild (tsx's own dependency). Starting the
 * worker through tsx's loader instead cost about 0.4 s of CPU per trace (docs/performance.md).
 */
function startWriter(data: WorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./duckdb-writer.worker.js', here), { workerData: data });
  if (bundled === undefined) {
    const require = createRequire(here);
    const esbuild = require(createRequire(require.resolve('tsx')).resolve('esbuild')) as typeof import('esbuild');
    const entry = fileURLToPath(new URL('./duckdb-writer.worker.ts', here));
    const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
    bundled = out.outputFiles[0].text;
  }
  // No flags of the parent: the bundle needs no loader, `--input-type=module` would make the
  // CommonJS script a module, and V8 flags such as `--expose-gc` are refused for a worker
  // (ERR_WORKER_INVALID_EXEC_ARGV), so inheriting them made the trace fail under `node --expose-gc --import tsx`.
  return new Worker(bundled, { eval: true, workerData: data, execArgv: [] });
}

class Batch {
  count = 0;
  readonly seq: Float64Array<ArrayBuffer>;
  readonly episode: Int32Array<ArrayBuffer>;
  readonly slot: Float64Array<ArrayBuffer>;
  readonly time: Float64Array<ArrayBuffer>;
  readonly kind: Int32Array<ArrayBuffer>;
  constructor(size: number) {
    this.seq = new Float64Array(size);
    this.episode = new Int32Array(size);
    this.slot = new Float64Array(size);
    this.time = new Float64Array(size);
    this.kind = new Int32Array(size);
  }
}

export class DuckDbWorkerSink implements TraceSink {
  /** The database file. */
  readonly path: string;
  /** Resolves once the writer has opened the database, or failed to (the error goes to `close`); never rejects. */
  readonly ready: Promise<void>;
  private readonly chunkRecords: number;
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly keys = new TraceRowKeys();
  private readonly encoder = new PayloadEncoder();
  private readonly layouts = new Map<string, EventLayout>();
  private batch: Batch;
  private failure: { error: unknown } | undefined;
  /** The writer thread crashed, exited or stalled: nothing more to ask of it. */
  private writerGone = false;
  private closing: Promise<void> | undefined;
  private readonly replies: { closed: Promise<void>; settleClosed: () => void };

  constructor(path: string, options: DuckDbWorkerSinkOptions = {}) {
    this.path = path;
    this.chunkRecords = options.chunkRecords ?? 4096;
    this.batch = new Batch(this.chunkRecords);
    const control = new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(control);
    const data: WorkerData = { path, control, bindings: bindingsPath(), failAt: options.failWriterAt, rowGroupRows: options.rowGroupRows ?? ROW_GROUP_ROWS };
    // Referenced while opening, appending or closing (see unrefWhenIdle).
    this.worker = startWriter(data);
    let settleReady!: () => void;
    this.ready = new Promise((resolve) => (settleReady = resolve));
    let settleClosed!: () => void;
    this.replies = { closed: new Promise((resolve) => (settleClosed = resolve)), settleClosed };
    let closed = false;
    const settleAll = (): void => {
      settleReady();
      settleClosed();
    };
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.op === 'ready' || reply.op === 'idle') {
        this.unrefWhenIdle();
        settleReady();
      } else if (reply.op === 'closed') {
        closed = true;
        settleClosed();
      } else {
        // The writer stops working but still answers `close` (after releasing DuckDB).
        this.fail(Object.assign(new Error(`trace: writing ${path} failed in the writer thread: ${reply.message}`), { cause: reply }));
        settleReady();
      }
    });
    this.worker.on('error', (error) => {
      this.fail(new Error(`trace: the writer thread of ${path} crashed: ${error.message}`, { cause: error }));
      this.writerGone = true;
      settleAll();
    });
    this.worker.on('exit', (code) => {
      if (!closed) this.fail(new Error(`trace: the writer thread of ${path} exited (code ${code}) before the trace was closed`));
      this.writerGone = true;
      settleAll();
    });
  }

  /** Creates a sink and waits until the database is open, rejecting if it cannot be. */
  static async open(path: string, options: DuckDbWorkerSinkOptions = {}): Promise<DuckDbWorkerSink> {
    const sink = new DuckDbWorkerSink(path, options);
    await sink.ready;
    if (sink.failure || Atomics.load(sink.control, CONTROL.failed)) await sink.close();
    return sink;
  }

  /**
   * Lets the process exit without closing the trace, once the writer is idle: a caller awaiting
   * `ready` or `close` must not see the process end under it, and a process that ends while the
   * writer is inside DuckDB aborts ("terminate called after throwing an instance of 'Napi::Error'").
   */
  private unrefWhenIdle(): void {
    if (!this.closing && Atomics.load(this.control, CONTROL.pending) === 0) this.worker.unref();
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  /** Derives the typed view of each of the catalogue's event types; the writer creates the new ones while the simulation runs. */
  registerEvents(catalogue: EventCatalogue): void {
    if (this.closing) return;
    const before = this.layouts.size;
    addLayouts(this.layouts, catalogue);
    if (this.layouts.size === before || this.failure || Atomics.load(this.control, CONTROL.failed)) return;
    const request: WorkerRequest = { op: 'views', layouts: [...this.layouts.values()].slice(before) };
    this.post(request);
  }

  write(record: TraceRecord): void {
    if (this.closing) throw new Error(`trace: write after close (${this.path})`);
    checkHeader(record);
    this.keys.noteContext(record);
    this.encoder.encode(record.payload);
    const b = this.batch;
    const i = b.count++;
    b.seq[i] = record.seq;
    b.episode[i] = record.episode;
    b.slot[i] = record.slot;
    b.time[i] = record.time;
    b.kind[i] = this.keys.kindOf(record.phase, record.type, record.actor);
    if (b.count === this.chunkRecords) this.send();
  }

  /** Posts the buffered batch (nothing once the writer failed: the error is what `close` reports). */
  private send(): void {
    const b = this.batch;
    if (b.count === 0 && !this.keys.pending) return;
    this.batch = new Batch(this.chunkRecords);
    const payloads = this.encoder.take();
    const { kinds, episodes } = this.keys.take();
    if (!this.waitForRoom()) return;
    const message: WorkerBatch = { op: 'batch', count: b.count, seq: b.seq, episode: b.episode, slot: b.slot, time: b.time, kind: b.kind, payloads, kinds, episodes };
    this.post(message, [b.seq.buffer, b.episode.buffer, b.slot.buffer, b.time.buffer, b.kind.buffer, payloads.ops.buffer] as ArrayBuffer[]);
  }

  /** Posts a request the writer counts down when done (the thread stays referenced meanwhile). */
  private post(request: WorkerRequest, transfer: ArrayBuffer[] = []): void {
    Atomics.add(this.control, CONTROL.pending, 1);
    this.worker.ref();
    this.worker.postMessage(request, transfer);
  }

  /** Blocks while {@link MAX_PENDING} batches are in flight; false once the writer failed or stalled. */
  private waitForRoom(): boolean {
    const c = this.control;
    let stalled = 0;
    for (;;) {
      if (this.failure || Atomics.load(c, CONTROL.failed)) return false;
      const pending = Atomics.load(c, CONTROL.pending);
      if (pending < MAX_PENDING) return true;
      if (Atomics.wait(c, CONTROL.pending, pending, 1000) === 'timed-out' && (stalled += 1000) >= STALL_MS) {
        this.fail(new Error(`trace: the writer thread of ${this.path} appended nothing for ${STALL_MS / 1000} s`));
        this.writerGone = true;
        return false;
      }
      if (Atomics.load(c, CONTROL.pending) < pending) stalled = 0;
    }
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    this.worker.ref();
    try {
      this.send();
      // Also after a writer error: the writer answers once it has released DuckDB, and only then is
      // it terminated (terminating a thread inside DuckDB can abort the process with "terminate
      // called after throwing an instance of 'Napi::Error'"; so can a process that exits while the
      // thread is still being torn down, hence the await).
      if (!this.writerGone) {
        const request: WorkerRequest = { op: 'close', layouts: [...this.layouts.values()] };
        this.worker.postMessage(request);
        await this.replies.closed;
      }
    } finally {
      await this.worker.terminate();
    }
    if (this.failure) throw this.failure.error;
    if (Atomics.load(this.control, CONTROL.failed)) throw new Error(`trace: writing ${this.path} failed in the writer thread`);
  }
}
