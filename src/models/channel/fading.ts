import type { RandomStream } from '../../random/index.ts';

/**
 * Small-scale fading coefficients. A complex coefficient is a `[re, im]` pair; many links are
 * stored split, as two equally long Float64Arrays (`re[i]`, `im[i]` = link i), so that the
 * Gauss-Markov update and the gain computation stay allocation-free loops.
 */

/** One Rayleigh coefficient `g ~ CN(0, 1)`, so `E|g|^2 = 1` and `|g|^2 ~ Exp(1)` (SPEC §0). */
export function rayleigh(rng: RandomStream): [number, number] {
  return rng.complexGaussian(1);
}

/** Rician fading parameters. */
export interface RicianConfig {
  /** K-factor: power of the line-of-sight path over the scattered power (linear, >= 0). K = 0 is Rayleigh. */
  readonly kFactor: number;
  /**
   * Phase of the line-of-sight component in radians. When omitted a fresh phase is drawn
   * uniformly in [0, 2 pi) for each coefficient (one uniform draw before the scattered part).
   */
  readonly losPhase?: number;
}

function checkK(k: number): void {
  if (!(k >= 0) || !Number.isFinite(k)) throw new RangeError(`Rician K-factor must be finite and >= 0, got ${k}`);
}

/**
 * One Rician coefficient `g = sqrt(K/(K+1)) e^{j phi} + sqrt(1/(K+1)) g_NLoS`, `g_NLoS ~ CN(0,1)`
 * (SPEC §0; paper 001 Section VI uses Rician BS-user channels). Mean power `E|g|^2 = 1`.
 */
export function rician(rng: RandomStream, cfg: RicianConfig): [number, number] {
  checkK(cfg.kFactor);
  const phase = cfg.losPhase ?? rng.uniformIn(0, 2 * Math.PI);
  const [sre, sim] = rng.complexGaussian(1);
  const los = Math.sqrt(cfg.kFactor / (cfg.kFactor + 1));
  const nlos = Math.sqrt(1 / (cfg.kFactor + 1));
  return [los * Math.cos(phase) + nlos * sre, los * Math.sin(phase) + nlos * sim];
}

/** Fills split arrays with independent CN(0, 1) draws, link by link. */
export function fillRayleigh(re: Float64Array, im: Float64Array, rng: RandomStream): void {
  if (re.length !== im.length) throw new RangeError('re and im must have the same length');
  for (let i = 0; i < re.length; i++) {
    const [a, b] = rng.complexGaussian(1);
    re[i] = a;
    im[i] = b;
  }
}

/**
 * Combines a fixed line-of-sight phase per link with a scattered (NLoS) component into Rician
 * coefficients: `out_i = sqrt(K/(K+1)) e^{j losPhase_i} + sqrt(1/(K+1)) scatter_i`.
 * Used to give a Gauss-Markov scattered process a Rician envelope: evolve the scatter, keep
 * the LoS fixed. Output arrays may alias the scatter arrays.
 */
export function ricianFromScatter(
  scatterRe: Float64Array,
  scatterIm: Float64Array,
  kFactor: number,
  losPhase: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
): void {
  checkK(kFactor);
  const n = scatterRe.length;
  if (scatterIm.length !== n || losPhase.length !== n || outRe.length !== n || outIm.length !== n) {
    throw new RangeError('all arrays must have one entry per link');
  }
  const los = Math.sqrt(kFactor / (kFactor + 1));
  const nlos = Math.sqrt(1 / (kFactor + 1));
  for (let i = 0; i < n; i++) {
    const re = los * Math.cos(losPhase[i]) + nlos * scatterRe[i];
    const im = los * Math.sin(losPhase[i]) + nlos * scatterIm[i];
    outRe[i] = re;
    outIm[i] = im;
  }
}

/**
 * Fills split arrays with independent Rician draws. `losPhase` is one phase for all links, a
 * phase per link, or omitted (drawn uniformly per link). Draw order per link: phase (if drawn),
 * then the scattered part.
 */
export function fillRician(
  re: Float64Array,
  im: Float64Array,
  rng: RandomStream,
  kFactor: number,
  losPhase?: number | Float64Array,
): void {
  if (re.length !== im.length) throw new RangeError('re and im must have the same length');
  if (losPhase instanceof Float64Array && losPhase.length !== re.length) throw new RangeError('one LoS phase per link');
  for (let i = 0; i < re.length; i++) {
    const phase = losPhase instanceof Float64Array ? losPhase[i] : losPhase;
    const [a, b] = rician(rng, phase === undefined ? { kFactor } : { kFactor, losPhase: phase });
    re[i] = a;
    im[i] = b;
  }
}

/** Power gains `out[i] = |g_i|^2` (paper 003 `h = alpha |g|^2`, paper 004 eq. (3)). Returns `out`. */
export function fadingPowers(re: Float64Array, im: Float64Array, out: Float64Array = new Float64Array(re.length)): Float64Array {
  if (im.length !== re.length || out.length !== re.length) throw new RangeError('arrays must have equal length');
  for (let i = 0; i < re.length; i++) out[i] = re[i] * re[i] + im[i] * im[i];
  return out;
}
