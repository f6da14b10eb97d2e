/**
 * Discrete SAC's losses (001 eqs. (24)-(26); Christodoulou 2019 eqs. (10)-(12)). With a
 * categorical policy every expectation over actions is an exact sum weighted by pi(.|s), so no
 * action sampling or reparameterisation is needed. All inputs are `[n, |A|]` unless noted.
 *
 * The agent's step (update.ts) computes these losses and their gradients by hand; these
 * differentiable tf versions state them and are the reference its tests compare against.
 */
import { tf } from '../../common/backend.ts';

/** `V(s) = sum_a pi(a|s) (Q(s, a) - alpha log pi(a|s))`, `[n]`. */
export function softValue(probs: tf.Tensor2D, logProbs: tf.Tensor2D, q: tf.Tensor2D, alpha: tf.Scalar | number): tf.Tensor1D {
  return tf.sum(tf.mul(probs, tf.sub(q, tf.mul(alpha, logProbs))), 1);
}

/**
 * Critic target of eq. (25): `y = r + gamma (1 - d) V_target(s')`, with the soft value computed
 * from the policy at s' and the smaller of the two target critics.
 */
export function criticTargets(
  rewards: tf.Tensor1D,
  terminated: tf.Tensor1D,
  gamma: number,
  nextProbs: tf.Tensor2D,
  nextLogProbs: tf.Tensor2D,
  nextQ1: tf.Tensor2D,
  nextQ2: tf.Tensor2D,
  alpha: tf.Scalar | number,
): tf.Tensor1D {
  const v = softValue(nextProbs, nextLogProbs, tf.minimum(nextQ1, nextQ2), alpha);
  return tf.add(rewards, tf.mul(tf.mul(tf.sub(1, terminated), gamma), v));
}

/** Actor loss of eq. (24): `E_s [ pi(s)^T (alpha log pi(s) - min_j Q_j(s)) ]`. */
export function actorLoss(probs: tf.Tensor2D, logProbs: tf.Tensor2D, qMin: tf.Tensor2D, alpha: tf.Scalar | number): tf.Scalar {
  return tf.mean(tf.sum(tf.mul(probs, tf.sub(tf.mul(alpha, logProbs), qMin)), 1));
}

/**
 * Temperature loss of eq. (26), written as Christodoulou's eq. (11):
 * `E_s [ pi(s)^T (-alpha (log pi(s) + H_target)) ] = alpha (H(pi) - H_target)` averaged over s.
 * Its gradient lowers alpha while the policy's entropy exceeds the target. `probs` and
 * `logProbs` must carry no gradient (only alpha learns here).
 */
export function temperatureLoss(logAlpha: tf.Tensor, probs: tf.Tensor2D, logProbs: tf.Tensor2D, targetEntropy: number): tf.Scalar {
  return tf.mean(tf.sum(tf.mul(probs, tf.mul(tf.neg(tf.exp(logAlpha)), tf.add(logProbs, targetEntropy))), 1));
}

/** Policy probabilities and log-probabilities from logits, `[n, |A|]` each (log-softmax for stability). */
export function categorical(logits: tf.Tensor2D): { probs: tf.Tensor2D; logProbs: tf.Tensor2D } {
  const logProbs = tf.logSoftmax(logits);
  return { probs: tf.exp(logProbs), logProbs };
}
