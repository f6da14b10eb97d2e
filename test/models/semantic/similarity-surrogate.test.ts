import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { surrogateModel, surrogateSimilarity } from '../../../src/models/semantic/similarity-surrogate.ts';
import { MULTICELL_SIMILARITY_SURROGATE } from '../../../src/scenarios/multicell-ee/constants.ts';

const k = fc.double({ min: 0, max: 1, noNaN: true });
const sinr = fc.double({ min: -60, max: 80, noNaN: true });

describe('semantic-accuracy surrogate xi(k, SINR) (stands in for 004 eq. 5)', () => {
  it('matches a hand calculation at the knee', () => {
    // k = 1: knee at 0 dB -> sigmoid 1/2; ceiling 0.4 + 0.58 (1 - e^-4) = 0.9693769; xi = 0.1 + 0.8693769 / 2 = 0.5346885
    expect(surrogateSimilarity(1, 0, MULTICELL_SIMILARITY_SURROGATE)).toBeCloseTo(0.5346885, 6);
    // k = 0: knee at 8 dB, ceiling 0.4 -> 0.1 + 0.3 / 2
    expect(surrogateSimilarity(0, 8, MULTICELL_SIMILARITY_SURROGATE)).toBeCloseTo(0.25, 12);
  });

  it('tends to the floor at -inf dB and to the ceiling at +inf dB', () => {
    expect(surrogateSimilarity(0.5, -Infinity, MULTICELL_SIMILARITY_SURROGATE)).toBe(MULTICELL_SIMILARITY_SURROGATE.floor);
    expect(surrogateSimilarity(0.5, Infinity, MULTICELL_SIMILARITY_SURROGATE)).toBeCloseTo(0.4 + 0.58 * (1 - Math.exp(-2)), 12);
  });

  it('stays in [floor, ceilingMax] within [0, 1]', () => {
    fc.assert(
      fc.property(k, sinr, (kk, s) => {
        const xi = surrogateSimilarity(kk, s, MULTICELL_SIMILARITY_SURROGATE);
        expect(xi).toBeGreaterThanOrEqual(MULTICELL_SIMILARITY_SURROGATE.floor);
        expect(xi).toBeLessThanOrEqual(MULTICELL_SIMILARITY_SURROGATE.ceilingMax);
      }),
    );
  });

  it('never falls when k (less compression) or SINR rises, for any valid config', () => {
    const config = fc
      .record({
        a: fc.double({ min: 0, max: 1, noNaN: true }),
        b: fc.double({ min: 0, max: 1, noNaN: true }),
        c: fc.double({ min: 0, max: 1, noNaN: true }),
        scale: fc.double({ min: 0.01, max: 2, noNaN: true }),
        m0: fc.double({ min: -10, max: 20, noNaN: true }),
        drop: fc.double({ min: 0, max: 20, noNaN: true }),
        width: fc.double({ min: 0.1, max: 10, noNaN: true }),
      })
      .map(({ a, b, c, scale, m0, drop, width }) => {
        const [floor, c0, cMax] = [a, b, c].sort((x, y) => x - y);
        return { floor, ceilingAtZeroK: c0, ceilingMax: cMax, ceilingScale: scale, midpointDbAtZeroK: m0, midpointDbAtFullK: m0 - drop, widthDb: width };
      });
    fc.assert(
      fc.property(config, k, k, sinr, sinr, (cfg, k1, k2, s1, s2) => {
        const f = surrogateModel(cfg);
        const [kl, kh] = k1 <= k2 ? [k1, k2] : [k2, k1];
        const [sl, sh] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(f(kh, sl)).toBeGreaterThanOrEqual(f(kl, sl) - 1e-15);
        expect(f(kl, sh)).toBeGreaterThanOrEqual(f(kl, sl) - 1e-15);
        expect(f(kh, sh)).toBeGreaterThanOrEqual(0);
        expect(f(kh, sh)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('rejects configs that would break monotonicity or bounds, and bad arguments', () => {
    const d = MULTICELL_SIMILARITY_SURROGATE;
    expect(() => surrogateModel({ ...d, ceilingMax: 1.2 })).toThrow(RangeError);
    expect(() => surrogateModel({ ...d, floor: 0.5 })).toThrow(RangeError); // floor above ceilingAtZeroK
    expect(() => surrogateModel({ ...d, midpointDbAtFullK: 10 })).toThrow(RangeError); // knee would move up with k
    expect(() => surrogateSimilarity(1.5, 0, MULTICELL_SIMILARITY_SURROGATE)).toThrow(RangeError);
    expect(() => surrogateSimilarity(0.5, NaN, MULTICELL_SIMILARITY_SURROGATE)).toThrow(RangeError);
  });
});
