/**
 * The messages between {@link DuckDbWorkerSink} (simulation thread) and its writer thread
 * (`duckdb-writer.worker.ts`), and the shared control words both sides update.
 */
import type { EventLayout } from './layout.ts';
import type { EncodedPayloads } from './payload-codec.ts';
import type { EpisodeColumns, KindColumns } from './row-keys.ts';

/** Indices into the shared `Int32Array` of control words. */
export const CONTROL = {
  /** Requests (batches, views) posted and not yet done (the simulation thread waits while there are too many). */
  pending: 0,
  /** Set to 1 by the writer on its first error. */
  failed: 1,
} as const;
export const CONTROL_WORDS = 2;

export interface WorkerData {
  /** The database file. */
  readonly path: string;
  /** A `SharedArrayBuffer` of {@link CONTROL_WORDS} `Int32` words. */
  readonly control: SharedArrayBuffer;
  /** The path of `@duckdb/node-bindings` (see `duckdb-native.ts`). */
  readonly bindings: string;
  /** Test hook: the writer fails on this batch (1-based). */
  readonly failAt?: number;
  /** Rows per row group of `event_rows`; the writer checkpoints each time one is full. */
  readonly rowGroupRows: number;
}

/** One batch of events, column-major; the typed arrays' buffers are transferred. */
export interface WorkerBatch {
  readonly op: 'batch';
  readonly count: number;
  readonly seq: Float64Array<ArrayBuffer>;
  readonly episode: Int32Array<ArrayBuffer>;
  readonly slot: Float64Array<ArrayBuffer>;
  readonly time: Float64Array<ArrayBuffer>;
  readonly kind: Int32Array<ArrayBuffer>;
  readonly payloads: EncodedPayloads;
  /** Kinds and episodes first seen in this batch (appended before its events). */
  readonly kinds: KindColumns;
  readonly episodes: EpisodeColumns;
}

/** Typed views to create now (event types registered since the last such request), while the simulation runs. */
export interface WorkerViews {
  readonly op: 'views';
  readonly layouts: readonly EventLayout[];
}

/** Every layout: the `trace_columns` table, and the views not created yet. */
export interface WorkerClose {
  readonly op: 'close';
  readonly layouts: readonly EventLayout[];
}

export type WorkerRequest = WorkerBatch | WorkerViews | WorkerClose;

export type WorkerReply =
  | { readonly op: 'ready' }
  /** Every request posted so far is done. */
  | { readonly op: 'idle' }
  /** DuckDB is released (the file closed, or abandoned after an error): the thread may be terminated. */
  | { readonly op: 'closed' }
  | { readonly op: 'error'; readonly name: string; readonly message: string; readonly stack?: string };
