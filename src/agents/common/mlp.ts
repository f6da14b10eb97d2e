/**
 * The multilayer perceptron every agent builds its networks from. Weights are plain
 * `tf.Variable`s (not tf.layers) so agents can combine several nets in one loss and hand
 * `variables` to `optimizer.minimize(..., varList)`.
 */
import { tf } from './backend.ts';
import { RandomStream } from '../../random/index.ts';
import { mlpForward, mlpInference, type GradientOptions, type HiddenActivation, type OutputActivation } from './nn/forward.ts';

export type { GradientOptions, HiddenActivation, OutputActivation };

/** Shape and initialisation of an {@link Mlp}. */
export interface MlpConfig {
  /** Width of the input (observation, or observation+action for a Q critic). */
  inputSize: number;
  /** Widths of the hidden layers, input side first. May be empty (a linear/logistic model). */
  hiddenSizes: readonly number[];
  /** Width of the output. */
  outputSize: number;
  /** Hidden nonlinearity. Default `'relu'` (SB3's off-policy default, CleanRL). */
  activation?: HiddenActivation;
  /** Output nonlinearity. Default `'linear'`; DDPG/TD3 actors use `'tanh'`. */
  outputActivation?: OutputActivation;
  /** 32-bit seed for weight initialisation (from the run's generator: rootRandom.stream('agent/init/<name>').seed32()). */
  seed: number;
  /**
   * Optional uniform init range for the last layer's weights and biases: U(-s, s). DDPG
   * (Lillicrap et al. 2016, Sec. 7) uses 3e-3 so initial outputs are near zero. Default: the
   * same init as hidden layers.
   */
  finalLayerInitScale?: number;
  /**
   * Weight initialisation of the other layers. `'keras'` (default): He uniform for ReLU nets,
   * Glorot uniform otherwise, zero biases (Keras, TF.js layers). `'pytorch'`: weights and
   * biases U(±1/sqrt(fan_in)), what `torch.nn.Linear` starts from, hence SB3's DQN.
   */
  init?: 'keras' | 'pytorch';
}

/** Fully-connected network: hidden layers with `activation`, then a linear layer with `outputActivation`. */
export class Mlp {
  readonly config: MlpConfig;
  /** Trainable weights in layer order: `[W0, b0, W1, b1, ...]`, `Wi` of shape `[in, out]`. */
  readonly variables: tf.Variable[];
  private readonly weights: tf.Variable<tf.Rank.R2>[] = [];
  private readonly biases: tf.Variable<tf.Rank.R1>[] = [];
  private disposed = false;
  /** Weight data ids at the last predict call (to tell whether XNNPACK has packed them). */
  private predictedWith: readonly object[] = [];

  constructor(cfg: MlpConfig) {
    validate(cfg);
    this.config = { ...cfg, hiddenSizes: [...cfg.hiddenSizes] };
    const init = initialWeights(this.config);
    const sizes = layerSizes(this.config);
    // tidy frees the initial-value tensors; variables survive it.
    tf.tidy(() => {
      for (let l = 0; l < sizes.length - 1; l++) {
        this.weights.push(tf.variable(tf.tensor2d(init[2 * l], [sizes[l], sizes[l + 1]]), true, undefined, 'float32'));
        this.biases.push(tf.variable(tf.tensor1d(init[2 * l + 1]), true, undefined, 'float32'));
      }
    });
    this.variables = this.weights.flatMap((w, l) => [w, this.biases[l]]);
  }

  /**
   * Differentiable forward pass for a batch `[n, inputSize]` -> `[n, outputSize]`. Callers
   * wrap it in tf.tidy / minimize. Gradients flow to `variables` and to `x` through a
   * hand-written backward pass that avoids wasm's slow transposed matMul (nn/forward.ts).
   * `grads` can drop the weight or input gradients a loss does not need, e.g.
   * `critic.apply(sa, { weights: false })` inside an actor loss.
   */
  apply(x: tf.Tensor2D, grads?: GradientOptions): tf.Tensor2D {
    return mlpForward(x, this.weights, this.biases, this.spec(), grads);
  }

  private spec() {
    return { activation: this.config.activation ?? 'relu', outputActivation: this.config.outputActivation ?? 'linear' };
  }

  /** Synchronous forward pass on a row-major batch (`batch` rows, default 1); returns a fresh array. */
  predict(x: Float32Array, batch = 1): Float32Array {
    const { inputSize, outputSize } = this.config;
    if (x.length !== batch * inputSize) {
      throw new RangeError(`predict: expected ${batch}x${inputSize} = ${batch * inputSize} inputs, got ${x.length}`);
    }
    // Weights that changed since the last predict are not packed by XNNPACK yet: take the
    // transposed path for this call (0.45 instead of 1.5 ms per 512x512 layer); unchanged
    // weights take the fused path, whose packing is then cached (0.04 ms per layer).
    const fresh = this.weights.some((w, l) => w.dataId !== this.predictedWith[l]);
    this.predictedWith = this.weights.map((w) => w.dataId);
    const y = tf.tidy(() => mlpInference(tf.tensor2d(x, [batch, inputSize], 'float32'), this.weights, this.biases, this.spec(), fresh));
    // dataSync hands back a buffer no live tensor uses once y is disposed: no copy needed.
    const out = y.dataSync() as Float32Array;
    y.dispose();
    if (out.length !== batch * outputSize) throw new Error(`predict: got ${out.length} outputs, expected ${batch * outputSize}`);
    return out;
  }

