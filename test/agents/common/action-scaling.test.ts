import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { boxToUnit, requireBox, unitToBox } from '../../../src/agents/common/action-scaling.ts';
import { box, contains, discrete } from '../../../src/agents/common/spaces.ts';

const boundsArb = fc
  .array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 100, noNaN: true })), { minLength: 1, maxLength: 4 })
  .map((pairs) => box(pairs.length, pairs.map(([lo]) => lo), pairs.map(([lo, w]) => lo + w)));

describe('unit-box action scaling', () => {
  it('maps -1, 0, 1 to low, centre, high', () => {
    const b = box(2, [-2, 0], [2, 10]);
    expect(Array.from(unitToBox(b, [-1, -1]))).toEqual([-2, 0]);
    expect(Array.from(unitToBox(b, [0, 0]))).toEqual([0, 5]);
    expect(Array.from(unitToBox(b, [1, 1]))).toEqual([2, 10]);
  });

  it('always lands inside the box, whatever the network outputs', () => {
    fc.assert(
      fc.property(boundsArb, fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }), (b, u) => {
        expect(contains(b, { continuous: unitToBox(b, u) })).toBe(true);
      }),
    );
  });

  it('boxToUnit inverts unitToBox up to float32 rounding', () => {
    fc.assert(
      fc.property(boundsArb, fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), (b, u) => {
        const back = boxToUnit(b, unitToBox(b, u));
        for (let i = 0; i < b.size; i++) {
          const width = b.high[i] - b.low[i];
          // float32 keeps ~7 digits of max(|low|, |high|); relative to the width that is the error bound.
          const tol = (4e-7 * Math.max(Math.abs(b.low[i]), Math.abs(b.high[i]), width)) / width + 1e-6;
          expect(Math.abs(back[i] - u[i])).toBeLessThanOrEqual(2 * tol);
        }
      }),
    );
  });

  it('requireBox accepts finite boxes only', () => {
    expect(() => requireBox(discrete(3), 'ddpg')).toThrow(/ddpg needs a box action space/);
    expect(() => requireBox(box(1, -Infinity, 1), 'sac')).toThrow(/finite action bounds/);
    expect(requireBox(box(1, -1, 1), 'td3').size).toBe(1);
  });
});
