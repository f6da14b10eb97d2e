import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { clipToBox, rescaleFromUnit } from '../../../src/models/projection/box.ts';

describe('clipToBox', () => {
  it('clips per dimension and keeps interior points', () => {
    expect(Array.from(clipToBox([-2, 0.5, 3], 0, 1))).toEqual([0, 0.5, 1]);
    expect(Array.from(clipToBox([-2, 0.5, 3], [-1, 0, 0], [1, 0.2, 5]))).toEqual([-1, 0.2, 3]);
  });

  it('always lands in the box and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { maxLength: 16 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (x, lo, width) => {
        const y = clipToBox(x, lo, lo + width);
        for (const v of y) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(lo + width);
        }
        expect(clipToBox(y, lo, lo + width)).toEqual(y);
      }),
    );
  });

  it('rejects NaN/Infinity and bad bounds', () => {
    expect(() => clipToBox([0, NaN], 0, 1)).toThrow(new RangeError('action[1] is NaN; allowed: finite real numbers'));
    expect(() => clipToBox([0], 1, 0)).toThrow(/need finite lo <= hi/);
    expect(() => clipToBox([0, 1], [0], [1, 1])).toThrow(/length 1, expected 2/);
  });
});

describe('rescaleFromUnit ([-1, 1] -> [lo, hi])', () => {
  it('maps the ends and the middle', () => {
    expect(Array.from(rescaleFromUnit([-1, 0, 1], 2, 6))).toEqual([2, 4, 6]);
    expect(Array.from(rescaleFromUnit([-5, 5], 2, 6))).toEqual([2, 6]); // clipped first
    expect(Array.from(rescaleFromUnit([0, 0], [0, -10], [1, 10]))).toEqual([0.5, 0]);
  });

  it('stays in the box and is monotone', () => {
    fc.assert(
      fc.property(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), (a, b, lo, width) => {
        const hi = lo + width;
        const [ya, yb] = rescaleFromUnit([a, b], lo, hi);
        for (const v of [ya, yb]) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
        if (a <= b) expect(ya).toBeLessThanOrEqual(yb);
      }),
    );
  });

  it('rejects non-finite actions', () => {
    expect(() => rescaleFromUnit([Infinity], 0, 1, 'bandwidth')).toThrow(new RangeError('bandwidth[0] is Infinity; allowed: finite real numbers'));
  });
});
