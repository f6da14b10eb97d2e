/**
 * One dense layer `act(h W + b)` in the two forms the MLP uses, plus activation
 * derivatives. Shapes are `h: [n, in]`, `W: [in, out]`, `b: [out]`.
 */
import { tf } from '../backend.ts';
import { sigmoidGrad, tanhGrad } from './activations.ts';
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
 * A layer's output `y = act(z)` for the backward pass, with the pre-activation `z` where the
 * derivative cannot be read off `y` exactly (tanh, sigmoid: see nn/activations.ts).
 */
export interface DenseOutput {
  readonly y: tf.Tensor2D;
  readonly z?: tf.Tensor2D;
}

/** Whether `act'` needs the pre-activation: `y` rounds to a constant where `act'(z)` does not. */
export function needsPreActivation(act: Activation): boolean {
  return act === 'tanh' || act === 'sigmoid';
}

/**
 * {@link denseFresh} for training: also returns `z` when {@link needsPreActivation}. The
 * products are the same either way; tanh was never fused, so `z` existed already, and a
 * sigmoid that the fused kernel would apply runs as its own elementwise pass instead.
 */
export function denseForBackward(h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: Activation): DenseOutput {
  if (!needsPreActivation(act)) return { y: denseFresh(h, w, b, act) };
  const z = denseFresh(h, w, b, 'linear');
  return { y: activate(z, act), z };
}

/**
 * `dL/dz` from `dL/dy` and the layer's {@link DenseOutput}. tanh and sigmoid derivatives are
 * computed from `z`, so a saturated unit (output exactly ±1 in float32) still passes its
 * small but nonzero gradient; relu's `[z > 0]` equals `[y > 0]` exactly, so it uses `y`.
 */
export function activationGrad(dy: tf.Tensor2D, out: DenseOutput, act: Activation): tf.Tensor2D {
  switch (act) {
    case 'linear':
      return dy;
    case 'relu':
      // relu'(z) = 1 where z > 0, i.e. where y > 0 (tf uses the same convention at 0: gradient 0).
      return tf.mul(dy, tf.step(out.y));
    case 'tanh':
      return tanhGrad(dy, preActivation(out));
    case 'sigmoid':
      return sigmoidGrad(dy, preActivation(out), out.y);
  }
}

function preActivation(out: DenseOutput): tf.Tensor2D {
  if (out.z === undefined) throw new Error('activationGrad: this activation needs the pre-activation (denseForBackward keeps it)');
  return out.z;
}
