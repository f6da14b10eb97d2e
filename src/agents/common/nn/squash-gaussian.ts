/**
 * The tanh-squashed Gaussian policy of SAC (Haarnoja et al. 2018, App. C) on plain arrays,
 * with its gradient derived by hand, for the update paths that run the nets in column layout
 * (nn/sac-mlp.ts). The head is the actor's output in columns, `[2A, n]`: rows `0..A` are the
 * means `mu`, rows `A..2A` the raw log-stds; noise `eps` is row-major `[n, A]` (one row per
 * sample, as the agents draw it). Per sample `i` and action dimension `j`:
 *
 *   s = clip(rawLogStd, lo, hi),  u = mu + e^s eps,  a = tanh(u)
 *   log pi = sum_j [ -eps²/2 - s - log(2 pi)/2 ] - sum_j 2 (log 2 - u - softplus(-2u))
 *
 * (the second sum is `sum_j log(1 - tanh(u)²)`, written to stay finite where tanh(u) rounds
 * to ±1; the same formula as sac/policy.ts). For a loss `L` with upstream gradients
 * `dL/da` and `dL/dlog pi`:
 *
 *   dL/du  = dL/da · sech²(u) + dL/dlog pi · 2 tanh(u)     (d/du of -2(log 2 - u - softplus(-2u)) = 2 tanh u)
 *   dL/dmu = dL/du
 *   dL/draw = [lo <= raw <= hi] · (dL/du · e^s eps - dL/dlog pi)
 *
 * with `sech²(u) = 4 q (1 - q)`, `q = sigmoid(-2|u|)` (nn/activations.ts: no cancellation, and
 * nonzero where tanh(u) has rounded to ±1), and the clip passing gradient on its closed
 * interval as tf.clipByValue does. Arithmetic is float64; results are stored as float32.
 */

/** A sample drawn by {@link squashForward}, kept for {@link squashBackward}. */
export interface SquashSample {
  readonly actions: number;
  readonly batch: number;
  /** Actions in columns, `[A, n]`. */
  readonly actionT: Float32Array;
  /** log pi(a | s) per sample, `[n]`. */
  readonly logProb: Float64Array;
  /** Pre-squash `u`, `[A, n]`. */
  readonly u: Float64Array;
  /** `e^s eps`, `[A, n]`. */
  readonly sigmaEps: Float64Array;
  /** 1 where `lo <= raw log-std <= hi` (the clip passes gradient), else 0, `[A, n]`. */
  readonly inRange: Uint8Array;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** `sech²(u)` as `4 q (1 - q)`, `q = sigmoid(-2|u|)`. */
export function sech2(u: number): number {
  const q = 1 / (1 + Math.exp(2 * Math.abs(u)));
  return 4 * q * (1 - q);
}

/** Sample actions and their log-densities from a head in columns `[2A, n]` with noise `eps` `[n, A]`. */
export function squashForward(headT: Float32Array, eps: Float32Array, actions: number, batch: number, logStdMin: number, logStdMax: number): SquashSample {
  const A = actions;
  const n = batch;
  if (headT.length !== 2 * A * n || eps.length !== A * n) throw new RangeError(`squashForward: head needs ${2 * A * n} and eps ${A * n} values, got ${headT.length} and ${eps.length}`);
  const actionT = new Float32Array(A * n);
  const logProb = new Float64Array(n);
  const u = new Float64Array(A * n);
  const sigmaEps = new Float64Array(A * n);
  const inRange = new Uint8Array(A * n);
  for (let j = 0; j < A; j++) {
    for (let i = 0; i < n; i++) {
      const raw = headT[(A + j) * n + i];
      const s = Math.min(logStdMax, Math.max(logStdMin, raw));
      const e = eps[i * A + j];
      const se = Math.exp(s) * e;
      const uu = headT[j * n + i] + se;
      const k = j * n + i;
      u[k] = uu;
      sigmaEps[k] = se;
      inRange[k] = raw >= logStdMin && raw <= logStdMax ? 1 : 0;
      actionT[k] = Math.tanh(uu);
      logProb[i] += -0.5 * e * e - s - HALF_LOG_2PI - 2 * (Math.LN2 - uu - softplus(-2 * uu));
    }
  }
  return { actions: A, batch: n, actionT, logProb, u, sigmaEps, inRange };
}

/**
 * `dL/d(head)` in columns `[2A, n]` from `dL/da` (columns `[A, n]`, or undefined for none) and
 * `dL/dlog pi` (`[n]`, or undefined for none). The raw log-std rows get no gradient where the clip is active.
 */
export function squashBackward(s: SquashSample, dAction: ArrayLike<number> | undefined, dLogProb: ArrayLike<number> | undefined): Float32Array {
  const A = s.actions;
  const n = s.batch;
  const out = new Float32Array(2 * A * n);
  for (let j = 0; j < A; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const dl = dLogProb === undefined ? 0 : dLogProb[i];
      const uu = s.u[k];
      const du = (dAction === undefined ? 0 : dAction[k] * sech2(uu)) + dl * 2 * Math.tanh(uu);
      out[k] = du;
      out[(A + j) * n + i] = s.inRange[k] ? du * s.sigmaEps[k] - dl : 0;
    }
  }
  return out;
}
