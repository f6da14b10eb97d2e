import type { tf } from './backend.ts';
import { Adam } from './nn/adam.ts';

/**
 * The Adam optimiser the continuous agents use: semsim's one-pass SIMD Adam (nn/adam.ts),
 * a drop-in `tf.Optimizer` several times faster than `tf.train.adam` on the wasm backend,
 * with PyTorch's (SB3's) epsilon 1e-8 unless given.
 */
export function adam(learningRate: number, epsilon = 1e-8): tf.Optimizer {
  return new Adam({ learningRate, epsilon });
}
