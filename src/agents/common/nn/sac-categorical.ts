/**
 * The categorical policy of discrete and hybrid SAC on plain arrays in column layout
 * (`[K, n]`: one column per sample, as nn/sac-mlp.ts produces logits), with the actor loss's
 * gradient derived by hand. With `p = softmax(z)` and `f_k = alpha log p_k - Q_k`, the loss
 * `sum_k p_k f_k` (001 eq. 24) has
 *
 *   d/dz_j = p_j (f_j - sum_k p_k f_k)
 *
 * because `dp_k/dz_j = p_k (δ_kj - p_j)` and the `log p` term's own derivative,
 * `alpha sum_k p_k (δ_kj - p_j)`, is zero. Arithmetic in float64.
 */

/** Log-softmax over each column of logits `[K, n]`. */
export function logSoftmaxColumns(logitsT: ArrayLike<number>, K: number, n: number): Float64Array {
  if (logitsT.length !== K * n) throw new RangeError(`logSoftmaxColumns: expected ${K * n} logits, got ${logitsT.length}`);
  const out = new Float64Array(K * n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, logitsT[k * n + i]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(logitsT[k * n + i] - max);
    const lse = max + Math.log(sum);
    for (let k = 0; k < K; k++) out[k * n + i] = logitsT[k * n + i] - lse;
  }
  return out;
}

/**
 * Eq. (24) averaged over the `n` samples, `mean_i sum_k p_k (alpha log p_k - Q_k)`, and its
 * gradient in the logits (columns `[K, n]`), from log-probabilities and `Q` (both `[K, n]`).
 */
export function categoricalActorLoss(logP: Float64Array, q: ArrayLike<number>, alpha: number, K: number, n: number): { loss: number; dLogits: Float32Array } {
  const dLogits = new Float32Array(K * n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let fBar = 0;
    for (let k = 0; k < K; k++) {
      const j = k * n + i;
      fBar += Math.exp(logP[j]) * (alpha * logP[j] - q[j]);
    }
    loss += fBar / n;
    for (let k = 0; k < K; k++) {
      const j = k * n + i;
      dLogits[j] = (Math.exp(logP[j]) * (alpha * logP[j] - q[j] - fBar)) / n;
    }
  }
  return { loss, dLogits };
}

/**
 * `mean_i sum_k p_k (log p_k + H~)`, the policy's entropy shortfall below the target `H~`
 * (negated). Eq. (26)'s loss is `-alpha` times this, and so is its gradient in `log alpha`.
 */
export function entropyShortfall(logP: Float64Array, targetEntropy: number, K: number, n: number): number {
  let s = 0;
  for (let j = 0; j < K * n; j++) s += (Math.exp(logP[j]) * (logP[j] + targetEntropy)) / n;
  return s;
}
