import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  compensate,
  compensatedLevels,
  compensatorOffsets,
  createCompensator,
  trainCompensator,
} from '../../../src/models/semantic/compensator.ts';
import { sbqDecode, sbqEncode } from '../../../src/models/semantic/sbq.ts';
import { codesToBits, bitsToCodes, flipBits } from '../../../src/models/semantic/bits.ts';
import { medianThreshold, sampleEmbedding, semanticSimilarity } from '../../../src/models/semantic/embedding.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { SCQOS_EMBEDDING_SOURCE } from '../../../src/scenarios/scqos/constants.ts';

function mse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

describe('offset compensator (001 eqs. 10-11, Algorithm 2; mean-offset stand-in)', () => {
  it('leaves decodings unchanged before training', () => {
    const c = createCompensator(2, 0.8);
    expect(compensate(c, [0, 1, 2, 3])).toEqual(sbqDecode([0, 1, 2, 3], 2, 0.8));
  });

  it('learns the mean offset per received code (hand-worked, 1 bit, p_th = 1)', () => {
    // nominal: code 0 -> 0.5, code 1 -> 1. Offsets: code 0 mean(0.2-0.5, 0.4-0.5) = -0.2; code 1 mean(3-1, 1.2-1) = 1.1
    const c = trainCompensator(createCompensator(1, 1), [0.2, 0.4, 3, 1.2], [0, 0, 1, 1]);
    expect(compensatorOffsets(c)[0]).toBeCloseTo(-0.2, 12);
    expect(compensatorOffsets(c)[1]).toBeCloseTo(1.1, 12);
    expect(Array.from(compensatedLevels(c)).map((x) => +x.toFixed(12))).toEqual([0.3, 2.1]);
    expect(Array.from(compensate(c, [1, 0])).map((x) => +x.toFixed(12))).toEqual([2.1, 0.3]);
  });

  it('never increases the MSE (11) on the data it learnt from, even with bit errors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (n, sent, seed, ber) => {
          const bits = codesToBits(sbqEncode(sent, n, 1), n);
          flipBits(bits, ber, new RootRandom(seed).stream('bsc'));
          const received = bitsToCodes(bits, n);
          const comp = trainCompensator(createCompensator(n, 1), sent, received);
          expect(mse(sent, compensate(comp, received))).toBeLessThanOrEqual(mse(sent, sbqDecode(received, n, 1)) + 1e-12);
        },
      ),
    );
  });

  it('is immutable and training in two batches equals training once', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 2, maxLength: 100 }), fc.nat(), (sent, cut) => {
        const codes = sbqEncode(sent, 2, 1);
        const k = cut % sent.length;
        const empty = createCompensator(2, 1);
        const once = trainCompensator(empty, sent, codes);
        const twice = trainCompensator(trainCompensator(empty, sent.slice(0, k), codes.slice(0, k)), sent.slice(k), codes.slice(k));
        expect(Array.from(empty.counts)).toEqual([0, 0, 0, 0]);
        expect(Array.from(twice.counts)).toEqual(Array.from(once.counts));
        const a = compensatorOffsets(once);
        const b = compensatorOffsets(twice);
        for (let i = 0; i < 4; i++) expect(b[i]).toBeCloseTo(a[i], 10);
      }),
    );
  });

  it('raises held-out similarity on the synthetic source at BER 5 % (trained on other sentences)', () => {
    const root = new RootRandom(11);
    const src = root.stream('emb');
    const bsc = root.stream('bsc');
    const train = Array.from({ length: 300 }, () => sampleEmbedding(src, SCQOS_EMBEDDING_SOURCE));
    const pth = medianThreshold(train);
    for (const n of [1, 2, 3]) {
      const send = (e: Float64Array) => {
        const b = codesToBits(sbqEncode(e, n, pth), n);
        flipBits(b, 0.05, bsc);
        return bitsToCodes(b, n);
      };
      let comp = createCompensator(n, pth);
      for (const e of train) comp = trainCompensator(comp, e, send(e));
      let raw = 0;
      let fixed = 0;
      for (let i = 0; i < 300; i++) {
        const e = sampleEmbedding(src, SCQOS_EMBEDDING_SOURCE);
        const rx = send(e);
        raw += semanticSimilarity(e, sbqDecode(rx, n, pth));
        fixed += semanticSimilarity(e, compensate(comp, rx));
      }
      expect(fixed).toBeGreaterThan(raw);
    }
  });

  it('rejects mismatched lengths and non-finite training data', () => {
    const c = createCompensator(2, 1);
    expect(() => trainCompensator(c, [1, 2], [0])).toThrow(/lengths differ/);
    expect(() => trainCompensator(c, [Infinity], [0])).toThrow(/sent\[0\]/);
    expect(() => createCompensator(0, 1)).toThrow(RangeError);
  });
});
