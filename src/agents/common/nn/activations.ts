/**
 * Activation derivatives computed from the pre-activation `z`, and `tanh`/`sigmoid` ops whose
 * gradients use them.
 *
 * Why not from the output `y`: tf's own Tanh and Sigmoid gradients compute `1 - y²` and
 * `y (1 - y)` from the float32 output. Past |z| ≈ 9 (tanh) or z ≈ 17 (sigmoid) the output
 * rounds to exactly ±1 (1) and those formulas return exactly 0, although the true derivative is
 * still far from 0 (sech²(10) ≈ 8e-9): a unit that saturates once never receives gradient
 * again, e.g. a DDPG actor stuck in a corner of its action box (issue 14). Short of that they
 * also lose relative precision (`1 - y²` cancels for y near ±1). From `z`:
 *
 * - `tanh'(z) = sech²(z) = 4 u (1 - u)` with `u = sigmoid(-2|z|)`: `u <= 1/2`, so `1 - u` does
 *   not cancel;
 * - `sigmoid'(z) = sigmoid(z) sigmoid(-z) = y sigmoid(-z)`: whichever factor is small is a
 *   sigmoid of a negative argument, computed directly, never as 1 minus something near 1;
 * - `relu'(z) = [z > 0] = [relu(z) > 0]` is exact from either side, so it needs no `z`.
 *
 * A sigmoid of a negative argument keeps full relative precision down to e^-87 (wasm's flushes
 * to 0 below that), so both derivatives match float64 to ~2.5e-7 relative and stay positive
 * up to |z| ≈ 43.6 (tanh) and 87.3 (sigmoid), where the true values (< 5e-38) leave float32's
 * normal range anyway. Built on sigmoid because tfjs-wasm's cosh and exp are 5-8x slower than
 * its sigmoid on a 64x512 tensor (docs/performance.md, step 6).
 */
import { tf } from '../backend.ts';

/** `dy ⊙ tanh'(z)` with `tanh'(z) = 4 u (1 - u)`, `u = sigmoid(-2|z|)` (see the module comment). */
export function tanhGrad<T extends tf.Tensor>(dy: T, z: T): T {
  const twoU = tf.mul(tf.sigmoid(tf.mul(tf.abs(z), -2)), 2);
  return tf.mul(dy, tf.mul(twoU, tf.sub(2, twoU)));
}

/** `dy ⊙ sigmoid'(z)` with `sigmoid'(z) = y sigmoid(-z)`, `y = sigmoid(z)` the layer's output. */
export function sigmoidGrad<T extends tf.Tensor>(dy: T, z: T, y: T): T {
  return tf.mul(tf.mul(dy, y), tf.sigmoid(tf.neg(z)));
}

type UnaryOp = (z: tf.Tensor) => tf.Tensor;

/** A differentiable elementwise op `y = forward(z)` with the gradient `grad(dy, z, y)`. */
function withInputGradient(forward: UnaryOp, grad: (dy: tf.Tensor, z: tf.Tensor, y: tf.Tensor) => tf.Tensor): UnaryOp {
  return tf.customGrad((...args: unknown[]) => {
    const z = args[0] as tf.Tensor;
    const y = forward(z);
    (args[1] as tf.GradSaveFunc)([z, y]);
    return { value: y, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => grad(dy, saved[0], saved[1]) };
  }) as UnaryOp;
}

// Built on first use, so that importing this module runs no tf code.
let tanhOp: UnaryOp | undefined;
let sigmoidOp: UnaryOp | undefined;

/**
 * `tanh(z)`, differentiable with the gradient {@link tanhGrad} taken from `z` (tf.tanh's own
 * gradient reads the output and is exactly 0 once it rounds to ±1). Same values as `tf.tanh`.
 */
export function tanh<T extends tf.Tensor>(z: T): T {
  tanhOp ??= withInputGradient((x) => tf.tanh(x), tanhGrad);
  return tanhOp(z) as T;
}

/** `sigmoid(z)`, differentiable with the gradient {@link sigmoidGrad} taken from `z`. Same values as `tf.sigmoid`. */
export function sigmoid<T extends tf.Tensor>(z: T): T {
  sigmoidOp ??= withInputGradient((x) => tf.sigmoid(x), sigmoidGrad);
  return sigmoidOp(z) as T;
}
