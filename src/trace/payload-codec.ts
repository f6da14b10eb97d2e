/**
 * A compact, transferable encoding of trace payloads, so the simulation thread does not build
 * canonical JSON (the largest part of a DuckDB trace's cost on that thread, docs/performance.md
 * "Trace writing"): the encoder walks the payload once and writes tags and numbers into a
 * `Float64Array`; the writer thread decodes it straight into the canonical JSON text that
 * `canonicalJson` would have produced, byte for byte (keys sorted there, numbers by the same
 * `JSON.stringify`), so the stored payloads and the trace hash are unchanged.
 *
 * Only plain JSON shapes take the fast path: finite numbers, strings, booleans, null, arrays
 * without holes, plain objects, and number typed arrays. Anything else (a non-finite number,
 * `undefined` in an array, a class instance, a cycle, ...) is handed to `canonicalJson` on the
 * simulation thread, which either throws the usual `TraceEncodingError` from `write` or returns
 * the text, stored as is. So errors stay synchronous and name the same path as before.
 */
import { canonicalJson } from './canonical.ts';

const NUM = 0;
const STR = 1;
const TRUE = 2;
const FALSE = 3;
const NULL = 4;
const ARRAY = 5;
const TYPED = 6;
const OBJECT = 7;
/** Text already encoded by `canonicalJson` (the slow path). */
const TEXT = 8;

/** Deeper than this is treated as a possible cycle and left to `canonicalJson`. */
const MAX_DEPTH = 64;

/** Key orders the decoder remembers before it starts over. */
const MAX_SHAPES = 4096;

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

/** Decodes batches on the writer thread into canonical JSON texts (see the module comment). */
export class PayloadDecoder {
  /** Each key as a JSON string literal followed by `:`, by key id. */
  private readonly keyTexts: string[] = [];
  private readonly keyNames: string[] = [];
  /** Sorted key order by the sequence of key ids an object came with (objects of one event type share it). */
  private readonly orders = new Map<string, number[]>();
  private ops: Float64Array = new Float64Array(0);
  private length = 0;
  private strings: string[] = [];
  private at = 0;

  /** Decodes `count` payloads of a batch, in order. */
  decode(batch: EncodedPayloads, count: number): string[] {
    for (const k of batch.newKeys) {
      this.keyNames.push(k);
      this.keyTexts.push(`${JSON.stringify(k)}:`);
    }
    this.ops = batch.ops;
    this.length = batch.length;
    this.strings = batch.strings;
    this.at = 0;
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) out[i] = this.value();
    if (this.at !== this.length) throw new Error(`trace: payload batch has ${this.length - this.at} undecoded values`);
    return out;
  }

  private value(): string {
    const ops = this.ops;
    const tag = ops[this.at++];
    switch (tag) {
      case NUM:
        return JSON.stringify(ops[this.at++]);
      case STR:
        return JSON.stringify(this.strings[ops[this.at++]]);
      case TRUE:
        return 'true';
      case FALSE:
        return 'false';
      case NULL:
        return 'null';
      case TEXT:
        return this.strings[ops[this.at++]];
      case ARRAY: {
        const n = ops[this.at++];
        let s = '[';
        for (let i = 0; i < n; i++) s += (i ? ',' : '') + this.value();
        return s + ']';
      }
      case TYPED: {
        const n = ops[this.at++];
        let s = '[';
        for (let i = 0; i < n; i++) s += (i ? ',' : '') + JSON.stringify(ops[this.at++]);
        return s + ']';
      }
      case OBJECT:
        return this.object(ops[this.at++]);
      default:
        throw new Error(`trace: corrupt payload batch (tag ${tag} at ${this.at - 1})`);
    }
  }

  private object(count: number): string {
    if (count === 0) return '{}';
    const ids = new Array<number>(count);
    const texts = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      ids[i] = this.ops[this.at++];
      texts[i] = this.value();
    }
    const shape = ids.join(',');
    let order = this.orders.get(shape);
    if (!order) {
      const names = this.keyNames;
      // The default string order of Array.prototype.sort (UTF-16 code units), as canonicalJson's.
      order = ids.map((_, i) => i).sort((a, b) => (names[ids[a]] < names[ids[b]] ? -1 : names[ids[a]] > names[ids[b]] ? 1 : 0));
      // Objects with data-dependent keys (a map per device, say) would grow the cache without bound.
      if (this.orders.size >= MAX_SHAPES) this.orders.clear();
      this.orders.set(shape, order);
    }
    let s = '{';
    for (let i = 0; i < count; i++) {
      const j = order[i];
      s += (i ? ',' : '') + this.keyTexts[ids[j]] + texts[j];
    }
    return s + '}';
  }
}
