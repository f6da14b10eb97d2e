import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RunningNormalizer } from '../../../src/agents/common/normalizer.ts';

/** Two-pass mean and population variance per column: the closed form the online updates must match. */
function closedForm(rows: number[][]): { mean: number[]; variance: number[] } {
  const d = rows[0].length;
  const mean = Array.from({ length: d }, (_, i) => rows.reduce((a, r) => a + r[i], 0) / rows.length);
  const variance = Array.from({ length: d }, (_, i) => rows.reduce((a, r) => a + (r[i] - mean[i]) ** 2, 0) / rows.length);
  return { mean, variance };
}

const rowsArb = fc.integer({ min: 1, max: 4 }).chain((d) =>
  fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 40 }),
);

function expectClose(got: ArrayLike<number>, want: number[], scale: number): void {
  want.forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(1e-9 * scale + 1e-9));
}

describe('RunningNormalizer', () => {
  it('sample-by-sample Welford updates match the two-pass mean and variance', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const n = new RunningNormalizer(rows[0].length);
        rows.forEach((r) => n.update(r));
        const { mean, variance } = closedForm(rows);
        expect(n.count).toBe(rows.length);
        expectClose(n.mean, mean, 1e3);
        expectClose(n.variance, variance, 1e6);
      }),
    );
  });

  it('batch merges (Chan et al.) match the two-pass statistics however the data is split', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 40 }), (rows, cut) => {
        const d = rows[0].length;
        const k = Math.min(cut, rows.length);
        const n = new RunningNormalizer(d);
        n.updateBatch(rows.slice(0, k).flat());
        n.updateBatch(rows.slice(k).flat());
        const { mean, variance } = closedForm(rows);
        expectClose(n.mean, mean, 1e3);
        expectClose(n.variance, variance, 1e6);
      }),
    );
  });

  it('normalizes to (x - mean) / sqrt(var + eps), clipped', () => {
    const n = new RunningNormalizer(2, { clip: 5 });
    // Column 0: {1, 3} -> mean 2, var 1. Column 1: {10, 10} -> mean 10, var 0.
    n.update([1, 10]);
    n.update([3, 10]);
    const z = n.normalize(Float32Array.of(4, 10, 2, 10 + 1e-3));
    expect(z[0]).toBeCloseTo(2 / Math.sqrt(1 + 1e-8), 6);
    expect(z[1]).toBe(0);
    expect(z[2]).toBe(0);
    expect(z[3]).toBe(5); // 1e-3 / sqrt(1e-8) = 10 -> clipped
  });

  it('is the identity before any data and round-trips its state', () => {
    const n = new RunningNormalizer(3);
    expect(Array.from(n.normalize([0.5, -2, 3]))).toEqual(Array.from(Float32Array.of(0.5, -2, 3).map((x) => x / Math.sqrt(1 + 1e-8))));
    n.update([1, 2, 3]);
    n.update([2, 0, 3]);
    const m = new RunningNormalizer(3);
    m.restore(n.state());
    expect(Array.from(m.normalize([5, 5, 5]))).toEqual(Array.from(n.normalize([5, 5, 5])));
    expect(() => n.update([1, 2])).toThrow(/multiple of 3/);
  });
});
