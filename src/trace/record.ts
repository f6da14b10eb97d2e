/**
 * The trace record: one line of the simulation's event log, shared by every sink.
 *
 * The field order of {@link TraceRecord} is also the key order of the canonical JSON form
 * (see `canonical.ts`) and the column order of the DuckDB `events` table, so the three
 * must change together.
 */
import { z } from 'zod';

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
}

/** Where trace records go. `write` is synchronous so emitters never await. */
export interface TraceSink {
  /** Records one event. Throws on records that cannot be encoded (see `canonical.ts`). */
  write(record: TraceRecord): void;
  /** Flush and close; resolves when durable, rejects with the first deferred error. */
  close(): Promise<void>;
}

/** The record fields in canonical order. */
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
});

/** A record as it comes out of a reader: the payload is a parsed JSON value. */
export type StoredTraceRecord = z.infer<typeof TraceRecordSchema>;
