/**
 * The messages between {@link DuckDbWorkerSink} (simulation thread) and its writer thread
 * (`duckdb-writer.worker.ts`), and the shared control words both sides update.
 */
import type { EventLayout } from './layout.ts';
import type { EncodedPayloads } from './payload-codec.ts';
import type { EpisodeColumns, KindColumns } from './row-keys.ts';

/** Indices into the shared `Int32Array` of control words. */
export const CONTROL = {
  /** Batches posted and not yet appended (the simulation thread waits while there are too many). */
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

export type WorkerRequest = WorkerBatch | { readonly op: 'close'; readonly layouts: readonly EventLayout[] };

export type WorkerReply =
  | { readonly op: 'ready' }
  /** Every batch posted so far is appended. */
  | { readonly op: 'idle' }
  | { readonly op: 'closed' }
  | { readonly op: 'error'; readonly name: string; readonly message: string; readonly stack?: string };
