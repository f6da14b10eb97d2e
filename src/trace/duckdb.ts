/**
 * DuckDB trace storage (the default for runs, DESIGN.md "Traces and results"): one typed table
 * per event type (columns derived from the event catalogue, see `layout.ts`), appended in bulk
 * through DuckDB appenders; `trace_untyped` holds events of unregistered types or payloads that
 * do not fit their table, as canonical JSON. At close the sink writes `trace_columns` (the
 * layouts, so a reader needs no catalogue) and the `events` view over all of them.
 */
import { rm } from 'node:fs/promises';
import { DuckDBDataChunk, DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { EventCatalogue } from '../events/catalogue.ts';
import { canonicalJson, checkContext, checkHeader } from './canonical.ts';
import { TypedColumns } from './columns.ts';
import { COLUMNS_TABLE, EVENTS_VIEW, HEADER_COLUMNS, UNTYPED_TABLE, createTableSql, layoutOf, sqlIdent, sqlString, type EventLayout, type PayloadColumn } from './layout.ts';
import type { TraceRecord, TraceSink } from './record.ts';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Options of {@link DuckDbSink}. */
export interface DuckDbSinkOptions {
  /** Records buffered in memory (over all tables) before they are appended. Default 10 000 (issue 2 brief). */
  readonly chunkRecords?: number;
}

const UNTYPED_SQL =
  `CREATE OR REPLACE TABLE ${UNTYPED_TABLE} (${HEADER_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}, type VARCHAR, payload JSON)`;

/** One table's rows, column-major, ready for the appender. */
interface Batch {
  readonly table: string;
  readonly columns: DuckDBValue[][];
}

/**
 * Writes records to typed tables of a DuckDB file, replacing any existing file.
 *
 * `write` is synchronous and only buffers; the database is opened asynchronously, so every
 * DuckDB call runs on one promise chain (never two at once). Once every table of a flush exists
 * and the chain is idle, the buffered rows are appended at once (appends are synchronous native
 * calls), which keeps memory bounded even when the simulation loop never yields. Encoding
 * errors throw from `write`; database errors are kept and rethrown by `close()`.
 */
export class DuckDbSink implements TraceSink {
  /** The database file. */
  readonly path: string;
  /** Resolves once the database is open; never rejects (errors go to `close`). */
  readonly ready: Promise<void>;
  private readonly chunkRecords: number;
  private instance: DuckDBInstance | undefined;
  private connection: DuckDBConnection | undefined;
  private readonly catalogues: EventCatalogue[] = [];
  /** Per event type: its columns, or null while it is unregistered (stored untyped). */
  private readonly typed = new Map<string, TypedColumns | null>();
  private readonly tables = new Set<string>();
  private readonly appenders = new Map<string, { appender: DuckDBAppender; types: DuckDBType[] }>();
  private untyped: DuckDBValue[][] = emptyUntyped();
  private buffered = 0;
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
    // A fresh file: an old trace's tables of other event types must not survive into this one.
    await Promise.all([rm(this.path, { force: true }), rm(`${this.path}.wal`, { force: true })]);
    this.instance = await DuckDBInstance.create(this.path);
    this.connection = await this.instance.connect();
    await this.createTable(UNTYPED_TABLE, UNTYPED_SQL);
  }

  private async createTable(table: string, sql: string): Promise<void> {
    const c = this.connection;
    if (!c) throw new Error('trace: DuckDB connection is not open');
    await c.run(sql);
    const appender = await c.createAppender(table);
    this.appenders.set(table, { appender, types: Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i)) });
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

  registerEvents(catalogue: EventCatalogue): void {
    if (this.catalogues.includes(catalogue)) return;
    this.catalogues.push(catalogue);
    for (const [type, w] of this.typed) if (w === null) this.typed.delete(type);
    for (const type of catalogue.types) this.columnsOf(type);
  }

  /** The typed columns of an event type (its table created on first sight); undefined if unregistered. */
  private columnsOf(type: string): TypedColumns | undefined {
    const known = this.typed.get(type);
    if (known !== undefined) return known ?? undefined;
    const catalogue = this.catalogues.find((c) => c.has(type));
    if (!catalogue) {
      this.typed.set(type, null);
      return undefined;
    }
    const layout = layoutOf(type, catalogue.spec(type).payload, this.tables);
    this.tables.add(layout.table);
    const columns = new TypedColumns(layout);
    this.typed.set(type, columns);
    this.enqueue(() => this.createTable(layout.table, createTableSql(layout)));
    return columns;
  }

  write(record: TraceRecord): void {
    if (this.closing) throw new Error(`trace: write after close (${this.path})`);
    checkHeader(record);
    checkContext(record);
    const columns = this.columnsOf(record.type);
    if (!columns || !columns.push(record)) this.pushUntyped(record);
    if (++this.buffered >= this.chunkRecords) this.flushBuffered();
  }

  private pushUntyped(record: TraceRecord): void {
    const payload = canonicalJson(record.payload);
    const row: DuckDBValue[] = [BigInt(record.seq), record.episode, BigInt(record.slot), record.time, record.phase, record.actor, record.agent ?? null, record.stage ?? null, record.seed === undefined ? null : BigInt(record.seed), record.type, payload];
    row.forEach((v, i) => this.untyped[i].push(v));
  }

  private flushBuffered(): void {
    this.buffered = 0;
    const batches: Batch[] = [];
    for (const columns of this.typed.values()) if (columns && columns.rows > 0) batches.push({ table: columns.layout.table, columns: columns.take() });
    if (this.untyped[0].length > 0) {
      batches.push({ table: UNTYPED_TABLE, columns: this.untyped });
      this.untyped = emptyUntyped();
    }
    if (batches.length === 0) return;
    if (this.queued === 0 && !this.failure && batches.every((b) => this.appenders.has(b.table))) {
      try {
        this.append(batches);
      } catch (error) {
        this.failure = { error };
      }
    } else {
      this.enqueue(() => this.append(batches));
    }
  }

  private append(batches: readonly Batch[]): void {
    for (const { table, columns } of batches) {
      const target = this.appenders.get(table);
      if (!target) throw new Error(`trace: DuckDB appender of ${table} is not open`);
      const n = columns[0].length;
      for (let start = 0; start < n; start += CHUNK_ROWS) {
        const chunk = DuckDBDataChunk.create(target.types);
        chunk.setColumns(columns.map((col) => col.slice(start, start + CHUNK_ROWS)));
        target.appender.appendDataChunk(chunk);
      }
      target.appender.flushSync();
    }
  }

  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    this.flushBuffered();
    const layouts = [...this.typed.values()].flatMap((c) => (c ? [c.layout] : []));
    this.enqueue(async () => {
      for (const { appender } of this.appenders.values()) appender.closeSync();
      this.appenders.clear();
      const c = this.connection;
      if (!c) return;
      await c.run(columnsTableSql(layouts));
      await c.run(eventsViewSql(layouts));
      // Folds the write-ahead log into the file so the trace is one self-contained file.
      await c.run('CHECKPOINT');
    });
    await this.tail;
    const release = [...[...this.appenders.values()].map((a) => a.appender), this.connection, this.instance];
    this.appenders.clear();
    this.connection = this.instance = undefined;
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

