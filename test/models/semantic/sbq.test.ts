import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  sbqDecode,
  sbqDecodeValue,
  sbqEncode,
  sbqEncodeValue,
  sbqErrorBound,
  sbqStep,
} from '../../../src/models/semantic/sbq.ts';
import { medianThreshold, sampleEmbedding } from '../../../src/models/semantic/embedding.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { SCQOS_EMBEDDING_SOURCE } from '../../../src/scenarios/scqos/constants.ts';

const bitsArb = fc.integer({ min: 1, max: 8 });
const thresholdArb = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

describe('SBQ encode/decode (001 eqs. 6-9)', () => {
  it('matches hand-worked 2-bit codes (p_th = 1: cells [0, .5), [.5, 1], outliers at 1, 2)', () => {
    const x = [-1, 0.3, 0.7, 1.0, 1.2, 1.6, 5];
    const codes = sbqEncode(x, 2, 1);
    expect(Array.from(codes)).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(Array.from(sbqDecode(codes, 2, 1))).toEqual([0.25, 0.25, 0.75, 0.75, 1, 2, 2]);
  });

  it('matches hand-worked 3-bit codes (p_th = 2: step 0.5 below, multiples of 2 above up to 8)', () => {
    // 1.9 -> floor(3.8) = 3 -> 7/8 * 2; 2.9 -> round(0.45) = 0 -> code 4 -> 2; 7.2 -> round(2.6) = 3 -> code 7 -> 8;
    // 9.1 -> round(3.55) = 4 -> clamped to code 7 -> 8
    const codes = sbqEncode([1.9, 2.9, 7.2, 9.1], 3, 2);
    expect(Array.from(codes)).toEqual([3, 4, 7, 7]);
    expect(Array.from(sbqDecode(codes, 3, 2))).toEqual([1.75, 2, 8, 8]);
  });

  it('1 bit is a threshold test: p_th / 2 below, p_th above', () => {
    expect(Array.from(sbqDecode(sbqEncode([0, 0.99, 1, 1.01, 40], 1, 1), 1, 1))).toEqual([0.5, 0.5, 0.5, 1, 1]);
  });

  it('codes fit in n bits and every code decodes', () => {
    fc.assert(
      fc.property(bitsArb, thresholdArb, fc.array(fc.double({ noNaN: true }), { maxLength: 64 }), (n, pth, xs) => {
        const codes = sbqEncode(xs, n, pth);
        for (const c of codes) {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThan(2 ** n);
        }
        for (const v of sbqDecode(codes, n, pth)) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });

  it('round-trip error is at most half a step below p_th and within sbqErrorBound everywhere', () => {
    fc.assert(
      fc.property(bitsArb, thresholdArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -2, max: 40, noNaN: true }), (n, pth, u, v) => {
        const below = u * pth;
        const tol = 1e-12 * pth;
        const back = sbqDecodeValue(sbqEncodeValue(below, n, pth), n, pth);
        expect(Math.abs(back - below)).toBeLessThanOrEqual(sbqStep(n, pth) / 2 + tol);
        expect(back).toBeGreaterThan(0);
        expect(back).toBeLessThan(pth);
        const any = v * pth;
        const backAny = sbqDecodeValue(sbqEncodeValue(any, n, pth), n, pth);
        expect(Math.abs(backAny - any)).toBeLessThanOrEqual(sbqErrorBound(any, n, pth) + tol * 40);
      }),
    );
  });

  it('more bits never raise the error bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 11 }), thresholdArb, fc.double({ min: -2, max: 5000, noNaN: true }), (n, pth, v) => {
        const x = v * pth;
        expect(sbqErrorBound(x, n + 1, pth)).toBeLessThanOrEqual(sbqErrorBound(x, n, pth));
      }),
    );
  });

  it('re-encoding a reconstruction level gives back its code, except the first outlier code', () => {
    fc.assert(
      fc.property(bitsArb, thresholdArb, fc.nat(), (n, pth, r) => {
        const code = r % 2 ** n;
        const k = 2 ** (n - 1);
        // Eq. (9) decodes code K to exactly p_th, which eq. (6) assigns to the uniform range.
        const expected = code === k ? k - 1 : code;
        expect(sbqEncodeValue(sbqDecodeValue(code, n, pth), n, pth)).toBe(expected);
      }),
    );
  });

  it('beats n-bit uniform quantisation over [0, max] on the skewed synthetic source (001 Fig. 2(b))', () => {
    const src = new RootRandom(4).stream('emb');
    const data = Array.from({ length: 200 }, () => sampleEmbedding(src, SCQOS_EMBEDDING_SOURCE));
    const pth = medianThreshold(data);
    const max = Math.max(...data.map((e) => Math.max(...e)));
    for (const n of [1, 2, 3]) {
      const levels = 2 ** n;
      let uniform = 0;
      let sbq = 0;
      for (const e of data) {
        const back = sbqDecode(sbqEncode(e, n, pth), n, pth);
        for (let i = 0; i < e.length; i++) {
          const q = Math.min(levels - 1, Math.floor((e[i] / max) * levels));
          uniform += (e[i] - ((q + 0.5) / levels) * max) ** 2;
          sbq += (e[i] - back[i]) ** 2;
        }
      }
      expect(sbq).toBeLessThan(uniform);
    }
  });

  it('rejects NaN features, bad codecs and codes that do not fit', () => {
    expect(() => sbqEncode([0.1, NaN], 2, 1)).toThrow(/feature\[1\] is NaN/);
    expect(() => sbqEncode([0.1], 0, 1)).toThrow(RangeError);
    expect(() => sbqEncode([0.1], 2, 0)).toThrow(/p_th/);
    expect(() => sbqDecode([4], 2, 1)).toThrow(/code\[0\] = 4/);
  });
});
