import type { RandomStream } from '../../random/index.ts';
import { fillRayleigh } from './fading.ts';

/**
 * State of many independent first-order complex Gauss-Markov fading processes, one per link,
 * split into real and imaginary parts (link i = `re[i] + j im[i]`). Updated in place.
 */
export interface GaussMarkovState {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * Starts `n` processes in their stationary law, `g[0] ~ CN(0, 1)`, so `|g|^2 ~ Exp(1)` from the
 * first slot on rather than after a burn-in.
 */
export function initGaussMarkov(n: number, rng: RandomStream): GaussMarkovState {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`link count must be a non-negative integer, got ${n}`);
  const state = { re: new Float64Array(n), im: new Float64Array(n) };
  fillRayleigh(state.re, state.im, rng);
  return state;
}

/**
 * One slot of `g[t] = rho g[t-1] + sqrt(1 - rho^2) e[t]`, `e[t] ~ CN(0, 1)` i.i.d. per link
 * (paper 003 eq. (17), paper 004 eq. (4)), in place, drawing one innovation per link in link
 * order. `rho` in [-1, 1]: from `jakesCorrelation(f_d, L)` or given (paper 004: 0.64).
 * The update preserves `E|g|^2 = 1` and gives lag-1 autocorrelation `E[g[t] conj(g[t-1])] = rho`.
 */
export function stepGaussMarkov(state: GaussMarkovState, rho: number, rng: RandomStream): void {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`rho must be in [-1, 1], got ${rho}`);
  const { re, im } = state;
  if (re.length !== im.length) throw new RangeError('re and im must have the same length');
  // sqrt(1 - rho^2) times the CN(0,1) innovation, whose parts are N(0, 1/2): the same draws as
  // rng.complexGaussian(1), without allocating a pair per link in this hot loop.
  const s = Math.sqrt(1 - rho * rho) * Math.SQRT1_2;
  for (let i = 0; i < re.length; i++) {
    const a = rng.normal();
    const b = rng.normal();
    re[i] = rho * re[i] + s * a;
    im[i] = rho * im[i] + s * b;
  }
}

/**
 * Like `initGaussMarkov`, with one stream per link (`rngs[i]` draws link i's start), so adding
 * a link never changes another link's draws. Link i gets exactly the draws a one-link
 * `initGaussMarkov(1, rngs[i])` would.
 */
export function initGaussMarkovLinks(rngs: readonly RandomStream[]): GaussMarkovState {
  const state = { re: new Float64Array(rngs.length), im: new Float64Array(rngs.length) };
  resetGaussMarkovLinks(state, rngs);
  return state;
}

/** Restarts every link of `state` in the stationary law, link i from `rngs[i]` (in place). */
export function resetGaussMarkovLinks(state: GaussMarkovState, rngs: readonly RandomStream[]): void {
  if (state.re.length !== rngs.length || state.im.length !== rngs.length) throw new RangeError(`${rngs.length} streams for ${state.re.length} links`);
  for (let i = 0; i < rngs.length; i++) {
    const [a, b] = rngs[i].complexGaussian(1);
    state.re[i] = a;
    state.im[i] = b;
  }
}

/**
 * `stepGaussMarkov` with one stream per link: link i draws its innovation from `rngs[i]`,
 * the same two normals a one-link `stepGaussMarkov` on `rngs[i]` would draw (so the values are
 * bit-identical to evolving each link alone).
 */
export function stepGaussMarkovLinks(state: GaussMarkovState, rho: number, rngs: readonly RandomStream[]): void {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`rho must be in [-1, 1], got ${rho}`);
  const { re, im } = state;
  if (re.length !== rngs.length || im.length !== rngs.length) throw new RangeError(`${rngs.length} streams for ${re.length} links`);
  const s = Math.sqrt(1 - rho * rho) * Math.SQRT1_2;
  for (let i = 0; i < re.length; i++) {
    const a = rngs[i].normal();
    const b = rngs[i].normal();
    re[i] = rho * re[i] + s * a;
    im[i] = rho * im[i] + s * b;
  }
}

/** Small-scale power `|g_i|^2` of every link into `out` (in place). */
export function fadingPowerInto(state: GaussMarkovState, out: Float64Array | number[]): void {
  for (let i = 0; i < state.re.length; i++) out[i] = state.re[i] ** 2 + state.im[i] ** 2;
}