function emptyUntyped(): DuckDBValue[][] {
  return Array.from({ length: HEADER_COLUMNS.length + 2 }, () => []);
}

/** `trace_columns`: every typed table's payload columns, so a reader rebuilds payloads without the catalogue. */
function columnsTableSql(layouts: readonly EventLayout[]): string {
  const rows = layouts.flatMap((l) =>
    l.columns.map((c, i) => `(${sqlString(l.type)}, ${sqlString(l.table)}, ${i}, ${sqlString(c.name)}, [${c.path.map(sqlString).join(', ')}]::VARCHAR[], ${sqlString(c.kind)}, ${c.optional})`),
  );
  const create = `CREATE OR REPLACE TABLE ${COLUMNS_TABLE} (type VARCHAR, table_name VARCHAR, position INTEGER, column_name VARCHAR, path VARCHAR[], kind VARCHAR, optional BOOLEAN)`;
  return rows.length ? `${create}; INSERT INTO ${COLUMNS_TABLE} VALUES ${rows.join(', ')}` : create;
}

/** The payload of a typed row as a JSON expression (nested objects rebuilt from their paths). */
function payloadSql(columns: readonly PayloadColumn[], depth = 0): string {
  if (columns.length === 1 && columns[0].path.length === 0) return sqlIdent(columns[0].name);
  const keys = [...new Set(columns.map((c) => c.path[depth]))];
  const parts = keys.map((k) => {
    const under = columns.filter((c) => c.path[depth] === k);
    const value = under.length === 1 && under[0].path.length === depth + 1 ? sqlIdent(under[0].name) : payloadSql(under, depth + 1);
    return `${sqlString(k)}, ${value}`;
  });
  return `json_object(${parts.join(', ')})`;
}

/** `events`: every event (typed tables and untyped) with its type and its payload as JSON. */
export function eventsViewSql(layouts: readonly EventLayout[]): string {
  const head = HEADER_COLUMNS.map(([n]) => n);
  const order = (type: string, payload: string): string => [...head.slice(0, 5), type, ...head.slice(5), payload].join(', ');
  const selects = layouts.map((l) => `SELECT ${order(`${sqlString(l.type)} AS type`, `${payloadSql(l.columns)}::JSON AS payload`)} FROM ${sqlIdent(l.table)}`);
  selects.push(`SELECT ${order('type', 'payload')} FROM ${UNTYPED_TABLE}`);
  return `CREATE OR REPLACE VIEW ${EVENTS_VIEW} AS ${selects.join(' UNION ALL ')}`;
}
