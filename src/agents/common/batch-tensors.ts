import { tf } from './backend.ts';
import type { ReplayBatch } from './replay-buffer.ts';

/** A replay batch as tensors, shaped for the Bellman targets of actor-critic methods. */
export interface BatchTensors {
  /** `[n, obs]` */
  readonly obs: tf.Tensor2D;
  /** `[n, act]` continuous actions as stored (unit box). */
  readonly actions: tf.Tensor2D;
  /** `[n, 1]` */
  readonly rewards: tf.Tensor2D;
  /** `[n, 1]` 0 for terminal transitions, else 1: multiplies the bootstrap term. */
  readonly notDone: tf.Tensor2D;
  /** `[n, obs]` */
  readonly nextObs: tf.Tensor2D;
}

/**
 * Upload a batch. Call inside `tf.tidy` (the tensors are not disposed here). Only terminal
 * states stop bootstrapping; time-limit truncations keep it, as in SB3 (`handle_timeout_termination`).
 */
export function batchTensors(b: ReplayBatch, observationSize: number, actionSize: number): BatchTensors {
  const n = b.size;
  return {
    obs: tf.tensor2d(b.observations, [n, observationSize]),
    actions: tf.tensor2d(b.continuousActions, [n, actionSize]),
    rewards: tf.tensor2d(b.rewards, [n, 1]),
    notDone: tf.sub(1, tf.tensor2d(b.terminated, [n, 1])),
    nextObs: tf.tensor2d(b.nextObservations, [n, observationSize]),
  };
}

/** `r + gamma * notDone * next`: the one-step Bellman target, all `[n, 1]`. */
export function bellmanTarget(t: BatchTensors, gamma: number, nextValue: tf.Tensor2D): tf.Tensor2D {
  return tf.add(t.rewards, tf.mul(tf.mul(t.notDone, gamma), nextValue));
}

/** Read a scalar loss and release it. */
export function scalarValue(x: tf.Scalar | null): number {
  if (!x) return NaN;
  const v = x.dataSync()[0];
  x.dispose();
  return v;
}
