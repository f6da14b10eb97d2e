import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { besselJ0, jakesCorrelation } from '../../../src/models/channel/bessel.ts';
import { hz, seconds } from '../../../src/units.ts';

// Tabulated values (A&S Table 9.1 / scipy.special.j0 / mpmath.besselj), not produced by our code.
const TABLE: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0.1, 0.99750156206604],
  [0.5, 0.938469807240813],
  [1, 0.7651976865579666],
  [2.404825557695773, 0], // first zero j_{0,1}
  [3, -0.2600519549019335],
  [5, -0.1775967713143383],
  [5.520078110286311, 0], // second zero j_{0,2}
  [7.5, 0.2663396578803784],
  [10, -0.2459357644513483],
  [15, -0.014224472826780597],
  [20, 0.1670246643405831],
  [30, -0.08636798358104031],
  [40, 0.007366890584236951],
  [50, 0.0558123276692518],
];

/** Independent check: the power series sum_k (-x^2/4)^k / (k!)^2, fine for |x| <= 10. */
function j0Series(x: number): number {
  const q = -(x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 80; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

describe('besselJ0', () => {
  it.each(TABLE)('J0(%d) matches the tabulated value to 1e-10', (x, want) => {
    expect(Math.abs(besselJ0(x) - want)).toBeLessThan(1e-10);
  });

  it('agrees with the power series on [0, 10] and is even', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (x) => {
        expect(Math.abs(besselJ0(x) - j0Series(x))).toBeLessThan(1e-11);
        expect(besselJ0(-x)).toBe(besselJ0(x));
      }),
    );
  });

  it('stays within [-1, 1] and decays like sqrt(2 / (pi x))', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), (x) => {
        const v = besselJ0(x);
        expect(Math.abs(v)).toBeLessThanOrEqual(1);
        if (x > 1) expect(Math.abs(v)).toBeLessThanOrEqual(Math.sqrt(2 / (Math.PI * x)) + 1e-9);
      }),
    );
  });

  it('maps non-finite inputs sensibly', () => {
    expect(besselJ0(NaN)).toBeNaN();
    expect(besselJ0(Infinity)).toBe(0);
  });
});

describe('jakesCorrelation', () => {
  it('is J0(2 pi f_d L): paper 003 defaults f_d = 10 Hz, L = 200 ms give J0(4 pi)', () => {
    expect(jakesCorrelation(hz(10), seconds(0.2))).toBeCloseTo(0.15750739248213824, 12);
    expect(jakesCorrelation(hz(0), seconds(0.2))).toBe(1);
  });

  it('rejects negative Doppler or slot length', () => {
    expect(() => jakesCorrelation(hz(-1), seconds(0.2))).toThrow(RangeError);
    expect(() => jakesCorrelation(hz(1), seconds(-0.2))).toThrow(RangeError);
  });
});
