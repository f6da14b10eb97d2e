/**
 * Hybrid SAC losses. Factorisation (our reading of 001 Algorithm 4, as in Delalleau et al.
 * 2019, "Discrete and continuous action representation for practical RL in video games"):
 * the policy is `pi(a_c, a_d | s) = pi_c(a_c | s) pi_d(a_d | s)` — a tanh-Gaussian and a
 * categorical over the K joint discrete choices, both conditioned on the state only — and each
 * twin critic maps `(s, a_c)` to K values, one per discrete choice. Expectations over `a_d` are
 * then exact sums, and only `a_c` is sampled (reparameterised). Shapes: `q*`, `probs`,
 * `logProbs` are `[n, K]`; `contLogProb` is `[n, 1]`.
 *
 * The agent's step (update.ts) computes these losses and their gradients by hand; these
 * differentiable tf versions state them and are the reference its tests compare against.
 */
import { tf } from '../../common/backend.ts';

/**
 * `V(s) = sum_k pi_d(k) (Q_min(s, a_c, k) - alpha_d log pi_d(k)) - alpha_c log pi_c(a_c)` with
 * `a_c ~ pi_c(.|s)`: the soft value of the joint policy (its entropy is the sum of both parts').
 */
export function hybridSoftValue(
  qMin: tf.Tensor2D,
  probs: tf.Tensor2D,
  logProbs: tf.Tensor2D,
  contLogProb: tf.Tensor2D,
  alphaC: tf.Scalar | number,
  alphaD: tf.Scalar | number,
): tf.Tensor1D {
  const discrete = tf.sum(tf.mul(probs, tf.sub(qMin, tf.mul(alphaD, logProbs))), 1);
  return tf.sub(discrete, tf.mul(alphaC, tf.reshape(contLogProb, [-1]))) as tf.Tensor1D;
}

/** Critic target `y = r + gamma (1 - d) V_target(s')` (001 eqs. (22) and (25) combined). */
export function hybridCriticTargets(
  rewards: tf.Tensor1D,
  terminated: tf.Tensor1D,
  gamma: number,
  nextValue: tf.Tensor1D,
): tf.Tensor1D {
  return tf.add(rewards, tf.mul(tf.mul(tf.sub(1, terminated), gamma), nextValue));
}

/**
 * Continuous actor loss, eq. (21) with the discrete choice marginalised under the (fixed)
 * discrete policy: `E_s [ alpha_c log pi_c(a_c|s) - sum_k pi_d(k|s) Q_min(s, a_c, k) ]`.
 */
export function continuousActorLoss(contLogProb: tf.Tensor2D, qMin: tf.Tensor2D, probs: tf.Tensor2D, alphaC: tf.Scalar | number): tf.Scalar {
  return tf.mean(tf.sub(tf.mul(alphaC, tf.reshape(contLogProb, [-1])), tf.sum(tf.mul(probs, qMin), 1)));
}

/** SB3's temperature loss for the Gaussian part: `-E[log alpha_c (log pi_c + H_c)]` (log-probs fixed). */
export function continuousTemperatureLoss(logAlpha: tf.Tensor, contLogProb: tf.Tensor2D, targetEntropy: number): tf.Scalar {
  return tf.neg(tf.mean(tf.mul(logAlpha, tf.add(contLogProb, targetEntropy)))) as tf.Scalar;
}
