/**
 * The trace writer thread's access to DuckDB: the C API bindings (`@duckdb/node-bindings`,
 * which `@duckdb/node-api` is built on) rather than `@duckdb/node-api` itself. Why: loading
 * node-api's JavaScript into a fresh thread cost about 300 ms of CPU per trace (it is already
 * loaded on the main thread), and its vectors are filled value by value, where the bindings copy
 * a whole numeric column into a data chunk in one call (docs/performance.md, "Trace writing").
 * Only `event_rows` is appended this way (numbers and one VARCHAR column, never NULL); the few
 * kinds and episodes rows go in as SQL `INSERT`s.
 */
import { createRequire } from 'node:module';
import type * as Bindings from '@duckdb/node-bindings';

/** Where the bindings are, as `@duckdb/node-api` resolves them (so the two never differ in version). */
export function bindingsPath(): string {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@duckdb/node-api')).resolve('@duckdb/node-bindings');
}

/** Loads the bindings found by {@link bindingsPath} (the writer thread gets the path from its parent: it may run as a bundle elsewhere). */
export function loadBindings(path: string): typeof Bindings {
  return createRequire(path)(path) as typeof Bindings;
}

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Column storage of {@link EventRows}: what `event_rows` holds, in its column order. */
export interface EventRows {
  readonly count: number;
  readonly seq: Float64Array<ArrayBuffer>;
  readonly episode: Int32Array<ArrayBuffer>;
  readonly slot: Float64Array<ArrayBuffer>;
  readonly time: Float64Array<ArrayBuffer>;
  readonly kind: Int32Array<ArrayBuffer>;
  readonly payload: readonly string[];
}

/** Writes safe integers into BIGINT (little-endian two's complement) words. */
function toInt64(from: Float64Array, n: number, to: Uint32Array): void {
  for (let i = 0; i < n; i++) {
    const x = from[i];
    const hi = Math.floor(x / 4294967296);
    to[2 * i] = x - hi * 4294967296;
    to[2 * i + 1] = hi;
  }
}

/** An appender for `event_rows`(seq BIGINT, episode INTEGER, slot BIGINT, time DOUBLE, kind INTEGER, payload VARCHAR). */
export class EventRowsAppender {
  private readonly duckdb: typeof Bindings;
  private readonly appender: Bindings.Appender;
  private readonly chunk: Bindings.DataChunk;
  private readonly seq = new Uint32Array(2 * CHUNK_ROWS);
  private readonly slot = new Uint32Array(2 * CHUNK_ROWS);

  constructor(duckdb: typeof Bindings, connection: Bindings.Connection, table: string) {
    this.duckdb = duckdb;
    this.appender = duckdb.appender_create(connection, null, table);
    const types = Array.from({ length: duckdb.appender_column_count(this.appender) }, (_, i) => duckdb.appender_column_type(this.appender, i));
    this.chunk = duckdb.create_data_chunk(types);
  }

  /** Appends rows `from .. to` of `rows` and flushes them to the table (one commit). */
  append(rows: EventRows, from = 0, to = rows.count): void {
    const d = this.duckdb;
    const chunk = this.chunk;
    for (let start = from; start < to; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, to - start);
      d.data_chunk_reset(chunk);
      const vector = (i: number): Bindings.Vector => d.data_chunk_get_vector(chunk, i);
      toInt64(rows.seq.subarray(start), n, this.seq);
      toInt64(rows.slot.subarray(start), n, this.slot);
      d.copy_data_to_vector(vector(0), 0, this.seq.buffer, 0, 8 * n);
      d.copy_data_to_vector(vector(1), 0, rows.episode.buffer, rows.episode.byteOffset + 4 * start, 4 * n);
      d.copy_data_to_vector(vector(2), 0, this.slot.buffer, 0, 8 * n);
      d.copy_data_to_vector(vector(3), 0, rows.time.buffer, rows.time.byteOffset + 8 * start, 8 * n);
      d.copy_data_to_vector(vector(4), 0, rows.kind.buffer, rows.kind.byteOffset + 4 * start, 4 * n);
      const payload = vector(5);
      for (let i = 0; i < n; i++) d.vector_assign_string_element(payload, i, rows.payload[start + i]);
      d.data_chunk_set_size(chunk, n);
      d.append_data_chunk(this.appender, chunk);
    }
    d.appender_flush_sync(this.appender);
  }

  close(): void {
    this.duckdb.appender_close_sync(this.appender);
  }
}
