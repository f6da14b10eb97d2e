import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { logisticFitValue, logisticSimilarity, logisticSimilarityModel, type LogisticSimilarityTable } from '../../../src/models/semantic/logistic-similarity.ts';
import { MULTICELL_DEEPSC_SIMILARITY as TABLE } from '../../../src/scenarios/multicell-ee/constants.ts';

const model = logisticSimilarityModel(TABLE);
const logistic = (a1: number, a2: number, c1: number, c2: number, s: number): number => a1 + (a2 - a1) / (1 + Math.exp(-(c1 * s + c2)));

describe('logistic similarity per k (004 eq. 5, SPEC section 2 fits)', () => {
  it('reproduces each fitted logistic at its k inside the fitted SINR range', () => {
    for (const f of TABLE.fits) {
      for (const s of [-10, -5, 0, 3.3, 10, 20]) expect(model(f.k, s)).toBeCloseTo(logistic(f.a1, f.a2, f.c1, f.c2, s), 12);
    }
    // A hand value: k = 4 at 10 dB: 0.409 + 0.562 / (1 + e^{-(5.08 - 3.264)}) = 0.89106
    expect(model(4, 10)).toBeCloseTo(0.409 + 0.562 / (1 + Math.exp(-1.816)), 12);
  });

  it('is flat below -10 dB and saturated above 20 dB (a silent link gives the floor)', () => {
    for (const k of [1, 4, 9.5, 19]) {
      expect(model(k, -40)).toBe(model(k, -10));
      expect(model(k, -Infinity)).toBe(model(k, -10));
      expect(model(k, 60)).toBe(model(k, 20));
    }
  });

  it('interpolates linearly in k between neighbouring fits', () => {
    const [f4, f8] = TABLE.fits;
    for (const s of [-10, 0, 7, 20]) {
      expect(model(6, s)).toBeCloseTo((logisticFitValue(f4, s) + logisticFitValue(f8, s)) / 2, 12);
      expect(model(5, s)).toBeCloseTo(0.75 * logisticFitValue(f4, s) + 0.25 * logisticFitValue(f8, s), 12);
    }
  });

  it('below the first fit moves the knee to higher SINR (fewer symbols need more SINR)', () => {
    for (const s of [0, 5, 10]) expect(model(1, s)).toBeLessThanOrEqual(model(4, s));
    expect(model(1, 5)).toBeLessThan(0.5);
    expect(model(2, 20)).toBeGreaterThan(0.9);
  });

  it('stays in [0, 1] and never falls as the SINR rises, for any k', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 40, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), (k, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = model(k, lo);
        const y = model(k, hi);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(1);
        expect(y).toBeGreaterThanOrEqual(x - 1e-15);
      }),
    );
  });

  it('rejects bad inputs and bad tables with a clear error', () => {
    expect(() => model(0, 5)).toThrow(/k must be finite and > 0/);
    expect(() => model(4, NaN)).toThrow(/NaN/);
    const bad = (t: Partial<LogisticSimilarityTable>): LogisticSimilarityTable => ({ ...TABLE, ...t });
    expect(() => logisticSimilarity(4, 0, bad({ fits: [] }))).toThrow(/at least one fit/);
    expect(() => logisticSimilarity(4, 0, bad({ fits: [TABLE.fits[1], TABLE.fits[0]] }))).toThrow(/k must increase/);
    expect(() => logisticSimilarity(4, 0, bad({ fits: [{ k: 4, a1: 0.9, a2: 0.5, c1: 1, c2: 0 }] }))).toThrow(/A1 <= A2/);
    expect(() => logisticSimilarity(4, 0, bad({ fits: [{ k: 4, a1: 0.1, a2: 0.5, c1: -1, c2: 0 }] }))).toThrow(/C1 > 0/);
    expect(() => logisticSimilarity(4, 0, bad({ minSinrDb: 30 }))).toThrow(/SINR range/);
  });
});
