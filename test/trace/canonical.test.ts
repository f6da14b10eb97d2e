import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  TraceEncodingError,
  canonicalJson,
  canonicalLine,
  toPlainJson,
  toPlainRecord,
} from '../../src/trace/canonical.ts';
import type { TraceRecord } from '../../src/trace/record.ts';

const base: TraceRecord = {
  seq: 7,
  episode: 1,
  slot: 42,
  time: 8.4,
  phase: 'channel',
  type: 'channel.evolved',
  actor: 'bs/0',
  payload: null,
};

function encodingError(f: () => unknown): TraceEncodingError {
  try {
    f();
  } catch (e) {
    if (e instanceof TraceEncodingError) return e;
    throw e;
  }
  throw new Error('expected a TraceEncodingError');
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    const v = { z: 1, a: { y: [3, { d: 1, c: 2 }], b: true }, m: 'x' };
    expect(canonicalJson(v)).toBe('{"a":{"b":true,"y":[3,{"c":2,"d":1}]},"m":"x","z":1}');
  });

  it('turns typed arrays nested in objects into plain number arrays', () => {
    const v = { h: new Float64Array([0.5, -2]), q: [new Int16Array([1, -1]), new Uint8Array(0)], f: new Float32Array([0.1]) };
    // 0.1 as float32 is exactly 13421773 * 2^-27.
    const f32 = 13421773 / 2 ** 27;
    expect(canonicalJson(v)).toBe(`{"f":[${f32}],"h":[0.5,-2],"q":[[1,-1],[]]}`);
    expect(toPlainJson(v)).toEqual({ f: [f32], h: [0.5, -2], q: [[1, -1], []] });
  });

  it('writes -0 as 0 and omits undefined object properties', () => {
    expect(canonicalJson({ a: -0, b: undefined, c: [-0] })).toBe('{"a":0,"c":[0]}');
  });

  it('rejects non-finite numbers with the path to them', () => {
    expect(encodingError(() => canonicalJson({ rates: [1, 2, 3, NaN] })).path).toBe('payload.rates[3]');
    expect(encodingError(() => canonicalJson({ g: new Float32Array([0, Infinity]) })).path).toBe('payload.g[1]');
    expect(encodingError(() => canonicalJson(-Infinity)).path).toBe('payload');
  });

  it('rejects values JSON cannot hold exactly', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [
      undefined,
      [1, undefined],
      10n,
      { d: new Date(0) },
      new Map(),
      () => 1,
      Symbol('s'),
      new BigInt64Array(1),
      new DataView(new ArrayBuffer(2)),
      cyclic,
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TraceEncodingError);
    }
  });

  it('accepts a shared (non-cyclic) sub-object twice', () => {
    const shared = { k: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"k":1},{"k":1}]');
  });

  it('is a fixed point of parse-then-encode for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (d) => {
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(d));
      }),
    );
  });
});

describe('canonicalLine', () => {
  it('writes the record fields in the fixed order', () => {
    const line = canonicalLine({ ...base, payload: { b: 2, a: 1 } });
    expect(line).toBe(
      '{"seq":7,"episode":1,"slot":42,"time":8.4,"phase":"channel","type":"channel.evolved",' +
        '"actor":"bs/0","payload":{"a":1,"b":2}}',
    );
  });

  it('is the same whatever order the record fields were written in', () => {
    const shuffled = { payload: null, actor: 'bs/0', type: 'channel.evolved', phase: 'channel', time: 8.4, slot: 42, episode: 1, seq: 7 };
    expect(canonicalLine(shuffled)).toBe(canonicalLine(base));
  });

  it('rejects out-of-range header fields', () => {
    expect(encodingError(() => canonicalLine({ ...base, seq: 1.5 })).path).toBe('seq');
    expect(encodingError(() => canonicalLine({ ...base, seq: 2 ** 53 })).path).toBe('seq');
    expect(encodingError(() => canonicalLine({ ...base, episode: 2 ** 31 })).path).toBe('episode');
    expect(encodingError(() => canonicalLine({ ...base, slot: -0.5 })).path).toBe('slot');
    expect(encodingError(() => canonicalLine({ ...base, time: NaN })).path).toBe('time');
    expect(encodingError(() => canonicalLine({ ...base, actor: 3 as unknown as string })).path).toBe('actor');
  });

  it('toPlainRecord gives the record as a reader would return it', () => {
    const r = toPlainRecord({ ...base, payload: { v: new Uint16Array([4, 5]) } });
    expect(r).toEqual({ ...base, payload: { v: [4, 5] } });
  });
});
