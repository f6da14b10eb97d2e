import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createSimilarityTable, similarityFromTable, tableModel, tabulateSimilarity } from '../../../src/models/semantic/similarity-table.ts';
import { surrogateModel } from '../../../src/models/semantic/similarity-surrogate.ts';
import { MULTICELL_SIMILARITY_SURROGATE } from '../../../src/scenarios/multicell-ee/constants.ts';

const ks = [0.05, 0.25, 0.5, 0.75, 0.95];
const snrs = [-10, -5, 0, 5, 10, 20];

describe('similarity table (bilinear over a (k, SINR) grid)', () => {
  it('reproduces a bilinear function exactly inside the grid', () => {
    // Bilinear interpolation is exact for f = a + b k + c s + d k s.
    const f = (k: number, s: number) => 0.3 + 0.2 * k + 0.01 * s + 0.005 * k * s;
    const table = tabulateSimilarity(f, ks, snrs);
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: -10, max: 20, noNaN: true }), (k, s) => {
        expect(similarityFromTable(table, k, s)).toBeCloseTo(f(k, s), 12);
      }),
    );
  });

  it('returns the recorded values at the nodes and holds edge values outside the grid', () => {
    const model = surrogateModel(MULTICELL_SIMILARITY_SURROGATE);
    const table = tabulateSimilarity(model, ks, snrs);
    for (const k of ks) for (const s of snrs) expect(similarityFromTable(table, k, s)).toBeCloseTo(model(k, s), 12);
    expect(similarityFromTable(table, 0, -40)).toBeCloseTo(model(0.05, -10), 12);
    expect(similarityFromTable(table, 1, 40)).toBeCloseTo(model(0.95, 20), 12);
  });

  it('is monotone and within the corner values when the table is monotone (tabulated surrogate)', () => {
    const f = tableModel(tabulateSimilarity(surrogateModel(MULTICELL_SIMILARITY_SURROGATE), ks, snrs));
    const k = fc.double({ min: 0, max: 1, noNaN: true });
    const s = fc.double({ min: -30, max: 30, noNaN: true });
    fc.assert(
      fc.property(k, k, s, s, (k1, k2, s1, s2) => {
        const [kl, kh] = k1 <= k2 ? [k1, k2] : [k2, k1];
        const [sl, sh] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(f(kh, sl)).toBeGreaterThanOrEqual(f(kl, sl) - 1e-12);
        expect(f(kl, sh)).toBeGreaterThanOrEqual(f(kl, sl) - 1e-12);
        expect(f(kl, sl)).toBeGreaterThanOrEqual(0);
        expect(f(kh, sh)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('works with a single row or column', () => {
    const t = createSimilarityTable([1], [0, 10], [0.2, 0.8]);
    expect(similarityFromTable(t, 3, 5)).toBeCloseTo(0.5, 12);
    const u = createSimilarityTable([1, 2, 3], [5], [0.5, 0.7, 0.9]); // e.g. a mapping S(n bits) at one SNR
    expect(similarityFromTable(u, 2.5, -100)).toBeCloseTo(0.8, 12);
  });

  it('validates axes and values', () => {
    expect(() => createSimilarityTable([0.5, 0.5], [0], [0.1, 0.2])).toThrow(/strictly increasing/);
    expect(() => createSimilarityTable([0.5], [0, 1], [0.1])).toThrow(/needs 2 values/);
    expect(() => createSimilarityTable([0.5], [0], [1.5])).toThrow(/outside \[0, 1\]/);
    expect(() => createSimilarityTable([], [0], [])).toThrow(/empty/);
    const t = createSimilarityTable([0.5], [0], [0.5]);
    expect(() => similarityFromTable(t, NaN, 0)).toThrow(RangeError);
  });
});
