/**
 * One dense layer `act(h W + b)` in the two forms the MLP uses, plus activation
 * derivatives. Shapes are `h: [n, in]`, `W: [in, out]`, `b: [out]`.
 */
import { tf } from '../backend.ts';
import { transpose2d, wasmHeap } from './heap.ts';

/** Hidden-layer nonlinearity. */
export type HiddenActivation = 'relu' | 'tanh';
/** Output-layer nonlinearity. */
export type OutputActivation = 'linear' | 'tanh' | 'sigmoid';
/** Any layer's nonlinearity. */
export type Activation = HiddenActivation | OutputActivation;

/** Nonlinearities the fused matMul kernel applies in the same pass (wasm, cpu and node all support these). */
function fusable(a: Activation): 'relu' | 'linear' | 'sigmoid' | undefined {
  return a === 'relu' || a === 'linear' || a === 'sigmoid' ? a : undefined;
}

function activate(z: tf.Tensor2D, a: Activation): tf.Tensor2D {
  if (a === 'relu') return tf.relu(z);
  if (a === 'tanh') return tf.tanh(z);
  if (a === 'sigmoid') return tf.sigmoid(z);
  return z;
}

/**
 * The layer as a single `_FusedMatMul` kernel. The kernel is invoked directly because
 * `tf.fused.matMul` silently falls back to matMul + add + activation whenever a gradient
 * tape is active; callers run this where nothing is taped (inference, or inside customGrad).
 */
export function denseFused(h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: Activation): tf.Tensor2D {
  const f = fusable(act);
  const [n] = h.shape;
  const [k, m] = w.shape;
  const y = tf.engine().runKernel(
    '_FusedMatMul',
    { a: tf.reshape(h, [1, n, k]), b: tf.reshape(w, [1, k, m]), bias: b },
    { transposeA: false, transposeB: false, activation: f ?? 'linear', leakyreluAlpha: 0 },
  ) as tf.Tensor3D;
  const y2 = tf.reshape(y, [n, m]) as tf.Tensor2D;
  return f !== undefined ? y2 : tf.tanh(y2);
}

/**
 * Below this many weights XNNPACK's packing of `W` costs less than the extra kernels of
 * the transposed form (measured: packing 512x512 ≈ 1.2 ms, 64x512 ≈ 0.14 ms, 64x64 ≈ 0.01 ms).
 */
const TRANSPOSED_MIN_WEIGHTS = 32768;

let transposedForward = true;

/** Turn the transposed training forward off (or back on) process-wide: for measuring its effect. */
export function setTransposedForward(enabled: boolean): void {
  transposedForward = enabled;
}

/**
 * The layer for weights XNNPACK has not seen yet (a training step after an update, acting
 * right after an update). XNNPACK packs the right-hand operand of every product into its
 * own layout and caches that per tensor, so `h W` with a fresh `W` pays about 1.2 ms of
 * packing for 512x512 — as much as the whole 64x512x512 product. The left operand is used
 * as is, hence `h W = (Wᵀ hᵀ)ᵀ` with our SIMD transposes (0.27 ms for 512x512) packs only
 * the small `hᵀ`. Falls back to {@link denseFused} for small layers, shapes the SIMD
 * transpose does not take, and backends other than wasm.
 */
export function denseFresh(h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: Activation): tf.Tensor2D {
  const [k, m] = w.shape;
  if (!transposedForward || k * m < TRANSPOSED_MIN_WEIGHTS || k % 4 !== 0 || m % 4 !== 0 || wasmHeap() === null) return denseFused(h, w, b, act);
  // hᵀ and the result are [batch, width]-sized: transpose2d takes tf.transpose for batches not divisible by 4.
  const z = transpose2d(tf.matMul(transpose2d(w), transpose2d(h)));
  return activate(tf.add(z, b), act);
}

/**
 * `dL/dz` from `dL/dy` and the layer output `y = act(z)`. Every derivative is written in
 * terms of the output, so the backward pass needs no pre-activation tensors.
 */
export function activationGrad(dy: tf.Tensor2D, y: tf.Tensor2D, act: Activation): tf.Tensor2D {
  switch (act) {
    case 'linear':
      return dy;
    case 'relu':
      // relu'(z) = 1 where y > 0 (tf uses the same convention at 0: gradient 0).
      return tf.mul(dy, tf.step(y));
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
  }
}
