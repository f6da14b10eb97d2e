/**
 * Canonical JSON for trace records: the one byte-level form that NDJSON files store and
 * that the trace hash is computed over, whichever sink stored the trace.
 *
 * Rules (decided here, relied on by `hash.ts`):
 * - Record fields in `TRACE_FIELDS` order (record.ts); payload object keys sorted by UTF-16 code
 *   unit (`Array.prototype.sort`), arrays in their order, no whitespace.
 * - Numbers use ECMAScript's shortest round-trip form (`JSON.stringify`), so parsing and
 *   re-encoding is the identity; `-0` becomes `0`.
 * - Typed arrays (except the bigint ones) become plain arrays of numbers.
 * - Non-finite numbers are an error, never `null`: SPEC section 4 says NaN and infinities
 *   must not propagate, and a trace that silently turned them into `null` would hide the bug
 *   that produced them and no longer round-trip. The error names the offending path.
 * - Object properties whose value is `undefined` are omitted (optional fields); `undefined`
 *   anywhere else, bigints, functions, symbols, cycles and non-plain objects (Date, Map,
 *   class instances, ...) are errors rather than JSON.stringify's silent `null` or `{}`.
 */
import type { TraceRecord } from './record.ts';

/** Raised when a record or payload has no exact canonical JSON form. */
export class TraceEncodingError extends Error {
  /** Where the bad value sits, e.g. `payload.rates[3]`. */
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`trace: cannot encode ${path}: ${reason}`);
    this.name = 'TraceEncodingError';
    this.path = path;
  }
}

type Key = string | number;

function pathOf(keys: readonly Key[]): string {
  let s = '';
  for (const k of keys) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

function encodeNumber(x: number, keys: Key[]): string {
  if (!Number.isFinite(x)) throw new TraceEncodingError(pathOf(keys), `non-finite number ${x}`);
  return JSON.stringify(x);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function encode(v: unknown, keys: Key[], ancestors: Set<object>): string {
  switch (typeof v) {
    case 'number':
      return encodeNumber(v, keys);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new TraceEncodingError(pathOf(keys), `${typeof v} is not a JSON value`);
  }
  if (v === null) return 'null';
  if (ancestors.has(v)) throw new TraceEncodingError(pathOf(keys), 'cyclic reference');
  if (ArrayBuffer.isView(v)) return encodeTypedArray(v, keys);
  ancestors.add(v);
  let out: string;
  if (Array.isArray(v)) {
    const parts = new Array<string>(v.length);
    for (let i = 0; i < v.length; i++) {
      keys.push(i);
      if (v[i] === undefined) throw new TraceEncodingError(pathOf(keys), 'undefined array element');
      parts[i] = encode(v[i], keys, ancestors);
      keys.pop();
    }
    out = `[${parts.join(',')}]`;
  } else if (isPlainObject(v)) {
    const obj = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(obj).sort()) {
      const x = obj[k];
      if (x === undefined) continue;
      keys.push(k);
      parts.push(`${JSON.stringify(k)}:${encode(x, keys, ancestors)}`);
      keys.pop();
    }
    out = `{${parts.join(',')}}`;
  } else {
    throw new TraceEncodingError(pathOf(keys), `${v.constructor?.name ?? 'object'} is not a plain object`);
  }
  ancestors.delete(v);
  return out;
}

function encodeTypedArray(v: ArrayBufferView, keys: Key[]): string {
  if (v instanceof DataView) throw new TraceEncodingError(pathOf(keys), 'DataView is not a JSON value');
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    throw new TraceEncodingError(pathOf(keys), 'bigint arrays are not JSON numbers');
  }
  const a = v as unknown as ArrayLike<number>;
  const parts = new Array<string>(a.length);
  for (let i = 0; i < a.length; i++) {
    keys.push(i);
    parts[i] = encodeNumber(a[i], keys);
    keys.pop();
  }
  return `[${parts.join(',')}]`;
}

/** Canonical JSON text of a payload value (see the module rules). */
export function canonicalJson(value: unknown, root = 'payload'): string {
  if (value === undefined) throw new TraceEncodingError(root, 'undefined is not a JSON value');
  return encode(value, [root], new Set());
}

