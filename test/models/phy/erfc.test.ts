import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { erf, erfc, qFunction } from '../../../src/models/phy/erfc.ts';

// Reference values from the C library's erfc (Python math.erfc), independent of our code.
const TABLE: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0.1, 0.8875370839817152],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689274],
  [2, 0.004677734981047265],
  [2.5, 0.0004069520174449589],
  [2.9999, 2.210442648216091e-5],
  [3.0001, 2.2076575870193304e-5],
  [3.5, 7.430983723414128e-7],
  [4, 1.541725790028002e-8],
  [5, 1.5374597944280351e-12],
  [6, 2.1519736712498916e-17],
  [10, 2.088487583762545e-45],
  [20, 5.3958656116079005e-176],
  [-0.5, 1.5204998778130465],
  [-2, 1.9953222650189528],
];

describe('erfc', () => {
  it.each(TABLE)('erfc(%d) matches libm to 1e-14 relative', (x, want) => {
    expect(Math.abs(erfc(x) / want - 1)).toBeLessThan(1e-14);
  });

  it('erfc(x) + erfc(-x) = 2, erf = 1 - erfc, and erfc is decreasing', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (x, dx) => {
        expect(erfc(x) + erfc(-x)).toBeCloseTo(2, 14);
        expect(erf(x)).toBeCloseTo(1 - erfc(x), 14);
        // Non-increasing everywhere; strictly decreasing where the step is well above an ulp of erfc.
        expect(erfc(x + dx)).toBeLessThanOrEqual(erfc(x));
        if (x > -2 && x + dx < 5) expect(erfc(x + dx)).toBeLessThan(erfc(x));
      }),
    );
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
  });

  it('Q(x) is the standard normal tail: Q(0) = 1/2, Q(1.959963984540054) = 0.025', () => {
    expect(qFunction(0)).toBe(0.5);
    expect(qFunction(1.959963984540054)).toBeCloseTo(0.025, 14);
  });
});