  /** Hard target update: copy every weight of `other` (same shape) into this net. */
  copyFrom(other: Mlp): void {
    this.checkCompatible(other);
    tf.tidy(() => {
      this.variables.forEach((v, i) => v.assign(other.variables[i]));
    });
  }

  /** Polyak update `theta <- tau * other + (1 - tau) * theta`, `tau` in [0, 1]. */
  softUpdateFrom(other: Mlp, tau: number): void {
    if (!(tau >= 0 && tau <= 1)) throw new RangeError(`softUpdateFrom: tau must be in [0, 1], got ${tau}`);
    this.checkCompatible(other);
    tf.tidy(() => {
      this.variables.forEach((v, i) => v.assign(tf.add(tf.mul(other.variables[i], tau), tf.mul(v, 1 - tau))));
    });
  }

  /** Copies of the weights in `variables` order (`Wi` row-major `[in, out]`, then `bi`). */
  getWeights(): Float32Array[] {
    return this.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /** Load weights in the {@link getWeights} layout. */
  setWeights(w: Float32Array[]): void {
    if (w.length !== this.variables.length) {
      throw new RangeError(`setWeights: expected ${this.variables.length} arrays, got ${w.length}`);
    }
    this.variables.forEach((v, i) => {
      if (w[i].length !== v.size) throw new RangeError(`setWeights: array ${i} has ${w[i].length} values, expected ${v.size}`);
    });
    tf.tidy(() => {
      this.variables.forEach((v, i) => v.assign(tf.tensor(w[i], v.shape, 'float32')));
    });
  }

  /** Release the weight tensors. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variables.forEach((v) => v.dispose());
  }

  private checkCompatible(other: Mlp): void {
    const a = layerSizes(this.config).join('-');
    const b = layerSizes(other.config).join('-');
    if (a !== b) throw new RangeError(`Mlp shapes differ: ${a} vs ${b}`);
  }
}

/** Layer widths from input to output, e.g. `[64, 512, 512, 16]`. */
export function layerSizes(cfg: MlpConfig): number[] {
  return [cfg.inputSize, ...cfg.hiddenSizes, cfg.outputSize];
}

function validate(cfg: MlpConfig): void {
  for (const n of layerSizes(cfg)) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Mlp layer sizes must be positive integers, got ${layerSizes(cfg).join('-')}`);
  }
  if (!Number.isInteger(cfg.seed) || cfg.seed < 0 || cfg.seed > 0xffffffff) {
    throw new RangeError(`Mlp seed must be a 32-bit unsigned integer, got ${cfg.seed}`);
  }
  if (cfg.init !== undefined && cfg.init !== 'keras' && cfg.init !== 'pytorch') {
    throw new RangeError(`Mlp init must be 'keras' or 'pytorch', got ${String(cfg.init)}`);
  }
  if (cfg.finalLayerInitScale !== undefined && !(cfg.finalLayerInitScale > 0)) {
    throw new RangeError(`finalLayerInitScale must be > 0, got ${cfg.finalLayerInitScale}`);
  }
}

/**
 * Initial weights in `variables` order, drawn from the seeded generator (not tf's RNG) so a
 * seed fixes the net on every backend. Default (`init: 'keras'`): He uniform
 * U(±sqrt(6/fan_in)) for relu nets, Glorot uniform U(±sqrt(6/(fan_in+fan_out))) for tanh
 * nets, zero biases. `init: 'pytorch'`: U(±1/sqrt(fan_in)) for weights and biases.
 */
export function initialWeights(cfg: MlpConfig): Float32Array[] {
  const rng = new RandomStream('mlp/init', cfg.seed);
  const sizes = layerSizes(cfg);
  const out: Float32Array[] = [];
  const layers = sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const w = new Float32Array(fanIn * fanOut);
    const b = new Float32Array(fanOut);
    const isFinal = l === layers - 1;
    if (isFinal && cfg.finalLayerInitScale !== undefined) {
      const s = cfg.finalLayerInitScale;
      for (let i = 0; i < w.length; i++) w[i] = rng.uniformIn(-s, s);
      for (let i = 0; i < b.length; i++) b[i] = rng.uniformIn(-s, s);
    } else if (cfg.init === 'pytorch') {
      const limit = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < w.length; i++) w[i] = rng.uniformIn(-limit, limit);
      for (let i = 0; i < b.length; i++) b[i] = rng.uniformIn(-limit, limit);
    } else {
      const limit = (cfg.activation ?? 'relu') === 'relu' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < w.length; i++) w[i] = rng.uniformIn(-limit, limit);
    }
    out.push(w, b);
  }
  return out;
}
