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
 * - `tanh'(z) = sech²(z) = 1 / cosh²(z)`: positive in float32 up to |z| ≈ 44, where `cosh²`
 *   overflows and the true value (< 3e-39) is below float32's normal range anyway;
 * - `sigmoid'(z) = sigmoid(z) sigmoid(-z) = 1 / (2 + 2 cosh z)`: positive up to |z| ≈ 88;
 * - `relu'(z) = [z > 0] = [relu(z) > 0]` is exact from either side, so it needs no `z`.
 */
import { tf } from '../backend.ts';

/** `dy ⊙ tanh'(z)` with `tanh'(z) = 1 / cosh²(z)`. */
export function tanhGrad<T extends tf.Tensor>(dy: T, z: T): T {
  return tf.div(dy, tf.square(tf.cosh(z)));
}

/** `dy ⊙ sigmoid'(z)` with `sigmoid'(z) = 1 / (2 + 2 cosh z)`. */
export function sigmoidGrad<T extends tf.Tensor>(dy: T, z: T): T {
  return tf.div(dy, tf.add(tf.mul(tf.cosh(z), 2), 2));
}

type UnaryOp = (z: tf.Tensor) => tf.Tensor;

/** A differentiable elementwise op: `forward(z)` with the gradient `grad(dy, z)` from the input. */
function withInputGradient(forward: UnaryOp, grad: (dy: tf.Tensor, z: tf.Tensor) => tf.Tensor): UnaryOp {
  return tf.customGrad((...args: unknown[]) => {
    const z = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([z]);
    return { value: forward(z), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => grad(dy, saved[0]) };
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
