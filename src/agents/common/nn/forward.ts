/**
 * A whole-MLP forward pass with a hand-written backward pass, shaped for the TF.js wasm
 * backend (docs/performance.md). tf's own matMul gradient asks for `matMul(dy, W, false,
 * true)` and `matMul(x, dy, true, false)`; wasm runs any transposed matMul in a naive scalar
 * loop (1.4–2.1 GFLOP/s measured) while the untransposed product goes to XNNPACK
 * (about 26 GFLOP/s). The backward pass below therefore only issues untransposed products
 * and pays for explicit transposes of the small `[batch, width]` operands instead.
 */
import { tf } from '../backend.ts';
import { activationGrad, denseForBackward, denseFresh, denseFused, needsPreActivation, type Activation, type DenseOutput, type HiddenActivation, type OutputActivation } from './dense.ts';
import { transpose2d } from './heap.ts';

export type { HiddenActivation, OutputActivation };

/** Everything {@link mlpForward} needs besides the tensors. */
export interface MlpForwardSpec {
  readonly activation: HiddenActivation;
  readonly outputActivation: OutputActivation;
}

/** `a b` for 2-D tensors, always through the untransposed (XNNPACK) kernel. */
function mm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(a, b);
}

/**
 * Forward pass without gradient support, for acting: no customGrad wrapper and no saved
 * activations. Only for inputs that are data (not functions of trainable variables).
 * `freshWeights`: the weights changed since XNNPACK last saw them (see {@link denseFresh}).
 */
export function mlpInference(x: tf.Tensor2D, ws: readonly tf.Tensor2D[], bs: readonly tf.Tensor1D[], spec: MlpForwardSpec, freshWeights = false): tf.Tensor2D {
  const layers = ws.length;
  const dense = freshWeights ? denseFresh : denseFused;
  let h = x;
  for (let l = 0; l < layers; l++) h = dense(h, ws[l], bs[l], l < layers - 1 ? spec.activation : spec.outputActivation);
  return h;
}

/** Which gradients {@link mlpForward} provides. */
export interface GradientOptions {
  /**
   * Gradients w.r.t. weights and biases. Default true. Set false when the net is only a
   * differentiable function of its input in this loss (DDPG/TD3/SAC actor loss through the
   * critic): the backward pass then skips the weight products, a third of its work.
   * Weights are treated as constants: no gradient reaches them from this call.
   */
  readonly weights?: boolean;
  /**
   * Gradient w.r.t. the input. Default true. Set false when the input is data (observations)
   * to skip the first layer's input product; the input is then treated as a constant.
   */
  readonly input?: boolean;
}

/**
 * Forward pass of an MLP with weights `ws[l]` of shape `[in, out]` and biases `bs[l]`,
 * differentiable w.r.t. `x` and the weights (see {@link GradientOptions}). One tape node
 * covers the whole net, so autograd bookkeeping is paid once per call, not once per op.
 */
export function mlpForward(
  x: tf.Tensor2D,
  ws: readonly tf.Tensor2D[],
  bs: readonly tf.Tensor1D[],
  spec: MlpForwardSpec,
  grads: GradientOptions = {},
): tf.Tensor2D {
  const layers = ws.length;
  const wantW = grads.weights ?? true;
  const wantX = grads.input ?? true;
  const actOf = (l: number): Activation => (l < layers - 1 ? spec.activation : spec.outputActivation);
  // customGrad needs at least one input; with no gradient wanted at all, x is passed and
  // gets a zero gradient, i.e. the call acts as a stop-gradient.
  const inputs: tf.Tensor[] = [...(wantX || !wantW ? [x] : []), ...(wantW ? [...ws, ...bs] : [])];
  // Saved for the backward pass: x, the weights, every layer's output and, for tanh and
  // sigmoid layers only, the pre-activation (nn/activations.ts: their derivatives are taken
  // from z, not from an output that may have rounded to ±1). z is an intermediate of the
  // forward anyway, so keeping it costs memory until the backward, not extra kernels.
  const keepsZ = Array.from({ length: layers }, (_, l) => needsPreActivation(actOf(l)));
  const f = tf.customGrad((...args: unknown[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const hs: tf.Tensor2D[] = [];
    const zs: tf.Tensor2D[] = [];
    let h = x;
    for (let l = 0; l < layers; l++) {
      const out = denseForBackward(h, ws[l], bs[l], actOf(l));
      h = out.y;
      hs.push(h);
      if (out.z !== undefined) zs.push(out.z);
    }
    save([x, ...ws, ...hs, ...zs]);
    return {
      value: h,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const s = saved as tf.Tensor2D[];
        const savedZs = s.slice(1 + 2 * layers);
        let zAt = 0;
        const outs: DenseOutput[] = s.slice(1 + layers, 1 + 2 * layers).map((y, l) => (keepsZ[l] ? { y, z: savedZs[zAt++] } : { y }));
        const r = backward(dy as tf.Tensor2D, s[0], s.slice(1, 1 + layers), outs, actOf, wantW, wantX);
        if (!wantW) return [wantX ? r.dx! : tf.zerosLike(x)];
        return wantX ? [r.dx!, ...r.dws, ...r.dbs] : [...r.dws, ...r.dbs];
      },
    };
  });
  return f(...inputs) as tf.Tensor2D;
}

interface Grads {
  dx: tf.Tensor2D | undefined;
  dws: tf.Tensor2D[];
  dbs: tf.Tensor1D[];
}

/** Backpropagate `dy` through the saved layer outputs `outs`, computing only what is asked for. */
function backward(
  dy: tf.Tensor2D,
  input: tf.Tensor2D,
  w: tf.Tensor2D[],
  outs: DenseOutput[],
  actOf: (l: number) => Activation,
  wantW: boolean,
  wantX: boolean,
): Grads {
  const layers = w.length;
  const dws: tf.Tensor2D[] = new Array(layers);
  const dbs: tf.Tensor1D[] = new Array(layers);
  let g: tf.Tensor2D | undefined = dy;
  for (let l = layers - 1; l >= 0; l--) {
    const dz = activationGrad(g!, outs[l], actOf(l));
    const needDx = l > 0 || wantX;
    // dzᵀ feeds the dx product and gives db as an innermost-axis sum (5x cheaper on wasm
    // than summing dz over axis 0, which transposes internally).
    const dzT = needDx || wantW ? transpose2d(dz) : undefined;
    if (wantW) {
      const hPrev = l > 0 ? outs[l - 1].y : input;
      dbs[l] = tf.sum(dzT!, 1);
      // dW = hPrevᵀ dz, transposing the [batch, in] operand rather than the product. XNNPACK
      // packs the right operand per call, so for a narrow input (in <= out / 4, typically the
      // first layer) (dzᵀ hPrev)ᵀ is cheaper: it packs [batch, in] instead of [batch, out].
      const [inSize, outSize] = w[l].shape;
      dws[l] = 4 * inSize <= outSize ? transpose2d(mm(dzT!, hPrev)) : mm(transpose2d(hPrev), dz);
    }
    // dx = dz Wᵀ computed as (W dzᵀ)ᵀ: both transposes are of [batch, width] tensors,
    // cheaper than transposing W (measured 2 x 0.1 ms vs 1 ms for 512x512).
    g = needDx ? transpose2d(mm(w[l], dzT!)) : undefined;
  }
  return { dx: g, dws, dbs };
}
