/**
 * MLP passes in column layout for the SAC updates (issue 13): activations are kept as
 * `[width, batch]` (one column per sample) from the input to the output, forward and
 * backward are explicit calls, not a tf autograd tape, and each weight's transpose is made
 * once per weight change (by `SacAdam` in the pass that changed it, by `polyakColumns`, or
 * here on first use) and reused by every forward that sees the same weights.
 *
 * Why columns: XNNPACK (TF.js wasm's fast matMul) packs the right operand of every product
 * and uses the left one as is (docs/performance.md, step 5). In columns every product has a
 * weight on the left and a `[width, batch]` operand on the right:
 *
 * - forward  `zᵀ = Wᵀ hᵀ` (left: the cached transpose `Wᵀ`),
 * - backward `dxᵀ = W dzᵀ` (left: the weight itself),
 * - weights  `dW = hᵀ dz` (left: the saved activation `hᵀ`; right: one small transpose of `dzᵀ`),
 *
 * so no product packs a weight and no per-layer transposes of activations are needed, which
 * the row-layout `mlpForward` pays on every layer. Only ReLU hidden layers and a linear output
 * (every SAC net) are supported.
 */
import { tf } from '../backend.ts';
import type { Mlp } from '../mlp.ts';
import { addRowBias, lerp, reluGrad, transposeAny } from './sac-kernels.ts';

/** Transposes of weight variables, redone only when a variable's data changed (Adam, Polyak, load). */
export class TransposeCache {
  private readonly entries = new Map<tf.Variable, { dataId: object; t: tf.Tensor2D }>();

  /** `wᵀ` for the variable's current value. Owned by the cache: callers must not dispose it. */
  get(w: tf.Variable): tf.Tensor2D {
    const e = this.entries.get(w);
    if (e !== undefined && e.dataId === w.dataId) return e.t;
    e?.t.dispose();
    const t = tf.keep(transposeAny(w as tf.Tensor as tf.Tensor2D));
    this.entries.set(w, { dataId: w.dataId, t });
    return t;
  }

  /** Record `wT` (kept, owned by the cache from now on) as the transpose of `w`'s current value. */
  put(w: tf.Variable, wT: tf.Tensor2D): void {
    const e = this.entries.get(w);
    if (e?.t === wT) return;
    e?.t.dispose();
    this.entries.set(w, { dataId: w.dataId, t: tf.keep(wT) });
  }

  /** Free every cached transpose. */
  dispose(): void {
    for (const e of this.entries.values()) e.t.dispose();
    this.entries.clear();
  }
}

/** One forward pass: the input and every layer's output, `[width, batch]` each. */
export interface ColumnPass {
  readonly net: Mlp;
  readonly xT: tf.Tensor2D;
  /** Layer outputs, input side first; the last is the net's (linear) output. */
  readonly hT: readonly tf.Tensor2D[];
}

/** The net's output of a pass, `[outputSize, batch]`. */
export const passOutput = (p: ColumnPass): tf.Tensor2D => p.hT[p.hT.length - 1];

function checkSupported(net: Mlp): void {
  const act = net.config.activation ?? 'relu';
  const out = net.config.outputActivation ?? 'linear';
  if (act !== 'relu' || out !== 'linear') throw new Error(`sac-mlp supports relu hidden layers and a linear output, got ${act}/${out}`);
}

/** Forward pass of `net` on the columns `xT` (`[inputSize, batch]`). Call inside tf.tidy. */
export function forwardColumns(net: Mlp, xT: tf.Tensor2D, cache: TransposeCache): ColumnPass {
  checkSupported(net);
  const v = net.variables;
  const layers = v.length / 2;
  const hT: tf.Tensor2D[] = [];
  let h = xT;
  for (let l = 0; l < layers; l++) {
    h = addRowBias(tf.matMul(cache.get(v[2 * l]), h), v[2 * l + 1] as tf.Tensor as tf.Tensor1D, l < layers - 1);
    hT.push(h);
  }
  return { net, xT, hT };
}

