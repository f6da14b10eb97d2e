import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { interferencePlusNoise, sinrVector } from '../../../src/models/phy/sinr.ts';
import { watt } from '../../../src/units.ts';

describe('SINR (paper 004 eq. (2))', () => {
  it('two cells by hand', () => {
    // gains[m * 2 + j]: from BS j to user m.
    const gains = new Float64Array([1e-8, 1e-10, 2e-10, 4e-9]);
    const powers = new Float64Array([0.1, 0.05]);
    const noise = watt(1e-12);
    const ipn = interferencePlusNoise(gains, powers, noise);
    expect(ipn[0]).toBeCloseTo(0.05 * 1e-10 + 1e-12, 24);
    expect(ipn[1]).toBeCloseTo(0.1 * 2e-10 + 1e-12, 24);
    const g = sinrVector(gains, powers, noise);
    expect(g[0]).toBeCloseTo(1e-9 / 6e-12, 9); // 166.67
    expect(g[1]).toBeCloseTo(2e-10 / 2.1e-11, 9); // 9.524
  });

  it('without cross gains it is the SNR p h / sigma^2', () => {
    const gains = new Float64Array([2, 0, 0, 0, 3, 0, 0, 0, 4]);
    expect(Array.from(sinrVector(gains, new Float64Array([1, 2, 3]), watt(0.5)))).toEqual([4, 12, 24]);
  });

  const arb = fc.integer({ min: 2, max: 7 }).chain((m) =>
    fc.record({
      m: fc.constant(m),
      gains: fc.array(fc.double({ min: 1e-12, max: 1e-6, noNaN: true }), { minLength: m * m, maxLength: m * m }),
      powers: fc.array(fc.double({ min: 1e-4, max: 0.1, noNaN: true }), { minLength: m, maxLength: m }),
      who: fc.integer({ min: 0, max: m - 1 }),
      factor: fc.double({ min: 1.01, max: 100, noNaN: true }),
    }),
  );

  it('falls at every other receiver when any interferer raises its power, rises at its own', () => {
    fc.assert(
      fc.property(arb, ({ m, gains, powers, who, factor }) => {
        const g = Float64Array.from(gains);
        const p = Float64Array.from(powers);
        const before = sinrVector(g, p, watt(1e-13));
        p[who] *= factor;
        const after = sinrVector(g, p, watt(1e-13));
        for (let r = 0; r < m; r++) {
          if (r === who) expect(after[r]).toBeGreaterThan(before[r]);
          else expect(after[r]).toBeLessThan(before[r]);
        }
      }),
    );
  });

  it('is bounded by the interference-free SNR', () => {
    fc.assert(
      fc.property(arb, ({ m, gains, powers }) => {
        const g = Float64Array.from(gains);
        const p = Float64Array.from(powers);
        const s = sinrVector(g, p, watt(1e-13));
        for (let r = 0; r < m; r++) expect(s[r]).toBeLessThanOrEqual((p[r] * g[r * m + r]) / 1e-13);
      }),
    );
  });

  it('rejects mismatched shapes and non-positive noise', () => {
    expect(() => sinrVector(new Float64Array(3), new Float64Array(2), watt(1))).toThrow(RangeError);
    expect(() => sinrVector(new Float64Array(4), new Float64Array(2), watt(0))).toThrow(RangeError);
  });
});
