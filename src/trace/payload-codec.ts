/**
 * A compact, transferable encoding of trace payloads, so the simulation thread does not build
 * canonical JSON (the largest part of a DuckDB trace's cost on that thread, docs/performance.md
 * "Trace writing"): the encoder walks the payload once and writes tags and numbers into a
 * `Float64Array`; the writer thread decodes it straight into the canonical JSON text that
 * `canonicalJson` would have produced, byte for byte (keys sorted there, numbers by the same
 * `JSON.stringify`), so the stored payloads and the trace hash are unchanged.
 *
 * This file holds the op tags and the encoder; `payload-decoder.ts` the decoder.
 *
 * Only plain JSON shapes take the fast path: finite numbers, strings, booleans, null, arrays
 * without holes, plain objects, and number typed arrays. Anything else (a non-finite number,
 * `undefined` in an array, a class instance, a cycle, ...) is handed to `canonicalJson` on the
 * simulation thread, which either throws the usual `TraceEncodingError` from `write` or returns
 * the text, stored as is. So errors stay synchronous and name the same path as before.
 */
import { canonicalJson } from './canonical.ts';

export const NUM = 0;
export const STR = 1;
export const TRUE = 2;
export const FALSE = 3;
export const NULL = 4;
export const ARRAY = 5;
export const TYPED = 6;
export const OBJECT = 7;
/** Text already encoded by `canonicalJson` (the slow path). */
export const TEXT = 8;

/** Deeper than this is treated as a possible cycle and left to `canonicalJson`. */
const MAX_DEPTH = 64;

/** Thrown inside the encoder to abandon the fast path; never escapes it. */
const SLOW = Symbol('slow path');

/** One batch of encoded payloads: the op stream, the strings it refers to, and the object keys new since the last batch. */
export interface EncodedPayloads {
  /** The op stream is `ops[0 .. length)`. */
  readonly ops: Float64Array<ArrayBuffer>;
  readonly length: number;
  readonly strings: string[];
  readonly newKeys: string[];
}

/** Encodes payloads on the simulation thread (see the module comment). */
export class PayloadEncoder {
  private ops: Float64Array<ArrayBuffer>;
  private at = 0;
  private strings: string[] = [];
  private readonly keyIds = new Map<string, number>();
  private newKeys: string[] = [];

  constructor(initialOps = 1 << 16) {
    this.ops = new Float64Array(initialOps);
  }

  /** Appends one payload. Throws `TraceEncodingError` (and appends nothing) when it has no canonical JSON form. */
  encode(payload: unknown): void {
    const start = this.at;
    const stringCount = this.strings.length;
    try {
      this.value(payload, 0);
    } catch (err) {
      if (err !== SLOW) throw err;
      this.at = start;
      this.strings.length = stringCount;
      const text = canonicalJson(payload); // throws the precise error, or is the exact text
      this.reserve(2);
      this.ops[this.at++] = TEXT;
      this.ops[this.at++] = this.strings.push(text) - 1;
    }
  }

  /** The batch so far (its buffer can be transferred); the encoder starts a new one. */
  take(): EncodedPayloads {
    // The whole buffer, not a copy of its used part: copying took more time than a fresh (lazily zeroed) one.
    const batch = { ops: this.ops, length: this.at, strings: this.strings, newKeys: this.newKeys };
    this.ops = new Float64Array(this.ops.length);
    this.at = 0;
    this.strings = [];
    this.newKeys = [];
    return batch;
  }

  private reserve(n: number): void {
    if (this.at + n <= this.ops.length) return;
    const grown = new Float64Array(Math.max(this.ops.length * 2, this.at + n));
    grown.set(this.ops.subarray(0, this.at));
    this.ops = grown;
  }

  private value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'number':
        if (v - v !== 0) throw SLOW; // NaN or an infinity
        this.reserve(2);
        this.ops[this.at++] = NUM;
        this.ops[this.at++] = v;
        return;
      case 'string':
        this.reserve(2);
        this.ops[this.at++] = STR;
        this.ops[this.at++] = this.strings.push(v) - 1;
        return;
      case 'boolean':
        this.reserve(1);
        this.ops[this.at++] = v ? TRUE : FALSE;
        return;
      case 'object':
        if (v === null) {
          this.reserve(1);
          this.ops[this.at++] = NULL;
          return;
        }
        if (depth >= MAX_DEPTH) throw SLOW;
        if (Array.isArray(v)) return this.array(v, depth);
        if (ArrayBuffer.isView(v)) return this.typed(v);
        if (Object.getPrototypeOf(v) !== Object.prototype) throw SLOW;
        return this.object(v as Record<string, unknown>, depth);
      default:
        throw SLOW;
    }
  }

  private array(v: readonly unknown[], depth: number): void {
    const n = v.length;
    this.reserve(2);
    this.ops[this.at++] = ARRAY;
    this.ops[this.at++] = n;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x === undefined) throw SLOW;
      this.value(x, depth + 1);
    }
  }

  private typed(v: ArrayBufferView): void {
    if (!(v instanceof Float64Array || v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array || v instanceof Int16Array || v instanceof Uint16Array || v instanceof Int8Array || v instanceof Uint32Array || v instanceof Uint8ClampedArray)) throw SLOW;
    const n = v.length;
    this.reserve(2 + n);
    const ops = this.ops;
    let at = this.at;
    ops[at++] = TYPED;
    ops[at++] = n;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x - x !== 0) throw SLOW;
      ops[at++] = x;
    }
    this.at = at;
  }

  private object(v: Record<string, unknown>, depth: number): void {
    const keys = Object.keys(v);
    this.reserve(2);
    this.ops[this.at++] = OBJECT;
    const countAt = this.at++;
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const x = v[k];
      if (x === undefined) continue; // an absent optional field, as canonicalJson omits it
      let id = this.keyIds.get(k);
      if (id === undefined) {
        id = this.keyIds.size;
        this.keyIds.set(k, id);
        this.newKeys.push(k);
      }
      this.reserve(1);
      this.ops[this.at++] = id;
      this.value(x, depth + 1);
      count++;
    }
    this.ops[countAt] = count;
  }
}
