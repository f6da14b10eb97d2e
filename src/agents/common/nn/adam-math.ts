/**
 * Adam's arithmetic on flat arrays (Kingma & Ba 2015, Algorithm 1): the scalar reference and
 * fallback of the SIMD kernel in simd-adam.ts.
 */

/**
 * Step size and epsilon with both bias corrections folded in (Kingma & Ba, end of Sec. 2):
 * `lr * m_hat / (sqrt(v_hat) + eps) = lrT * m / (sqrt(v) + epsT)`.
 */
export function adamStepScalars(t: number, lr: number, beta1: number, beta2: number, eps: number): { lrT: number; epsT: number } {
  const bc1 = 1 - Math.pow(beta1, t);
  const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
  return { lrT: (lr * sqrtBc2) / bc1, epsT: eps * sqrtBc2 };
}

/**
 * One Adam step on flat arrays (the scalar reference and fallback of the SIMD kernel):
 * updates `m`, `v` in place and writes the new parameters to `out` (may alias `p`).
 * `t` is the 1-based step number.
 */
export function adamUpdate(
  out: Float32Array,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const { lrT, epsT } = adamStepScalars(t, lr, beta1, beta2, eps);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + c1 * gi;
    const vi = beta2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    out[i] = p[i] - (lrT * mi) / (Math.sqrt(vi) + epsT);
  }
}
