/**
 * The DQN family's TD targets and loss as tensor functions, so tests can check them against
 * hand-computed values (Mnih et al. 2015, eq. (15) of 004; double targets of van Hasselt et al.).
 */
import { tf } from '../../common/backend.ts';

/**
 * `y = r + gamma * (1 - terminated) * Q_target(s', a*)`, with `a* = argmax_a Q_target(s', a)`
 * (DQN) or `a* = argmax_a Q_online(s', a)` when `nextQOnline` is given (double DQN).
 */
export function qTargets(
  rewards: tf.Tensor1D,
  terminated: tf.Tensor1D,
  gamma: number,
  nextQTarget: tf.Tensor2D,
  nextQOnline?: tf.Tensor2D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const nextValue = nextQOnline
      ? tf.sum(tf.mul(nextQTarget, tf.oneHot(tf.argMax(nextQOnline, 1), nextQTarget.shape[1])), 1)
      : tf.max(nextQTarget, 1);
    return tf.add(rewards, tf.mul(tf.mul(tf.sub(1, terminated), gamma), nextValue)) as tf.Tensor1D;
  });
}

/** `Q(s, a)` of the taken actions: row `i` of `q` at column `actions[i]`. */
export function chosenQ(q: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  return tf.sum(tf.mul(q, tf.oneHot(actions, q.shape[1])), 1);
}

/** Elementwise TD loss: Huber with delta 1 (PyTorch `smooth_l1_loss`, SB3) or squared error. */
export function tdLossElements(td: tf.Tensor, kind: 'huber' | 'mse'): tf.Tensor {
  if (kind === 'mse') return tf.square(td);
  // 0.5 q^2 + (|td| - q) with q = min(|td|, 1): quadratic inside, linear outside, and built
  // from differentiable ops only (tf.where's predicate has no gradient).
  const a = tf.abs(td);
  const q = tf.minimum(a, 1);
  return tf.add(tf.mul(0.5, tf.square(q)), tf.sub(a, q));
}
