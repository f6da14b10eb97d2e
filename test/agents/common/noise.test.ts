import { describe, it, expect } from 'vitest';
import { GaussianNoise, OrnsteinUhlenbeckNoise, makeNoise } from '../../../src/agents/common/noise.ts';
import { RandomStream } from '../../../src/random/index.ts';

function stats(xs: number[]): { mean: number; variance: number; lag1: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
  let cov = 0;
  for (let i = 1; i < n; i++) cov += (xs[i] - mean) * (xs[i - 1] - mean);
  return { mean, variance, lag1: cov / (n - 1) / variance };
}

describe('exploration noise', () => {
  it('Gaussian noise has the configured mean and std and no memory', () => {
    const g = new GaussianNoise(new RandomStream('n', 1), 0.3, 0.2);
    const out = new Float32Array(2);
    const xs: number[] = [];
    for (let i = 0; i < 20_000; i++) xs.push(...g.sample(out));
    const s = stats(xs);
    // std error of the mean: 0.3 / sqrt(40 000) = 0.0015
    expect(Math.abs(s.mean - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(s.variance) - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(s.lag1)).toBeLessThan(0.03);
  });

  it('OU noise is the AR(1) process with lag-1 correlation 1 - theta dt and its stationary variance', () => {
    const theta = 0.15;
    const dt = 1; // strong mean reversion so a short run mixes
    const sigma = 0.4;
    const ou = new OrnsteinUhlenbeckNoise(new RandomStream('ou', 2), 1, sigma, { theta, dt });
    const out = new Float32Array(1);
    for (let i = 0; i < 200; i++) ou.sample(out); // burn-in from x0 = 0
    const xs: number[] = [];
    for (let i = 0; i < 40_000; i++) xs.push(ou.sample(out)[0]);
    const phi = 1 - theta * dt;
    const stationary = (sigma * sigma * dt) / (1 - phi * phi);
    const s = stats(xs);
    expect(Math.abs(s.lag1 - phi)).toBeLessThan(0.02);
    expect(Math.abs(s.variance / stationary - 1)).toBeLessThan(0.1);
  });

  it('OU noise restarts from its mean on reset and is reproducible for a seed', () => {
    const run = () => {
      const ou = new OrnsteinUhlenbeckNoise(new RandomStream('ou', 3), 2, 0.3, { mean: 0.5 });
      const a = Array.from(ou.sample(new Float32Array(2)));
      ou.reset();
      // After reset the state is the mean, so one step is mean + sigma sqrt(dt) z: within 6 std.
      const b = Array.from(ou.sample(new Float32Array(2)));
      b.forEach((x) => expect(Math.abs(x - 0.5)).toBeLessThan(6 * 0.3 * Math.sqrt(0.01)));
      return [a, b];
    };
    expect(run()).toEqual(run());
  });

  it('makeNoise builds what the config names', () => {
    const r = new RandomStream('m', 1);
    expect(makeNoise({ kind: 'none' }, 1, r)).toBeUndefined();
    expect(makeNoise({ kind: 'gaussian', std: 0.1 }, 1, r)).toBeInstanceOf(GaussianNoise);
    expect(makeNoise({ kind: 'ornstein-uhlenbeck', sigma: 0.1 }, 1, r)).toBeInstanceOf(OrnsteinUhlenbeckNoise);
    expect(() => new GaussianNoise(r, -1)).toThrow(/std/);
  });
});