/** What {@link backwardColumns} returns: `dW`, `db` per layer (if asked for) and `dxᵀ` (if asked for). */
export interface ColumnGrads {
  readonly dW: tf.Tensor2D[];
  readonly db: tf.Tensor1D[];
  readonly dxT: tf.Tensor2D | undefined;
}

/**
 * Backpropagate `dOutT = dL/d(output)ᵀ` (`[outputSize, batch]`) through a saved pass.
 * `weights`: compute `dW`, `db`; `input`: compute `dxᵀ`. Call inside tf.tidy.
 */
export function backwardColumns(pass: ColumnPass, dOutT: tf.Tensor2D, want: { weights: boolean; input: boolean }): ColumnGrads {
  const v = pass.net.variables;
  const layers = v.length / 2;
  const dW: tf.Tensor2D[] = new Array(want.weights ? layers : 0);
  const db: tf.Tensor1D[] = new Array(want.weights ? layers : 0);
  let g: tf.Tensor2D = dOutT;
  for (let l = layers - 1; l >= 0; l--) {
    // relu'(z) = [z > 0] = [h > 0]; the output layer is linear.
    const dzT = l === layers - 1 ? g : reluGrad(g, pass.hT[l]);
    const hPrevT = l > 0 ? pass.hT[l - 1] : pass.xT;
    if (want.weights) {
      db[l] = tf.sum(dzT, 1) as tf.Tensor1D;
      dW[l] = tf.matMul(hPrevT, transposeAny(dzT));
    }
    if (l === 0 && !want.input) return { dW, db, dxT: undefined };
    g = tf.matMul(v[2 * l] as tf.Tensor as tf.Tensor2D, dzT);
  }
  return { dW, db, dxT: g };
}

/** The gradients of a {@link backwardColumns} call keyed by variable name, as `tf.Optimizer.applyGradients` takes them. */
export function namedGradients(net: Mlp, g: ColumnGrads, into: tf.NamedTensorMap = {}): tf.NamedTensorMap {
  net.variables.forEach((v, i) => {
    into[v.name] = i % 2 === 0 ? g.dW[i >> 1] : g.db[i >> 1];
  });
  return into;
}

/**
 * Polyak update `target <- tau online + (1 - tau) target` of every variable (the float32
 * arithmetic of `Mlp.softUpdateFrom`, bitwise), carrying the weights' transposes along: the
 * target's new `Wᵀ` is the same blend of the cached `Wᵀ`s, one elementwise pass instead of a
 * transpose at the target's next forward. Call inside tf.tidy.
 */
export function polyakColumns(target: Mlp, online: Mlp, tau: number, cache: TransposeCache): void {
  if (!(tau >= 0 && tau <= 1)) throw new RangeError(`polyakColumns: tau must be in [0, 1], got ${tau}`);
  const tv = target.variables;
  const ov = online.variables;
  if (tv.length !== ov.length || tv.some((v, i) => v.size !== ov[i].size)) throw new RangeError('polyakColumns: nets differ in shape');
  tv.forEach((v, i) => {
    const blendT = i % 2 === 0 ? lerp(cache.get(ov[i]), cache.get(v), tau, 1 - tau) : undefined;
    v.assign(lerp(ov[i], v, tau, 1 - tau));
    if (blendT !== undefined) cache.put(v, blendT);
  });
}

/** `[rows, cols]` row-major data as a `[cols, rows]` tensor (a batch of rows as columns). */
export function columnsOf(data: Float32Array, rows: number, cols: number): tf.Tensor2D {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = data[r * cols + c];
  return tf.tensor2d(t, [cols, rows]);
}

/**
 * A pair of twin nets (SAC's critics or their targets) on the same input, `[width, batch]`:
 * each net's pass (for {@link backwardColumns}) and its output read into an array.
 */
export function twinForward(nets: readonly [Mlp, Mlp], xT: tf.Tensor2D, cache: TransposeCache): { passes: [ColumnPass, ColumnPass]; out: [Float32Array, Float32Array] } {
  const passes: [ColumnPass, ColumnPass] = [forwardColumns(nets[0], xT, cache), forwardColumns(nets[1], xT, cache)];
  return { passes, out: [passOutput(passes[0]).dataSync() as Float32Array, passOutput(passes[1]).dataSync() as Float32Array] };
}
