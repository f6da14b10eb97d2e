/**
 * Optimiser plumbing shared by the discrete agents: gradient-norm clipping (SB3 clips DQN's
 * gradients at `max_grad_norm = 10`; TF.js `minimize` cannot) and Keras-style time-based
 * learning-rate decay (004 Table 2: lr 5e-4 with decay factor 1e-4).
 */
import { tf } from '../../common/backend.ts';

/**
 * One optimiser step on `loss` over `variables`, gradients scaled down to a global L2 norm of
 * at most `maxGradNorm` (Infinity disables clipping). Returns the loss value.
 */
export function minimizeClipped(optimizer: tf.Optimizer, loss: () => tf.Scalar, variables: tf.Variable[], maxGradNorm = Infinity): number {
  const { value, grads } = tf.variableGrads(loss, variables);
  try {
    const names = Object.keys(grads);
    if (Number.isFinite(maxGradNorm)) {
      const norm = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))).dataSync()[0]);
      if (norm > maxGradNorm) {
        const scale = maxGradNorm / (norm + 1e-6);
        for (const n of names) {
          const g = grads[n];
          grads[n] = tf.mul(g, scale);
          g.dispose();
        }
      }
    }
    optimizer.applyGradients(grads);
    return value.dataSync()[0];
  } finally {
    value.dispose();
    tf.dispose(Object.values(grads));
  }
}

/** Keras legacy `decay`: `lr_t = lr_0 / (1 + decay * t)` after `t` updates. */
export function timeDecayedLearningRate(initial: number, decay: number, updates: number): number {
  return initial / (1 + decay * updates);
}

/**
 * SB3's linear schedule as RL Zoo writes it (`lin_<lr>`): `lr * (1 - steps / annealSteps)`,
 * floored at 0, from the env steps taken so far; `annealSteps = 0` leaves `lr` unchanged.
 */
export function linearlyAnnealedLearningRate(initial: number, annealSteps: number, steps: number): number {
  if (annealSteps === 0) return initial;
  return initial * Math.max(0, 1 - steps / annealSteps);
}

/**
 * Change the step size of an optimiser in place: semsim's `Adam` (public `learningRate`) or a
 * TF.js Adam/SGD/RMSProp (protected field of the same name). Both read it on every
 * `applyGradients`; rebuilding the optimiser would drop its moment estimates.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
}
