/**
 * What the DQN family needs from a Q-network: a differentiable forward pass to per-action
 * values, its variables, and flat weights for checkpoints. A plain `Mlp` is one (DQN);
 * `DuelingQNetwork` (D3QN) is another.
 */
import { tf } from '../../common/backend.ts';
import { Mlp } from '../../common/mlp.ts';
import type { HiddenActivation } from '../../common/mlp.ts';

export interface QNetwork {
  readonly variables: tf.Variable[];
  /** `[batch, observationSize]` -> `[batch, actions]`. */
  apply(x: tf.Tensor2D): tf.Tensor2D;
  getWeights(): Float32Array[];
  setWeights(w: Float32Array[]): void;
  dispose(): void;
}

/** Shape of a Q-network as the agents describe it. */
export interface QNetworkSpec {
  readonly inputSize: number;
  readonly actions: number;
  readonly hiddenSizes: readonly number[];
  readonly activation: HiddenActivation;
  readonly seed: number;
}

/** Builds the online and target networks of an agent. */
export type QNetworkFactory = (spec: QNetworkSpec) => QNetwork;

/** The plain DQN network: an MLP from observation to one value per action. */
export const mlpQNetwork: QNetworkFactory = (s) =>
  new Mlp({ inputSize: s.inputSize, hiddenSizes: s.hiddenSizes, outputSize: s.actions, activation: s.activation, seed: s.seed });

/** `target <- tau * online + (1 - tau) * target` over matching variable lists (tau = 1: hard copy). */
export function polyakUpdate(target: readonly tf.Variable[], online: readonly tf.Variable[], tau: number): void {
  if (target.length !== online.length) throw new RangeError('polyakUpdate: variable lists differ in length');
  tf.tidy(() => {
    target.forEach((v, i) => v.assign(tau === 1 ? online[i] : tf.add(tf.mul(online[i], tau), tf.mul(v, 1 - tau))));
  });
}

/** Q-values of one observation (synchronous, tensors freed). */
export function predictQ(net: QNetwork, observation: Float32Array): Float32Array {
  const q = tf.tidy(() => net.apply(tf.tensor2d(observation, [1, observation.length], 'float32')));
  try {
    return q.dataSync() as Float32Array;
  } finally {
    q.dispose();
  }
}
