/**
 * The worker sink's payload encoding: decoding what the encoder wrote gives canonicalJson's text
 * byte for byte, and payloads without a canonical form fail in `encode` exactly as canonicalJson fails.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, TraceEncodingError } from '../../src/trace/canonical.ts';
import { PayloadEncoder } from '../../src/trace/payload-codec.ts';
import { PayloadDecoder } from '../../src/trace/payload-decoder.ts';

/** Encodes all payloads in batches of `batchSize` and decodes them again. */
function roundTrip(payloads: readonly unknown[], batchSize = 3): string[] {
  const encoder = new PayloadEncoder(4);
  const decoder = new PayloadDecoder();
  const out: string[] = [];
  for (let start = 0; start < payloads.length; start += batchSize) {
    const batch = payloads.slice(start, start + batchSize);
    for (const p of batch) encoder.encode(p);
    out.push(...decoder.decode(encoder.take(), batch.length));
  }
  return out;
}

class Point {
  x = 1;
}

describe('PayloadEncoder / PayloadDecoder', () => {
  it('decodes to canonicalJson text for arbitrary JSON values, across batches sharing keys', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 2, stringUnit: 'binary-ascii' })), { maxLength: 12 }), (payloads) => {
        expect(roundTrip(payloads)).toEqual(payloads.map((p) => canonicalJson(p)));
      }),
      { numRuns: 200 },
    );
  });

  it('sorts keys as canonicalJson does (UTF-16 order, digit-like keys, __proto__) and drops undefined fields', () => {
    const special = JSON.parse('{"__proto__": 1, "b": 2}') as unknown;
    const payloads = [
      { b: 1, a: { d: [1, 2], c: null }, 'é': true, Z: 'x' },
      { 10: 'ten', 9: 'nine', a10: 0, a9: 1 },
      special,
      { kept: 1, absent: undefined },
      { '\ud83d\ude00': 1, '\uffff': 2 },
      Object.create(null, { k: { value: 3, enumerable: true } }) as unknown,
      {},
      [],
      -0,
      1e21,
      5e-324,
    ];
    expect(roundTrip(payloads)).toEqual(payloads.map((p) => canonicalJson(p)));
  });

  it('decodes objects of more key orders than it remembers (data-dependent keys), nested ones too', () => {
    // 5000 distinct shapes cross the decoder's limit of 4096 remembered key orders, where it starts over.
    const payloads = Array.from({ length: 5000 }, (_, i) => ({ [`d${i}`]: i, a: { [`z${i % 7}`]: [i], b: -i / 3 }, [`c${i % 3}`]: null }));
    expect(roundTrip(payloads, 700)).toEqual(payloads.map((p) => canonicalJson(p)));
  });

  it('writes typed arrays as number arrays (float32 values widened exactly)', () => {
    const payloads = [new Float32Array([0.1, -2.5, 1e-40]), { v: new Float64Array([Math.PI, -0]), n: new Int32Array([-7, 2 ** 31 - 1]), u: new Uint8Array([255]) }, new Uint16Array(0)];
    expect(roundTrip(payloads)).toEqual(payloads.map((p) => canonicalJson(p)));
  });

  it('fails in encode with canonicalJson\'s error and path, and leaves the batch as it was', () => {
    const bad: unknown[] = [{ a: [1, NaN] }, { t: new Float32Array([Infinity]) }, [1, undefined], new Point(), { d: new Date(0) }, { f: () => 1 }, 10n, new BigInt64Array(1)];
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    bad.push(cyclic);
    const encoder = new PayloadEncoder();
    encoder.encode({ before: 1 });
    for (const p of bad) {
      let expected: unknown;
      try {
        canonicalJson(p);
      } catch (error) {
        expected = error;
      }
      expect(expected).toBeInstanceOf(TraceEncodingError);
      expect(() => encoder.encode(p)).toThrow((expected as Error).message);
    }
    encoder.encode({ after: 2 });
    expect(new PayloadDecoder().decode(encoder.take(), 2)).toEqual(['{"before":1}', '{"after":2}']);
  });

  it('stores deep but acyclic payloads (beyond the fast path\'s depth) as canonicalJson text', () => {
    let deep: unknown = [1];
    for (let i = 0; i < 100; i++) deep = { [`k${i % 3}`]: deep, shared: i };
    expect(roundTrip([deep, { x: 1 }])).toEqual([canonicalJson(deep), '{"x":1}']);
  });

  it('rejects a batch that does not hold the announced number of payloads', () => {
    const encoder = new PayloadEncoder();
    encoder.encode(1);
    encoder.encode(2);
    expect(() => new PayloadDecoder().decode(encoder.take(), 1)).toThrow(/undecoded/);
  });
});
