/**
 * A long short-term memory layer (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et
 * al. 2000) built from plain TF.js ops and `tf.Variable`s, like `Mlp`, so recurrent agents can
 * unroll it inside one loss and hand `variables` to an optimizer (backpropagation through time
 * is just the tape over the unrolled loop). DRQN trains through a hand-written pass over the
 * same weights instead (nn/lstm-bptt.ts, ~35 kernels per update instead of ~800); this taped
 * form stays for acting and as that pass's reference in the tests.
 */
import { tf } from './backend.ts';
import { sigmoid, tanh } from './nn/activations.ts';
import { RandomStream } from '../../random/index.ts';

/** Shape and initialisation of an {@link Lstm}. */
export interface LstmConfig {
  /** Features per time step. */
  readonly inputSize: number;
  /** Units of the hidden and cell state. */
  readonly hiddenSize: number;
  /** 32-bit seed of the initial weights (from the run's generator). */
  readonly seed: number;
  /**
   * Initial forget-gate bias. Keras `unit_forget_bias=True`: 1, which keeps the cell state
   * flowing early in training (Jozefowicz et al. 2015).
   */
  readonly forgetBias?: number;
}

/** Recurrent state: hidden `h` and cell `c`, each `[batch, hiddenSize]`. */
export interface LstmState {
  readonly h: tf.Tensor2D;
  readonly c: tf.Tensor2D;
}

/**
 * One LSTM layer. Gates are packed in Keras order (input i, forget f, candidate g, output o):
 * `z = x W + h U + b`, `c' = sigmoid(f) * c + sigmoid(i) * tanh(g)`, `h' = sigmoid(o) * tanh(c')`.
 */
export class Lstm {
  readonly config: LstmConfig;
  /** `[kernel [in, 4H], recurrentKernel [H, 4H], bias [4H]]`. */
  readonly variables: tf.Variable[];
  private disposed = false;

