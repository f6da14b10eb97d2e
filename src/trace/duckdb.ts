/**
 * DuckDB trace storage (the default for runs, DESIGN.md "Traces and results"): an
 * `events` table appended in bulk through a DuckDB appender, read back ordered by `seq`,
 * exportable to Parquet.
 */
import { DuckDBDataChunk, DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { canonicalJson, checkHeader } from './canonical.ts';
import { TraceRecordSchema, type TraceRecord, type TraceSink } from './record.ts';

/** The `events` table; column order is the `TraceRecord` field order. */
export const EVENTS_TABLE_SQL =
  'CREATE OR REPLACE TABLE events(seq BIGINT, episode INTEGER, slot BIGINT, time DOUBLE, ' +
  'phase VARCHAR, type VARCHAR, actor VARCHAR, payload JSON)';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Options of {@link DuckDbSink}. */
export interface DuckDbSinkOptions {
  /** Records buffered in memory before they are appended. Default 10 000 (issue 2 brief). */
  readonly chunkRecords?: number;
}

/** Buffered rows, column-major as the appender's data chunks want them. */
type Columns = [bigint[], number[], bigint[], number[], string[], string[], string[], string[]];
const emptyColumns = (): Columns => [[], [], [], [], [], [], [], []];

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

  write(record: TraceRecord): void {
    if (this.closing) throw new Error(`trace: write after close (${this.path})`);
    checkHeader(record);
    const payload = canonicalJson(record.payload);
    const c = this.columns;
    c[0].push(BigInt(record.seq));
    c[1].push(record.episode);
    c[2].push(BigInt(record.slot));
    c[3].push(record.time);
    c[4].push(record.phase);
    c[5].push(record.type);
    c[6].push(record.actor);
    c[7].push(payload);
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
    this.enqueue(async () => {
      const appender = this.appender;
      this.appender = undefined;
      appender?.closeSync();
      // Folds the write-ahead log into the file so the trace is one self-contained file.
      await this.connection?.run('CHECKPOINT');
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

/** Opens a trace database read-only for `use`, always releasing it. */
async function withReadOnly<T>(path: string, use: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      return await use(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

function toRecord(row: readonly unknown[], path: string): TraceRecord {
  const [seq, episode, slot, time, phase, type, actor, payload] = row;
  const candidate = {
    seq: typeof seq === 'bigint' ? Number(seq) : seq,
    episode,
    slot: typeof slot === 'bigint' ? Number(slot) : slot,
    time,
    phase,
    type,
    actor,
    payload: typeof payload === 'string' ? JSON.parse(payload) : payload,
  };
  const parsed = TraceRecordSchema.safeParse(candidate);
  if (!parsed.success) throw new Error(`trace: ${path}: invalid record seq=${String(seq)}: ${parsed.error.message}`);
  return parsed.data;
}

/** Reads the `events` table of a trace database ordered by `seq`, validating each row. */
export async function* readDuckDb(path: string): AsyncIterable<TraceRecord> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      const result = await connection.stream(
        'SELECT seq, episode, slot, time, phase, type, actor, payload FROM events ORDER BY seq',
      );
      for await (const rows of result.yieldRows()) {
        for (const row of rows) yield toRecord(row, path);
      }
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** SQL string literal (single quotes doubled). */
const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Writes the `events` table, ordered by `seq`, to a Parquet file; returns the row count. */
export function exportParquet(dbPath: string, outPath: string): Promise<number> {
  return withReadOnly(dbPath, async (c) => {
    const result = await c.run(`COPY (SELECT * FROM events ORDER BY seq) TO ${sqlString(outPath)} (FORMAT parquet)`);
    return result.rowsChanged;
  });
}
