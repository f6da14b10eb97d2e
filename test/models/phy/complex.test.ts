import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { type ComplexMatrix, asComplexMatrix, complexMatrix, gramRows, invert } from '../../../src/models/phy/complex.ts';
import { RootRandom } from '../../../src/random/index.ts';

function product(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const out = complexMatrix(a.rows, b.cols);
  for (let r = 0; r < a.rows; r++) {
    for (let c = 0; c < b.cols; c++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < a.cols; k++) {
        sr += a.re[r * a.cols + k] * b.re[k * b.cols + c] - a.im[r * a.cols + k] * b.im[k * b.cols + c];
        si += a.re[r * a.cols + k] * b.im[k * b.cols + c] + a.im[r * a.cols + k] * b.re[k * b.cols + c];
      }
      out.re[r * b.cols + c] = sr;
      out.im[r * b.cols + c] = si;
    }
  }
  return out;
}

function random(rows: number, cols: number, seed: number): ComplexMatrix {
  const rng = new RootRandom(seed).stream('m');
  const m = complexMatrix(rows, cols);
  for (let i = 0; i < rows * cols; i++) [m.re[i], m.im[i]] = rng.complexGaussian(1);
  return m;
}

describe('complex matrices', () => {
  it('gramRows by hand: rows [1, j] and [1, 1] give [[2, 1 + j], [1 - j, 2]]', () => {
    const g = gramRows(asComplexMatrix(2, 2, new Float64Array([1, 0, 1, 1]), new Float64Array([0, 1, 0, 0])));
    expect(Array.from(g.re)).toEqual([2, 1, 1, 2]);
    expect(Array.from(g.im)).toEqual([0, 1, -1, 0]);
  });

  it('invert by hand: [[0, j], [2, 0]]^-1 = [[0, 1/2], [-j, 0]] (needs a pivot swap)', () => {
    const inv = invert(asComplexMatrix(2, 2, new Float64Array([0, 0, 2, 0]), new Float64Array([0, 1, 0, 0])));
    expect(Array.from(inv.re).map((x) => x + 0)).toEqual([0, 0.5, 0, 0]);
    expect(Array.from(inv.im).map((x) => x + 0)).toEqual([0, 0, -1, 0]);
  });

  it('A A^-1 = I for random well-conditioned matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 0xffffffff }), (n, seed) => {
        // Gram matrix of n random rows in C^(n+3): Hermitian positive definite with probability 1.
        const a = gramRows(random(n, n + 3, seed));
        const p = product(a, invert(a));
        for (let r = 0; r < n; r++) {
          for (let c = 0; c < n; c++) {
            expect(p.re[r * n + c]).toBeCloseTo(r === c ? 1 : 0, 8);
            expect(p.im[r * n + c]).toBeCloseTo(0, 8);
          }
        }
      }),
    );
  });

  it('rejects singular and non-square matrices', () => {
    expect(() => invert(complexMatrix(2, 2))).toThrow(RangeError);
    expect(() => invert(complexMatrix(2, 3))).toThrow(RangeError);
    expect(() => asComplexMatrix(2, 2, new Float64Array(3), new Float64Array(4))).toThrow(RangeError);
  });
});
