/**
 * DuckDB trace storage (the default for runs, DESIGN.md "Traces and results"): an `events`
 * table (header, run context, payload as canonical JSON) appended in bulk through a DuckDB
 * appender. At close the sink adds one typed view per registered event type (`layout.ts`:
 * `buffer.updated` -> `buffer_updated`, its payload fields as typed columns) and stores their
 * layouts in `trace_columns`, so queries and exports need no catalogue.
 *
 * Why JSON text and views rather than typed tables: typed tables appended from JS were measured
 * slower to write (docs/performance.md, "Trace writing"): every BIGINT cell costs a BigInt and
 * every VARCHAR cell a native call in the appender, while one JSON cell per event is one call.
 */
import { DuckDBDataChunk, DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { EventCatalogue } from '../events/catalogue.ts';
import { canonicalJson, checkContext, checkHeader } from './canonical.ts';
import { COLUMNS_TABLE, layoutOf, sqlString, typedViewSql, type EventLayout } from './layout.ts';
import type { TraceRecord, TraceSink } from './record.ts';

/** The `events` table: the record fields in canonical order, the run context before the payload. */
export const EVENTS_TABLE_SQL =
  'CREATE OR REPLACE TABLE events(seq BIGINT, episode INTEGER, slot BIGINT, time DOUBLE, ' +
  'phase VARCHAR, type VARCHAR, actor VARCHAR, agent VARCHAR, stage VARCHAR, seed BIGINT, payload JSON)';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Options of {@link DuckDbSink}. */
export interface DuckDbSinkOptions {
  /** Records buffered in memory before they are appended. Default 10 000 (issue 2 brief). */
  readonly chunkRecords?: number;
}

/** Buffered rows, column-major as the appender's data chunks want them. */
type Columns = [bigint[], number[], bigint[], number[], string[], string[], string[], (string | null)[], (string | null)[], (bigint | null)[], string[]];
const emptyColumns = (): Columns => [[], [], [], [], [], [], [], [], [], [], []];

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
  private columns: Columns = emptyColumns();
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
    await this.connection.run(`DROP TABLE IF EXISTS ${COLUMNS_TABLE}`);
    await this.connection.run(EVENTS_TABLE_SQL);
    this.appender = await this.connection.createAppender('events');
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
    const taken = new Set([...this.layouts.values()].map((l) => l.table));
    for (const type of catalogue.types) {
      if (this.layouts.has(type)) continue;
      const layout = layoutOf(type, catalogue.spec(type).payload, taken);
      taken.add(layout.table);
      this.layouts.set(type, layout);
    }
  }

  write(record: TraceRecord): void {
    if (this.closing) throw new Error(`trace: write after close (${this.path})`);
    checkHeader(record);
    checkContext(record);
    const payload = canonicalJson(record.payload);
    const c = this.columns;
    c[0].push(BigInt(record.seq));
    c[1].push(record.episode);
    c[2].push(BigInt(record.slot));
    c[3].push(record.time);
    c[4].push(record.phase);
    c[5].push(record.type);
    c[6].push(record.actor);
    c[7].push(record.agent ?? null);
    c[8].push(record.stage ?? null);
    c[9].push(record.seed === undefined ? null : BigInt(record.seed));
    c[10].push(payload);
    if (c[0].length >= this.chunkRecords) this.flushBuffered();
  }

  private flushBuffered(): void {
    const cols = this.columns;
    if (cols[0].length === 0) return;
    this.columns = emptyColumns();
    if (this.appender && this.queued === 0 && !this.failure) {
      try {
        this.append(cols);
      } catch (error) {
        this.failure = { error };
      }
    } else {
      this.enqueue(() => this.append(cols));
    }
  }

  private append(cols: Columns): void {
    const appender = this.appender;
    if (!appender) throw new Error('trace: DuckDB appender is not open');
    const types = cols.map((_, i) => appender.columnType(i));
    const n = cols[0].length;
    for (let start = 0; start < n; start += CHUNK_ROWS) {
      const chunk = DuckDBDataChunk.create(types);
      chunk.setColumns(cols.map((col) => col.slice(start, start + CHUNK_ROWS)));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    this.flushBuffered();
    const layouts = [...this.layouts.values()];
    this.enqueue(async () => {
      const appender = this.appender;
      this.appender = undefined;
      appender?.closeSync();
      const c = this.connection;
      if (!c) return;
      await c.run(columnsTableSql(layouts));
      for (const layout of layouts) await c.run(typedViewSql(layout));
      // Folds the write-ahead log into the file so the trace is one self-contained file.
      await c.run('CHECKPOINT');
    });
    await this.tail;
    const release = [this.appender, this.connection, this.instance];
    this.appender = this.connection = this.instance = undefined;
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

/** `trace_columns`: every typed view's payload columns, so queries and exports rebuild the views' layouts without the catalogue. */
function columnsTableSql(layouts: readonly EventLayout[]): string {
  const rows = layouts.flatMap((l) =>
    l.columns.map((c, i) => `(${sqlString(l.type)}, ${sqlString(l.table)}, ${i}, ${sqlString(c.name)}, [${c.path.map(sqlString).join(', ')}]::VARCHAR[], ${sqlString(c.kind)}, ${c.optional})`),
  );
  const create = `CREATE OR REPLACE TABLE ${COLUMNS_TABLE} (type VARCHAR, table_name VARCHAR, position INTEGER, column_name VARCHAR, path VARCHAR[], kind VARCHAR, optional BOOLEAN)`;
  return rows.length ? `${create}; INSERT INTO ${COLUMNS_TABLE} VALUES ${rows.join(', ')}` : create;
}
