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
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { EventCatalogue } from '../events/catalogue.ts';
import { canonicalJson, checkContext, checkHeader, TraceEncodingError } from './canonical.ts';
import { appendColumns, columnsTableSql, EPISODES_TABLE_SQL, EVENTS_TABLE_SQL, EVENTS_VIEW_SQL, KINDS_TABLE_SQL } from './duckdb-schema.ts';
import { COLUMNS_TABLE, EPISODES_TABLE, EVENT_ROWS_TABLE, EVENTS_VIEW, KINDS_TABLE, addLayouts, typedViewSql, type EventLayout } from './layout.ts';
import type { TraceContext, TraceRecord, TraceSink } from './record.ts';

/** Options of {@link DuckDbSink}. */
export interface DuckDbSinkOptions {
  /** Records buffered in memory before they are appended. Default 10 000 (issue 2 brief). */
  readonly chunkRecords?: number;
}

/** Buffered rows, column-major as the appender's data chunks want them. */
type Columns = [bigint[], number[], bigint[], number[], number[], string[]];
const emptyColumns = (): Columns => [[], [], [], [], [], []];
type KindColumns = [number[], string[], string[], string[]];
const emptyKinds = (): KindColumns => [[], [], [], []];
type EpisodeColumns = [number[], (string | null)[], (string | null)[], (bigint | null)[]];
const emptyEpisodes = (): EpisodeColumns => [[], [], [], []];

/** A record's context, or `undefined` fields when it has none. */
type Context = Partial<TraceContext>;
const sameContext = (a: Context, b: Context): boolean => a.agent === b.agent && a.stage === b.stage && a.seed === b.seed;
const describe = (c: Context): string => (c.agent === undefined && c.stage === undefined && c.seed === undefined ? 'none' : `${c.agent}/${c.stage}/${c.seed}`);

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
  private appender: DuckDBAppender | undefined;
  private episodeAppender: DuckDBAppender | undefined;
  private kindAppender: DuckDBAppender | undefined;
  private columns: Columns = emptyColumns();
  private newKinds: KindColumns = emptyKinds();
  /** Kind keys by type, actor and phase (nested maps: no key string is built per event). */
  private readonly kinds = new Map<string, Map<string, Map<string, number>>>();
  private kindCount = 0;
  private episodes: EpisodeColumns = emptyEpisodes();
  /** Every episode's context so far, and the last record's episode and context (the fast path). */
  private readonly contexts = new Map<number, Context>();
  private lastEpisode = NaN;
  private lastContext: Context = {};
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
    // An old trace's views and layouts must not survive into this one.
    const old = await this.connection.runAndReadAll("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'");
    for (const [name] of old.getRows()) await this.connection.run(`DROP VIEW ${JSON.stringify(String(name))}`);
    // Traces written before the episodes table had `events` as a table.
    for (const table of [COLUMNS_TABLE, EVENTS_VIEW]) await this.connection.run(`DROP TABLE IF EXISTS ${table}`);
    await this.connection.run(EVENTS_TABLE_SQL);
    await this.connection.run(EPISODES_TABLE_SQL);
    await this.connection.run(KINDS_TABLE_SQL);
    await this.connection.run(EVENTS_VIEW_SQL);
    this.appender = await this.connection.createAppender(EVENT_ROWS_TABLE);
    this.episodeAppender = await this.connection.createAppender(EPISODES_TABLE);
    this.kindAppender = await this.connection.createAppender(KINDS_TABLE);
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
    const last = this.lastContext;
    if (record.episode !== this.lastEpisode || record.agent !== last.agent || record.stage !== last.stage || record.seed !== last.seed) this.noteContext(record);
    const payload = canonicalJson(record.payload);
    const c = this.columns;
    c[0].push(BigInt(record.seq));
    c[1].push(record.episode);
    c[2].push(BigInt(record.slot));
    c[3].push(record.time);
    c[4].push(this.kindOf(record.phase, record.type, record.actor));
    c[5].push(payload);
    if (c[0].length >= this.chunkRecords) this.flushBuffered();
  }

  /** The key of a (phase, type, actor) combination, added to the kinds on first sight. */
  private kindOf(phase: string, type: string, actor: string): number {
    let byActor = this.kinds.get(type);
    if (!byActor) this.kinds.set(type, (byActor = new Map()));
    let byPhase = byActor.get(actor);
    if (!byPhase) byActor.set(actor, (byPhase = new Map()));
    let kind = byPhase.get(phase);
    if (kind === undefined) {
      byPhase.set(phase, (kind = this.kindCount++));
      const k = this.newKinds;
      k[0].push(kind);
      k[1].push(phase);
      k[2].push(type);
      k[3].push(actor);
    }
    return kind;
  }

  /** Records the context of a record's episode when it is new; throws when the episode already has another. */
  private noteContext(record: TraceRecord): void {
    checkContext(record);
    const context: Context = { agent: record.agent, stage: record.stage, seed: record.seed };
    const known = this.contexts.get(record.episode);
    if (known === undefined) {
      this.contexts.set(record.episode, context);
      const e = this.episodes;
      e[0].push(record.episode);
      e[1].push(context.agent ?? null);
      e[2].push(context.stage ?? null);
      e[3].push(context.seed === undefined ? null : BigInt(context.seed));
    } else if (!sameContext(known, context)) {
      throw new TraceEncodingError('agent', `episode ${record.episode} already has run context ${describe(known)}, not ${describe(context)} (a DuckDB trace stores one context per episode)`);
    }
    this.lastEpisode = record.episode;
    this.lastContext = context;
  }

  private flushBuffered(): void {
    const cols = this.columns;
    const episodes = this.episodes;
    const kinds = this.newKinds;
    if (cols[0].length === 0 && episodes[0].length === 0) return;
    this.columns = emptyColumns();
    this.episodes = emptyEpisodes();
    this.newKinds = emptyKinds();
    const task = (): void => {
      appendColumns(this.kindAppender, kinds);
      appendColumns(this.episodeAppender, episodes);
      appendColumns(this.appender, cols);
    };
    if (this.appender && this.queued === 0 && !this.failure) {
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
      const appenders = [this.appender, this.episodeAppender, this.kindAppender];
      this.appender = this.episodeAppender = this.kindAppender = undefined;
      for (const appender of appenders) appender?.closeSync();
      const c = this.connection;
      if (!c) return;
      await c.run(columnsTableSql(layouts));
      for (const layout of layouts) await c.run(typedViewSql(layout));
      // Folds the write-ahead log into the file so the trace is one self-contained file.
      await c.run('CHECKPOINT');
    });
    await this.tail;
    const release = [this.appender, this.episodeAppender, this.kindAppender, this.connection, this.instance];
    this.appender = this.episodeAppender = this.kindAppender = this.connection = this.instance = undefined;
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
