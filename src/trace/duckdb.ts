/**
 * DuckDB trace storage (the default for runs, DESIGN.md "Traces and results"). What is stored
 * once per event is only what varies per event: `event_rows` (seq, episode, slot, time, a
 * `kind` key, payload as canonical JSON text), appended in bulk through a DuckDB appender.
 * What repeats is stored once: `event_kinds` holds each (phase, type, actor) combination and
 * `episodes` each episode's run context (agent, stage, seed). The `events` view joins them
 * back into the record's columns, so every query reads events as before. At close the sink
 * adds one typed view per registered event type over `events` (`layout.ts`: `buffer.updated`
 * -> `buffer_updated`, its payload fields as typed columns) and stores their layouts in
 * `trace_columns`, so queries and exports need no catalogue.
 *
 * Why: every cell appended from JS costs (docs/performance.md, "Trace writing"): typed tables
 * were slower to write than one JSON text cell, and the three context cells and three string
 * header cells per event are repeats. The payload column is VARCHAR, cast to JSON in the view:
 * appending to a JSON column validates every payload again. The run pipeline sets the context
 * once per episode, so a DuckDB trace holds one context per episode: a record whose context
 * differs from an earlier record of its episode is an error.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { EventCatalogue } from '../events/catalogue.ts';
import { canonicalJson, checkHeader } from './canonical.ts';
import { appendTraceBatch, createTraceAppenders, createTraceTables, finishTraceTables, type TraceAppenders } from './duckdb-schema.ts';
import { addLayouts, type EventLayout } from './layout.ts';
import type { TraceRecord, TraceSink } from './record.ts';
import { TraceRowKeys } from './row-keys.ts';

/** Options of {@link DuckDbSink}. */
export interface DuckDbSinkOptions {
  /** Records buffered in memory before they are appended. Default 10 000 (issue 2 brief). */
  readonly chunkRecords?: number;
}

/** Buffered rows, column-major as the appender's data chunks want them. */
type Columns = [bigint[], number[], bigint[], number[], number[], string[]];
const emptyColumns = (): Columns => [[], [], [], [], [], []];

/**
 * Writes records to `events` in a DuckDB file, replacing any existing table.
 *
 * `write` is synchronous and only buffers; the database is opened asynchronously, so every
 * DuckDB call runs on one promise chain (never two at once). Once the database is open and
 * the chain is idle, a full buffer is appended at once (appends are synchronous native
 * calls), which keeps memory bounded even when the simulation loop never yields. Encoding
 * errors throw from `write`; database errors are kept and rethrown by `close()`.
 */
export class DuckDbSink implements TraceSink {
  /** The database file. */
  readonly path: string;
  /** Resolves once the table and appender exist; never rejects (errors go to `close`). */
  readonly ready: Promise<void>;
  private readonly chunkRecords: number;
  private instance: DuckDBInstance | undefined;
  private connection: DuckDBConnection | undefined;
  private appenders: TraceAppenders | undefined;
  private columns: Columns = emptyColumns();
  private readonly keys = new TraceRowKeys();
  private readonly layouts = new Map<string, EventLayout>();
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private failure: { error: unknown } | undefined;
  private closing: Promise<void> | undefined;

  constructor(path: string, options: DuckDbSinkOptions = {}) {
    this.path = path;
    this.chunkRecords = options.chunkRecords ?? 10_000;
    this.ready = this.enqueue(() => this.open());
  }

  /** Creates a sink and waits until the database is open, rejecting if it cannot be. */
  static async open(path: string, options: DuckDbSinkOptions = {}): Promise<DuckDbSink> {
    const sink = new DuckDbSink(path, options);
    await sink.ready;
    if (sink.failure) await sink.close();
    return sink;
  }

  private async open(): Promise<void> {
    this.instance = await DuckDBInstance.create(this.path);
    this.connection = await this.instance.connect();
    await createTraceTables(this.connection);
    this.appenders = await createTraceAppenders(this.connection);
  }

  private enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queued++;
    this.tail = this.tail.then(async () => {
      try {
        if (!this.failure) await task();
      } catch (error) {
        this.failure ??= { error };
      } finally {
        this.queued--;
      }
    });
    return this.tail;
  }

  /** Derives the typed view of each of the catalogue's event types (created at close). */
  registerEvents(catalogue: EventCatalogue): void {
    addLayouts(this.layouts, catalogue);
  }

  write(record: TraceRecord): void {
    if (this.closing) throw new Error(`trace: write after close (${this.path})`);
    checkHeader(record);
    this.keys.noteContext(record);
    const payload = canonicalJson(record.payload);
    const c = this.columns;
    c[0].push(BigInt(record.seq));
    c[1].push(record.episode);
    c[2].push(BigInt(record.slot));
    c[3].push(record.time);
    c[4].push(this.keys.kindOf(record.phase, record.type, record.actor));
    c[5].push(payload);
    if (c[0].length >= this.chunkRecords) this.flushBuffered();
  }

  private flushBuffered(): void {
    const cols = this.columns;
    if (cols[0].length === 0 && !this.keys.pending) return;
    const { kinds, episodes } = this.keys.take();
    this.columns = emptyColumns();
    const task = (): void => appendTraceBatch(this.appenders, kinds, episodes, cols);
    if (this.appenders && this.queued === 0 && !this.failure) {
      try {
        task();
      } catch (error) {
        this.failure = { error };
      }
    } else {
      this.enqueue(task);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    this.flushBuffered();
    const layouts = [...this.layouts.values()];
    this.enqueue(async () => {
      const appenders = this.appenders;
      this.appenders = undefined;
      if (appenders) for (const appender of [appenders.rows, appenders.episodes, appenders.kinds]) appender.closeSync();
      if (this.connection) await finishTraceTables(this.connection, layouts);
    });
    await this.tail;
    const appenders = this.appenders;
    const release = [appenders?.rows, appenders?.episodes, appenders?.kinds, this.connection, this.instance];
    this.appenders = this.connection = this.instance = undefined;
    for (const handle of release) {
      try {
        handle?.closeSync();
      } catch (error) {
        this.failure ??= { error };
      }
    }
    if (this.failure) throw this.failure.error;
  }
}
