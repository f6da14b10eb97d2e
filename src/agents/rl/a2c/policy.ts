/**
 * The two policy heads A2C supports: a categorical over (joint) discrete actions and a
 * diagonal Gaussian with a state-independent learned log standard deviation for boxes (SB3's
 * `DiagGaussianDistribution`). Log-probabilities and entropies are differentiable tensors.
 */
import { tf } from '../../common/backend.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** `log pi(a|s)` `[n]` and entropy `[n]` of a categorical with `logits` `[n, K]` at integer `actions` `[n]`. */
export function categoricalLogProbEntropy(logits: tf.Tensor2D, actions: tf.Tensor1D): { logProb: tf.Tensor1D; entropy: tf.Tensor1D } {
  const logP = tf.logSoftmax(logits);
  const logProb = tf.sum(tf.mul(logP, tf.oneHot(actions, logits.shape[1])), 1);
  const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), 1));
  return { logProb: logProb as tf.Tensor1D, entropy: entropy as tf.Tensor1D };
}

/**
 * Diagonal Gaussian `N(mean, exp(logStd)^2)`: `log pi = -sum_i ((a-mu)^2 / (2 sigma^2) + log sigma + log(2 pi)/2)`,
 * entropy `sum_i (log sigma + (1 + log 2 pi)/2)` (the same for every state).
 */
export function gaussianLogProbEntropy(mean: tf.Tensor2D, logStd: tf.Tensor1D, actions: tf.Tensor2D): { logProb: tf.Tensor1D; entropy: tf.Tensor1D } {
  const z = tf.div(tf.sub(actions, mean), tf.exp(logStd));
  const logProb = tf.neg(tf.sum(tf.add(tf.add(tf.mul(0.5, tf.square(z)), logStd), 0.5 * LOG_2PI), 1));
  const perState = tf.sum(tf.add(logStd, 0.5 * (1 + LOG_2PI)));
  return { logProb: logProb as tf.Tensor1D, entropy: tf.mul(tf.onesLike(logProb), perState) as tf.Tensor1D };
}
