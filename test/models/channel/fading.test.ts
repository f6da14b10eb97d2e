import { describe, it, expect } from 'vitest';
import { fadingPowers, fillRayleigh, fillRician, rayleigh, rician, ricianFromScatter } from '../../../src/models/channel/fading.ts';
import { RootRandom } from '../../../src/random/index.ts';

const N = 100_000;

/** Sample mean (complex), variance E|g - mean|^2, and mean power E|g|^2. */
function moments(re: Float64Array, im: Float64Array): { mr: number; mi: number; variance: number; power: number } {
  let sr = 0;
  let si = 0;
  let p = 0;
  for (let i = 0; i < re.length; i++) {
    sr += re[i];
    si += im[i];
    p += re[i] * re[i] + im[i] * im[i];
  }
  const mr = sr / re.length;
  const mi = si / re.length;
  const power = p / re.length;
  return { mr, mi, power, variance: power - mr * mr - mi * mi };
}

describe('Rayleigh fading', () => {
  it('E|g|^2 ≈ 1, zero mean, and |g|^2 ~ Exp(1): P(|g|^2 > 1) ≈ e^-1', () => {
    const re = new Float64Array(N);
    const im = new Float64Array(N);
    fillRayleigh(re, im, new RootRandom(11).stream('ray'));
    const m = moments(re, im);
    // |g|^2 ~ Exp(1) has std 1, so the sample mean has std 1/sqrt(N) ≈ 0.0032.
    expect(Math.abs(m.power - 1)).toBeLessThan(0.016);
    expect(Math.hypot(m.mr, m.mi)).toBeLessThan(0.016);
    const pw = fadingPowers(re, im);
    const tail = pw.filter((x) => x > 1).length / N;
    expect(Math.abs(tail - Math.exp(-1))).toBeLessThan(0.008);
  });

  it('single draws follow the same law', () => {
    const rng = new RootRandom(12).stream('ray1');
    let p = 0;
    for (let i = 0; i < N; i++) {
      const [a, b] = rayleigh(rng);
      p += a * a + b * b;
    }
    expect(Math.abs(p / N - 1)).toBeLessThan(0.016);
  });
});

describe('Rician fading', () => {
  it.each([0.5, 3, 10])('K = %s with a fixed LoS phase: mean power 1, |mean|^2 / var = K, mean phase = LoS phase', (K) => {
    const phase = 0.7;
    const re = new Float64Array(N);
    const im = new Float64Array(N);
    fillRician(re, im, new RootRandom(13).stream(`ric-${K}`), K, phase);
    const m = moments(re, im);
    expect(Math.abs(m.power - 1)).toBeLessThan(0.016);
    // var = 1/(K+1) exactly, |mean|^2 = K/(K+1).
    expect(Math.abs(m.variance - 1 / (K + 1))).toBeLessThan(0.01);
    const ratio = (m.mr * m.mr + m.mi * m.mi) / m.variance;
    expect(Math.abs(ratio / K - 1)).toBeLessThan(0.05);
    expect(Math.abs(Math.atan2(m.mi, m.mr) - phase)).toBeLessThan(0.02);
  });

  it('with drawn LoS phases the mean vanishes but the power stays 1', () => {
    const re = new Float64Array(N);
    const im = new Float64Array(N);
    fillRician(re, im, new RootRandom(14).stream('ric-drawn'), 5);
    const m = moments(re, im);
    expect(Math.abs(m.power - 1)).toBeLessThan(0.016);
    expect(Math.hypot(m.mr, m.mi)).toBeLessThan(0.02);
  });

  it('K = 0 is Rayleigh, and ricianFromScatter reproduces the closed form', () => {
    // With the LoS phase given, K = 0 consumes exactly the scattered draw: same stream, same value.
    const [a, b] = rician(new RootRandom(15).stream('ric0'), { kFactor: 0, losPhase: 1 });
    const [c, d] = new RootRandom(15).stream('ric0').complexGaussian(1);
    expect(a).toBeCloseTo(c, 15);
    expect(b).toBeCloseTo(d, 15);
    const sre = new Float64Array([0.3, -1.2]);
    const sim = new Float64Array([0.4, 0.5]);
    const ph = new Float64Array([0, Math.PI / 2]);
    const ore = new Float64Array(2);
    const oim = new Float64Array(2);
    ricianFromScatter(sre, sim, 3, ph, ore, oim);
    // K = 3: LoS amplitude sqrt(3/4), scatter weight sqrt(1/4) = 1/2.
    expect(ore[0]).toBeCloseTo(Math.sqrt(0.75) + 0.15, 14);
    expect(oim[0]).toBeCloseTo(0.2, 14);
    expect(ore[1]).toBeCloseTo(-0.6, 14);
    expect(oim[1]).toBeCloseTo(Math.sqrt(0.75) + 0.25, 14);
    ricianFromScatter(sre, sim, 0, ph, ore, oim);
    expect(Array.from(ore)).toEqual(Array.from(sre));
    expect(Array.from(oim)).toEqual(Array.from(sim));
  });

  it('rejects invalid K-factors', () => {
    const rng = new RootRandom(1).stream('bad');
    expect(() => rician(rng, { kFactor: -1 })).toThrow(RangeError);
    expect(() => rician(rng, { kFactor: NaN })).toThrow(RangeError);
  });
});
