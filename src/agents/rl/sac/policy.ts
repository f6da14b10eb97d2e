import { tf } from '../../common/backend.ts';
import { tanh } from '../../common/nn/activations.ts';

/** A reparameterised sample of the tanh-squashed Gaussian policy. */
export interface SquashedSample {
  /** `tanh(mu + sigma * eps)`, in the unit box, `[n, A]`. */
  readonly action: tf.Tensor2D;
  /** log pi(action | s), summed over action dimensions, `[n, 1]`. */
  readonly logProb: tf.Tensor2D;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Sample the squashed Gaussian from the policy head `out = [mu, logStd]` (`[n, 2A]`) with
 * given standard-normal noise `eps` (`[n, A]`), differentiably (the reparameterisation trick
 * behind (21)). The density follows the change of variables
 * `log pi(a) = log N(u; mu, sigma) - sum log(1 - tanh(u)^2)` (Haarnoja et al. 2018, App. C),
 * with `log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u))`, which stays finite where
 * `tanh(u)` rounds to +-1 (SB3 instead adds 1e-6 inside the log). The squash's gradient is
 * taken from `u` as well (nn/activations.ts), so the critic's gradient still reaches a
 * saturated action component (tf.tanh's gradient `1 - a^2` is exactly 0 once `a` rounds to +-1).
 * The agents' update steps use the hand-differentiated twin in nn/squash-gaussian.ts; this
 * tf version is the reference their tests compare against.
 */
export function squashedGaussian(out: tf.Tensor2D, eps: tf.Tensor2D, logStdMin: number, logStdMax: number): SquashedSample {
  const [mu, rawLogStd] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  const logStd = tf.clipByValue(rawLogStd, logStdMin, logStdMax);
  const u = tf.add(mu, tf.mul(tf.exp(logStd), eps));
  // log N(u; mu, sigma) with (u - mu) / sigma = eps exactly.
  const gaussian = tf.sum(tf.neg(tf.add(tf.add(tf.mul(tf.square(eps), 0.5), logStd), HALF_LOG_2PI)), 1, true);
  const logDetJac = tf.sum(tf.mul(tf.sub(tf.sub(Math.LN2, u), tf.softplus(tf.mul(u, -2))), 2), 1, true);
  return { action: tanh(u) as tf.Tensor2D, logProb: tf.sub(gaussian, logDetJac) as tf.Tensor2D };
}

/**
 * The same sample for one observation on the JS side (acting needs no gradient): writes
 * `tanh(mu + sigma * eps)` into `out`, or `tanh(mu)` when `eps` is omitted (the evaluation policy).
 */
export function squashedAction(head: Float32Array, logStdMin: number, logStdMax: number, eps: ArrayLike<number> | undefined, out: Float32Array): Float32Array {
  const a = out.length;
  for (let i = 0; i < a; i++) {
    const logStd = Math.min(logStdMax, Math.max(logStdMin, head[a + i]));
    out[i] = Math.tanh(eps ? head[i] + Math.exp(logStd) * eps[i] : head[i]);
  }
  return out;
}
