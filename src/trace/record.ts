/**
 * The trace record: one line of the simulation's event log, shared by every sink.
 *
 * The field order of {@link TraceRecord} (`TRACE_FIELDS`) is also the key order of the
 * canonical JSON form (see `canonical.ts`), which the trace hash is computed over. The run
 * context (`agent`, `stage`, `seed`, see {@link TraceContext}) is stored beside every event
 * but is not part of the hash: the hash stays a function of the event stream alone.
 */
import { z } from 'zod';
import type { EventCatalogue } from '../events/catalogue.ts';

/** One recorded simulation event. */
export interface TraceRecord {
  /** Global order, strictly increasing within a trace (a safe integer). */
  readonly seq: number;
  /** Episode index (fits a 32-bit signed integer: the DuckDB column is `INTEGER`). */
  readonly episode: number;
  /** Slot index (a safe integer). */
  readonly slot: number;
  /** Simulated time in seconds (finite). */
  readonly time: number;
  /** Slot phase: `'slot.start'`, `'channel'`, `'traffic'`, ..., `'episode.end'`. */
  readonly phase: string;
  /** Namespaced event type, e.g. `'channel.evolved'`. */
  readonly type: string;
  /** Emitting actor id, e.g. `'bs/0'`, `'user/3'`, `'controller'`. */
  readonly actor: string;
  /**
   * A plain JSON value. Sinks convert typed arrays to plain arrays and reject what JSON
   * cannot hold exactly (see `canonical.ts`).
   */
  readonly payload: unknown;
  /** The agent (by its catalogue name, e.g. `'ddpg'`) whose run the event belongs to; absent outside a run. */
  readonly agent?: string;
  /** Whether the event happened while training or evaluating that agent; absent outside a run. */
  readonly stage?: TraceStage;
  /**
   * The seed the episode belongs to: the evaluation seed (as in `summary.json`'s `evalSeeds`)
   * for an evaluation episode, the episode's own seed for a training episode; absent outside a run.
   */
  readonly seed?: number;
}

/** The run stages a traced event can belong to. */
export type TraceStage = 'train' | 'eval';

/** The run context stamped on every event (see `context.ts`). */
export interface TraceContext {
  readonly agent: string;
  readonly stage: TraceStage;
  readonly seed: number;
}

/** The context fields, in the order they are stored (after `actor`, before `payload`). */
export const TRACE_CONTEXT_FIELDS = ['agent', 'stage', 'seed'] as const;

/** Where trace records go. `write` is synchronous so emitters never await. */
export interface TraceSink {
  /** Records one event. Throws on records that cannot be encoded (see `canonical.ts`). */
  write(record: TraceRecord): void;
  /**
   * Learns the event types a simulation can emit and their payload schemas (called by every
   * `Simulation` built with this sink, before its first event). Sinks that store typed columns
   * derive them from it; wrappers forward it. Optional: a sink may ignore schemas.
   */
  registerEvents?(catalogue: EventCatalogue): void;
  /** Flush and close; resolves when durable, rejects with the first deferred error. */
  close(): Promise<void>;
}

/** The record fields in canonical order (the hashed fields; the context is not among them). */
export const TRACE_FIELDS = ['seq', 'episode', 'slot', 'time', 'phase', 'type', 'actor', 'payload'] as const;

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** True for a JSON value: finite numbers, strings, booleans, null, arrays, plain objects. */
function isJsonValue(v: unknown): v is JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJsonValue);
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && Object.values(v as object).every(isJsonValue);
}

/**
 * Validates a record read back from storage. Strict: unknown fields are an error, because
 * the canonical form (and so the trace hash) would silently drop them.
 */
export const TraceRecordSchema = z.strictObject({
  seq: z.int(),
  episode: z.int32(),
  slot: z.int(),
  time: z.number(),
  phase: z.string(),
  type: z.string(),
  actor: z.string(),
  // Checked in place rather than with z.json(), which rebuilds objects and drops an own
  // "__proto__" key that JSON.parse keeps (a payload must round-trip exactly).
  payload: z.custom<JsonValue>(isJsonValue, { message: 'payload must be a JSON value' }),
  agent: z.string().optional(),
  stage: z.enum(['train', 'eval']).optional(),
  seed: z.int().optional(),
});

/** A record as it comes out of a reader: the payload is a parsed JSON value. */
export type StoredTraceRecord = z.infer<typeof TraceRecordSchema>;
