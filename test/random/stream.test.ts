import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RandomStream } from '../../src/random/stream.ts';

/**
 * Moment checks with fixed seeds: deterministic, so never flaky. Tolerances are 5 standard
 * errors of the estimator (stated per test), so a wrong formula fails by a wide margin.
 */
const N = 200_000;

function sample(n: number, draw: () => number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = draw();
  return xs;
}

function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  const mean = sum / xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/** Pearson chi-square of observed counts against expected probabilities (tail mass merged into the last bin). */
function chiSquare(counts: number[], probs: number[], n: number): number {
  let chi = 0;
  for (let k = 0; k < counts.length; k++) chi += (counts[k] - n * probs[k]) ** 2 / (n * probs[k]);
  return chi;
}

function poissonPmf(mean: number, k: number): number {
  let logP = -mean + k * Math.log(mean);
  for (let i = 2; i <= k; i++) logP -= Math.log(i);
  return Math.exp(logP);
}

describe('RandomStream distributions (seeded)', () => {
  it('uniform: mean 1/2, variance 1/12; uniformIn scales onto [lo, hi)', () => {
    const s = new RandomStream('uniform', 1);
    const u = moments(sample(N, () => s.uniform()));
    const s2 = new RandomStream('u2', 2);
    // se(mean) = 0.289/sqrt(N) = 6.5e-4; se(var) = 1.7e-4.
    expect(Math.abs(u.mean - 0.5)).toBeLessThan(5 * 6.5e-4);
    expect(Math.abs(u.variance - 1 / 12)).toBeLessThan(5 * 1.7e-4);
    const xs = sample(N, () => s2.uniformIn(-3, 5));
    const m = moments(xs);
    expect(Math.abs(m.mean - 1)).toBeLessThan(5 * 8 * 6.5e-4);
    expect(Math.abs(m.variance - 64 / 12)).toBeLessThan(5 * 64 * 1.7e-4);
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(-3);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThan(5);
  });

  it('int(n): every value in [0, n) about equally often (chi-square, 6 dof)', () => {
    const r = new RandomStream('int', 3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[r.int(7)]++;
    // 99.99th percentile of chi-square with 6 dof is 27.9.
    expect(chiSquare(counts, new Array(7).fill(1 / 7), 70_000)).toBeLessThan(27.9);
  });

  it('normal: mean and variance as asked; the cached second value of a pair is uncorrelated with the first', () => {
    const r = new RandomStream('normal', 4);
    const z = sample(N, () => r.normal());
    const m = moments(z);
    // se(mean) = 1/sqrt(N) = 2.2e-3; se(var) = sqrt(2/N) = 3.2e-3.
    expect(Math.abs(m.mean)).toBeLessThan(5 * 2.2e-3);
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * 3.2e-3);
    let lag = 0;
    for (let i = 0; i + 1 < N; i += 2) lag += z[i] * z[i + 1];
    // se of the mean product over N/2 pairs = sqrt(2/N) = 3.2e-3.
    expect(Math.abs(lag / (N / 2))).toBeLessThan(5 * 3.2e-3);
    const scaled = moments(sample(N, () => r.normal(3, 0.5)));
    expect(Math.abs(scaled.mean - 3)).toBeLessThan(5 * 0.5 * 2.2e-3);
    expect(Math.abs(scaled.variance - 0.25)).toBeLessThan(5 * 0.25 * 3.2e-3);
  });

  it('exponential(rate): mean 1/rate, variance 1/rate^2, never negative', () => {
    const r = new RandomStream('exp', 5);
    const xs = sample(N, () => r.exponential(2));
    const m = moments(xs);
    // se(mean) = 0.5/sqrt(N) = 1.1e-3; se(var) = sqrt(8/N)/4 = 1.6e-3.
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * 1.1e-3);
    expect(Math.abs(m.variance - 0.25)).toBeLessThan(5 * 1.6e-3);
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0);
  });

  for (const [mean, seMean, seVar] of [
    // se(mean) = sqrt(m/N); se(var) = sqrt((m(1 + 3m) - m^2)/N).
    [2, Math.sqrt(2 / N), Math.sqrt(10 / N)],
    [50, Math.sqrt(50 / N), Math.sqrt(5050 / N)],
  ] as const) {
    it(`poisson(${mean}): mean and variance ${mean}, integer draws`, () => {
      const r = new RandomStream(`poisson${mean}`, 6);
      const xs = sample(N, () => r.poisson(mean));
      const m = moments(xs);
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * seMean);
      expect(Math.abs(m.variance - mean)).toBeLessThan(5 * seVar);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    });
  }

  for (const [mean, lo, hi, bins, limit] of [
    // Bins lo..hi plus the tails (a bin expecting < 5 draws is left out); the limits are the
    // 99.99th percentiles of chi-square with bins - 1 degrees of freedom (8 and 40).
    [2, 0, 7, 9, 31.83],
    [50, 32, 70, 41, 82.06],
  ] as const) {
    it(`poisson(${mean}) follows the Poisson pmf bin by bin (chi-square)`, () => {
      const r = new RandomStream(`pmf${mean}`, 8);
      const n = 100_000;
      const counts = new Array(hi - lo + 3).fill(0);
      for (let i = 0; i < n; i++) {
        const k = r.poisson(mean);
        counts[k < lo ? 0 : k > hi ? hi - lo + 2 : k - lo + 1]++;
      }
      const probs = Array.from({ length: hi - lo + 1 }, (_, j) => poissonPmf(mean, lo + j));
      let below = 0;
      for (let k = 0; k < lo; k++) below += poissonPmf(mean, k);
      const above = 1 - below - probs.reduce((a, b) => a + b, 0);
      const all = [below, ...probs, above];
      const kept = all.map((p, i) => [p, counts[i]] as const).filter(([p]) => p * n >= 5);
      expect(kept.length).toBe(bins);
      expect(chiSquare(kept.map(([, c]) => c), kept.map(([p]) => p), n)).toBeLessThan(limit);
    });
  }

  it('poisson around the method switch (29.5, 30, 30.5) keeps the mean; 0 gives 0; bad means throw', () => {
    for (const mean of [29.5, 30, 30.5]) {
      const r = new RandomStream('switch', 9);
      const m = moments(sample(N / 2, () => r.poisson(mean)));
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(mean / (N / 2)));
    }
    const r = new RandomStream('zero', 1);
    expect(r.poisson(0)).toBe(0);
    for (const bad of [-1, NaN, Infinity]) expect(() => r.poisson(bad)).toThrow(RangeError);
  });

  it('complexGaussian: E|z|^2 = variance, parts independent with half the variance each', () => {
    const r = new RandomStream('cn', 10);
    let power = 0;
    let re2 = 0;
    let cross = 0;
    for (let i = 0; i < N; i++) {
      const [a, b] = r.complexGaussian();
      power += a * a + b * b;
      re2 += a * a;
      cross += a * b;
    }
    // |z|^2 ~ Exp(1): se = 1/sqrt(N) = 2.2e-3; re^2 has sd 1/sqrt(2); a b has sd 1/2.
    expect(Math.abs(power / N - 1)).toBeLessThan(5 * 2.2e-3);
    expect(Math.abs(re2 / N - 0.5)).toBeLessThan(5 * 1.6e-3);
    expect(Math.abs(cross / N)).toBeLessThan(5 * 1.1e-3);
    let p3 = 0;
    for (let i = 0; i < N; i++) {
      const [a, b] = r.complexGaussian(3);
      p3 += a * a + b * b;
    }
    expect(Math.abs(p3 / N - 3)).toBeLessThan(5 * 3 * 2.2e-3);
  });

  it('fillUniform/fillNormal equal the same number of single draws; seed32 is a 32-bit unsigned integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 33 }), (seed, n) => {
        const a = new RandomStream('f', seed);
        const b = new RandomStream('f', seed);
        const u = new Float64Array(n);
        a.fillUniform(u, -1, 3);
        expect(Array.from(u)).toEqual(Array.from({ length: n }, () => -1 + 4 * b.uniform()));
        const z = new Float64Array(n);
        a.fillNormal(z, 2, 0.5);
        expect(Array.from(z)).toEqual(Array.from({ length: n }, () => b.normal(2, 0.5)));
        const w = a.seed32();
        expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
