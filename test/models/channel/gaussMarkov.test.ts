import { describe, it, expect } from 'vitest';
import { initGaussMarkov, stepGaussMarkov } from '../../../src/models/channel/gaussMarkov.ts';
import { jakesCorrelation } from '../../../src/models/channel/bessel.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { hz, seconds } from '../../../src/units.ts';

/**
 * Runs `links` processes for `steps` slots and returns the sample estimates of
 * E|g|^2 and Re E[g[t] conj(g[t-lag])] for lag 1 and 2.
 */
function statistics(rho: number, links: number, steps: number, seed: number) {
  const rng = new RootRandom(seed).stream('fading');
  const st = initGaussMarkov(links, rng);
  const hist: Array<[Float64Array, Float64Array]> = [[st.re.slice(), st.im.slice()]];
  let power = 0;
  let c1 = 0;
  let c2 = 0;
  let n1 = 0;
  let n2 = 0;
  for (let t = 1; t <= steps; t++) {
    stepGaussMarkov(st, rho, rng);
    hist.push([st.re.slice(), st.im.slice()]);
    const [p1re, p1im] = hist[t - 1];
    for (let i = 0; i < links; i++) {
      power += st.re[i] * st.re[i] + st.im[i] * st.im[i];
      c1 += st.re[i] * p1re[i] + st.im[i] * p1im[i];
      n1++;
    }
    if (t >= 2) {
      const [p2re, p2im] = hist[t - 2];
      for (let i = 0; i < links; i++) c2 += st.re[i] * p2re[i] + st.im[i] * p2im[i];
      n2 += links;
    }
  }
  return { power: power / n1, lag1: c1 / n1, lag2: c2 / n2 };
}

describe('complex Gauss-Markov fading', () => {
  it.each([0.64, jakesCorrelation(hz(10), seconds(0.2)), 0.95, 0])('rho = %s: E|g|^2 ≈ 1, lag-1 ≈ rho, lag-2 ≈ rho^2', (rho) => {
    const s = statistics(rho, 2000, 40, 21);
    // 80k (correlated) samples: the estimators' std is below ~0.01 even at rho = 0.95.
    expect(Math.abs(s.power - 1)).toBeLessThan(0.04);
    expect(Math.abs(s.lag1 - rho)).toBeLessThan(0.03);
    expect(Math.abs(s.lag2 - rho * rho)).toBeLessThan(0.03);
  });

  it('rho = 1 freezes the channel; the update is deterministic for a seed', () => {
    const rng = new RootRandom(3).stream('frozen');
    const st = initGaussMarkov(16, rng);
    const re = st.re.slice();
    const im = st.im.slice();
    stepGaussMarkov(st, 1, rng);
    expect(Array.from(st.re)).toEqual(Array.from(re));
    expect(Array.from(st.im)).toEqual(Array.from(im));

    const a = initGaussMarkov(8, new RootRandom(4).stream('x'));
    const b = initGaussMarkov(8, new RootRandom(4).stream('x'));
    stepGaussMarkov(a, 0.5, new RootRandom(5).stream('y'));
    stepGaussMarkov(b, 0.5, new RootRandom(5).stream('y'));
    expect(Array.from(a.re)).toEqual(Array.from(b.re));
  });

  it('rejects rho outside [-1, 1]', () => {
    const rng = new RootRandom(3).stream('bad');
    const st = initGaussMarkov(2, rng);
    expect(() => stepGaussMarkov(st, 1.1, rng)).toThrow(RangeError);
    expect(() => stepGaussMarkov(st, NaN, rng)).toThrow(RangeError);
  });
});