/** The payload as a plain JSON value: what a reader returns after a round trip. */
export function toPlainJson(value: unknown): unknown {
  return JSON.parse(canonicalJson(value));
}

function checkInt(record: TraceRecord, field: 'seq' | 'episode' | 'slot', int32: boolean): void {
  const x = record[field];
  const ok = int32 ? Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31 : Number.isSafeInteger(x);
  if (!ok) throw new TraceEncodingError(field, `${String(x)} is not a ${int32 ? '32-bit' : 'safe'} integer`);
}

/** Checks the record's fixed fields (everything but the payload) against the column types. */
export function checkHeader(record: TraceRecord): void {
  checkInt(record, 'seq', false);
  checkInt(record, 'episode', true);
  checkInt(record, 'slot', false);
  if (typeof record.time !== 'number' || !Number.isFinite(record.time)) {
    throw new TraceEncodingError('time', `${String(record.time)} is not a finite number`);
  }
  for (const field of ['phase', 'type', 'actor'] as const) {
    if (typeof record[field] !== 'string') {
      throw new TraceEncodingError(field, `expected a string, got ${typeof record[field]}`);
    }
  }
}

/** One canonical JSON line for a record, without the trailing newline. */
export function canonicalLine(record: TraceRecord): string {
  checkHeader(record);
  return (
    `{"seq":${record.seq},"episode":${record.episode},"slot":${record.slot},` +
    `"time":${JSON.stringify(record.time)},"phase":${JSON.stringify(record.phase)},` +
    `"type":${JSON.stringify(record.type)},"actor":${JSON.stringify(record.actor)},` +
    `"payload":${canonicalJson(record.payload)}}`
  );
}

/**
 * The line an NDJSON trace stores: the canonical line with the run context (`agent`, `stage`,
 * `seed`, those present) between `actor` and `payload`. Without a context it is the canonical
 * line itself, so such a file's SHA-256 is its trace hash.
 */
export function storedLine(record: TraceRecord): string {
  if (record.agent === undefined && record.stage === undefined && record.seed === undefined) return canonicalLine(record);
  checkContext(record);
  checkHeader(record);
  const context = contextFragment(record);
  return (
    `{"seq":${record.seq},"episode":${record.episode},"slot":${record.slot},` +
    `"time":${JSON.stringify(record.time)},"phase":${JSON.stringify(record.phase)},` +
    `"type":${JSON.stringify(record.type)},"actor":${JSON.stringify(record.actor)},` +
    `${context}"payload":${canonicalJson(record.payload)}}`
  );
}

/** The last context's JSON fragment: a run changes context once per episode, not per event. */
let lastContext: { agent?: string; stage?: string; seed?: number; text: string } = { text: '' };

function contextFragment(record: TraceRecord): string {
  const c = lastContext;
  if (c.agent === record.agent && c.stage === record.stage && c.seed === record.seed) return c.text;
  let text = '';
  if (record.agent !== undefined) text += `"agent":${JSON.stringify(record.agent)},`;
  if (record.stage !== undefined) text += `"stage":${JSON.stringify(record.stage)},`;
  if (record.seed !== undefined) text += `"seed":${record.seed},`;
  lastContext = { agent: record.agent, stage: record.stage, seed: record.seed, text };
  return text;
}

/** Checks the run context fields a record carries (each optional). */
export function checkContext(record: TraceRecord): void {
  if (record.agent !== undefined && typeof record.agent !== 'string') throw new TraceEncodingError('agent', `expected a string, got ${typeof record.agent}`);
  if (record.stage !== undefined && record.stage !== 'train' && record.stage !== 'eval') throw new TraceEncodingError('stage', `${String(record.stage)} is not 'train' or 'eval'`);
  if (record.seed !== undefined && !Number.isSafeInteger(record.seed)) throw new TraceEncodingError('seed', `${String(record.seed)} is not a safe integer`);
}

/** The record with its payload in plain canonical form (typed arrays as arrays, keys sorted). */
export function toPlainRecord(record: TraceRecord): TraceRecord {
  return JSON.parse(storedLine(record)) as TraceRecord;
}