  constructor(config: LstmConfig) {
    const { inputSize, hiddenSize, seed } = config;
    if (!Number.isInteger(inputSize) || inputSize < 1 || !Number.isInteger(hiddenSize) || hiddenSize < 1) {
      throw new RangeError(`Lstm sizes must be positive integers, got ${inputSize} -> ${hiddenSize}`);
    }
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`Lstm seed must be a 32-bit unsigned integer, got ${seed}`);
    this.config = { ...config };
    const init = lstmInitialWeights(this.config);
    const H = hiddenSize;
    this.variables = tf.tidy(() => [
      tf.variable(tf.tensor2d(init[0], [inputSize, 4 * H]), true, undefined, 'float32'),
      tf.variable(tf.tensor2d(init[1], [H, 4 * H]), true, undefined, 'float32'),
      tf.variable(tf.tensor1d(init[2]), true, undefined, 'float32'),
    ]);
  }

  /** All-zero state for `batch` sequences (the state at an episode's first step). */
  zeroState(batch: number): LstmState {
    const H = this.config.hiddenSize;
    return { h: tf.zeros([batch, H]), c: tf.zeros([batch, H]) };
  }

  /** One differentiable step: `x` is `[batch, inputSize]`. */
  step(x: tf.Tensor2D, state: LstmState): LstmState {
    const [W, U, b] = this.variables;
    return this.cell(tf.add(tf.matMul(x, W as tf.Tensor2D), b) as tf.Tensor2D, state, U as tf.Tensor2D);
  }

  /**
   * Unroll over `x` of shape `[batch, time, inputSize]` from `initial` (zeros when omitted).
   * Returns every step's hidden output `[batch, time, hiddenSize]` and the final state.
   */
  sequence(x: tf.Tensor3D, initial?: LstmState): { outputs: tf.Tensor3D; state: LstmState } {
    const [B, T, I] = x.shape;
    if (I !== this.config.inputSize) throw new RangeError(`Lstm input has ${I} features, expected ${this.config.inputSize}`);
    const [W, U, b] = this.variables;
    const H4 = 4 * this.config.hiddenSize;
    // The input projection of all steps is one matmul; only the recurrence is sequential.
    const xw = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [B * T, I]), W as tf.Tensor2D), b), [B, T, H4]);
    const steps = tf.unstack(xw, 1) as tf.Tensor2D[];
    let state = initial ?? this.zeroState(B);
    const hs: tf.Tensor2D[] = [];
    for (const zx of steps) {
      state = this.cell(zx, state, U as tf.Tensor2D);
      hs.push(state.h);
    }
    return { outputs: tf.stack(hs, 1) as tf.Tensor3D, state };
  }

  private cell(zx: tf.Tensor2D, state: LstmState, U: tf.Tensor2D): LstmState {
    const z = tf.add(zx, tf.matMul(state.h, U));
    const [i, f, g, o] = tf.split(z, 4, 1) as tf.Tensor2D[];
    // Gate and cell nonlinearities whose gradients come from their inputs (nn/activations.ts):
    // with tf.sigmoid/tf.tanh a saturated gate, e.g. a forget gate at exactly 1 in float32,
    // would pass no gradient to its weights.
    const c = tf.add(tf.mul(sigmoid(f), state.c), tf.mul(sigmoid(i), tanh(g))) as tf.Tensor2D;
    const h = tf.mul(sigmoid(o), tanh(c)) as tf.Tensor2D;
    return { h, c };
  }

  /** Copies of `[kernel, recurrentKernel, bias]`, row-major. */
  getWeights(): Float32Array[] {
    return this.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /** Load weights in the {@link getWeights} layout. */
  setWeights(w: Float32Array[]): void {
    if (w.length !== 3 || w.some((a, k) => a.length !== this.variables[k].size)) {
      throw new RangeError(`Lstm.setWeights: expected arrays of ${this.variables.map((v) => v.size).join(', ')} floats`);
    }
    tf.tidy(() => this.variables.forEach((v, k) => v.assign(tf.tensor(w[k], v.shape, 'float32'))));
  }

  /** Hard target update from an LSTM of the same shape. */
  copyFrom(other: Lstm): void {
    this.check(other);
    tf.tidy(() => this.variables.forEach((v, k) => v.assign(other.variables[k])));
  }

  /** Polyak update `theta <- tau * other + (1 - tau) * theta`. */
  softUpdateFrom(other: Lstm, tau: number): void {
    this.check(other);
    tf.tidy(() => this.variables.forEach((v, k) => v.assign(tf.add(tf.mul(other.variables[k], tau), tf.mul(v, 1 - tau)))));
  }

  /** Release the weights. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variables.forEach((v) => v.dispose());
  }

  private check(other: Lstm): void {
    const { inputSize: a, hiddenSize: b } = this.config;
    if (other.config.inputSize !== a || other.config.hiddenSize !== b) throw new RangeError('Lstm shapes differ');
  }
}

/**
 * Keras-default initial weights from the seeded generator: Glorot-uniform kernel, orthogonal
 * recurrent kernel (rows orthonormal, Saxe et al. 2014, which keeps early gradients through
 * time from exploding or vanishing), zero bias except the forget gate.
 */
export function lstmInitialWeights(config: LstmConfig): [Float32Array, Float32Array, Float32Array] {
  const { inputSize: I, hiddenSize: H, seed } = config;
  const rng = new RandomStream('lstm/init', seed);
  const limit = Math.sqrt(6 / (I + 4 * H));
  const kernel = new Float32Array(I * 4 * H);
  for (let k = 0; k < kernel.length; k++) kernel[k] = rng.uniformIn(-limit, limit);
  const recurrent = orthonormalRows(H, 4 * H, rng);
  const bias = new Float32Array(4 * H);
  bias.fill(config.forgetBias ?? 1, H, 2 * H);
  return [kernel, recurrent, bias];
}

/** A `rows x cols` (rows <= cols) matrix with orthonormal rows: Gram-Schmidt on Gaussian rows. */
function orthonormalRows(rows: number, cols: number, rng: RandomStream): Float32Array {
  const m = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (;;) {
      const row = m.subarray(r * cols, (r + 1) * cols);
      for (let k = 0; k < cols; k++) row[k] = rng.normal();
      for (let p = 0; p < r; p++) {
        const prev = m.subarray(p * cols, (p + 1) * cols);
        let dot = 0;
        for (let k = 0; k < cols; k++) dot += row[k] * prev[k];
        for (let k = 0; k < cols; k++) row[k] -= dot * prev[k];
      }
      let norm = 0;
      for (let k = 0; k < cols; k++) norm += row[k] * row[k];
      norm = Math.sqrt(norm);
      if (norm > 1e-6) {
        for (let k = 0; k < cols; k++) row[k] /= norm;
        break;
      }
    }
  }
  return Float32Array.from(m);
}
