import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maxCompressionForAccuracy, taskAccuracy } from '../../../src/models/semantic/accuracy.ts';
import { TOSCN_ACCURACY_CURVES } from '../../../src/scenarios/toscn/constants.ts';

const [task1, task2, task3] = TOSCN_ACCURACY_CURVES;

describe('taskAccuracy (003 eq. 21, Table III)', () => {
  it('matches hand calculations at eta = 0.5 and 0.9', () => {
    // task 1: 0.9^15.408 = exp(15.408 ln 0.9) = exp(-1.623396) = 0.197228 -> 0.925 - 0.633 * 0.197228 = 0.800155
    expect(taskAccuracy(task1, 0.9)).toBeCloseTo(0.800155, 6);
    // task 1: 0.5^15.408 = 2^-15.408 = 2.3000e-5 -> 0.925 - 1.4559e-5 = 0.924985
    expect(taskAccuracy(task1, 0.5)).toBeCloseTo(0.924985, 6);
    // task 2: 0.9^19.136 = exp(-2.016157) = 0.133163 -> 0.901 - 0.639 * 0.133163 = 0.815909
    expect(taskAccuracy(task2, 0.9)).toBeCloseTo(0.815909, 6);
    // task 3: 0.9^12.474 = exp(-1.314267) = 0.268671 -> 0.917 - 0.737 * 0.268671 = 0.718989
    expect(taskAccuracy(task3, 0.9)).toBeCloseTo(0.718989, 6);
    // task 3: 0.5^12.474 = 1.75773e-4 -> 0.917 - 1.29545e-4 = 0.916870
    expect(taskAccuracy(task3, 0.5)).toBeCloseTo(0.91687, 5);
  });

  it('equals a3 without compression and rejects eta outside [0, 1)', () => {
    for (const c of TOSCN_ACCURACY_CURVES) expect(taskAccuracy(c, 0)).toBe(c.a3);
    expect(() => taskAccuracy(task1, 1)).toThrow(RangeError);
    expect(() => taskAccuracy(task1, -0.1)).toThrow(RangeError);
    expect(() => taskAccuracy(task1, NaN)).toThrow(RangeError);
  });

  it('never rises with compression', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), (j, x, y) => {
        const c = TOSCN_ACCURACY_CURVES[j];
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(taskAccuracy(c, hi)).toBeLessThanOrEqual(taskAccuracy(c, lo));
      }),
    );
  });
});

describe('maxCompressionForAccuracy (inverse of 003 eq. 21)', () => {
  it('matches the closed form for A_min = 0.7 and 0.8', () => {
    // task 1: ((0.8 - 0.925) / -0.633)^(1/15.408) = 0.197472^0.0649014 = 0.900072
    expect(maxCompressionForAccuracy(task1, 0.8)).toBeCloseTo(0.900072, 5);
    // task 3: ((0.7 - 0.917) / -0.737)^(1/12.474) = 0.294437^0.0801668 = 0.906632
    expect(maxCompressionForAccuracy(task3, 0.7)).toBeCloseTo(0.906632, 5);
  });

  it('round-trips: the returned eta meets the floor exactly and a larger eta misses it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0.3, max: 0.9, noNaN: true }), (j, aMin) => {
        const c = TOSCN_ACCURACY_CURVES[j];
        const eta = maxCompressionForAccuracy(c, aMin);
        if (aMin > c.a3) {
          expect(eta).toBeNull();
          return;
        }
        expect(eta).not.toBeNull();
        const e = eta as number;
        if (e >= 1) {
          expect(c.a1 + c.a3).toBeGreaterThanOrEqual(aMin);
          return;
        }
        expect(taskAccuracy(c, e)).toBeCloseTo(aMin, 9);
        const bigger = Math.min(e + 1e-3, 0.999999);
        if (bigger > e) expect(taskAccuracy(c, bigger)).toBeLessThan(aMin);
      }),
    );
  });

  it('is null when even eta = 0 misses the floor and 1 when every eta meets it', () => {
    expect(maxCompressionForAccuracy(task2, 0.95)).toBeNull();
    expect(maxCompressionForAccuracy(task1, 0.1)).toBe(1); // a1 + a3 = 0.292 >= 0.1
  });
});
