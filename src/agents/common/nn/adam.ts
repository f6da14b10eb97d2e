/**
 * Adam (Kingma & Ba 2015, Algorithm 1) as a drop-in `tf.Optimizer`, with the per-element
 * update done in one pass by a WebAssembly SIMD kernel (nn/simd-adam.ts) instead of tf's
 * ~14 tensor kernels per variable. On the wasm backend each of those kernels is a full pass
 * over memory; for a 512x512 weight tf.train.adam spends about 1.8 ms, this optimizer
 * about 0.4 ms including the copies (docs/performance.md). `minimize(f, returnCost,
 * varList)`, `computeGradients` and `applyGradients` work as with `tf.train.adam`.
 *
 * State (parameters, first and second moments) lives in the kernel's memory. The parameter
 * copy is re-read from the variable only when the variable changed behind our back
 * (setWeights, copyFrom, soft updates), detected by its data id.
 */
import { tf } from '../backend';
import { createSimdAdamKernel, type AdamKernel } from './simd-adam';

/** Hyper-parameters of {@link Adam}. */
export interface AdamConfig {
  /** Step size alpha. */
  learningRate: number;
  /** Decay of the first-moment estimate. Default 0.9 (Kingma & Ba; PyTorch, tf). */
  beta1?: number;
  /** Decay of the second-moment estimate. Default 0.999 (Kingma & Ba; PyTorch, tf). */
  beta2?: number;
  /** Added to sqrt(v_hat). Default 1e-8 (Kingma & Ba; PyTorch; tf.js uses 1e-7). */
  epsilon?: number;
  /** Use the JavaScript loop even where WebAssembly SIMD is available (tests, debugging). */
  forceScalar?: boolean;
}

/** A named tensor as tf.Optimizer's weight (de)serialisation uses it (not re-exported by tfjs). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Slot {
  /** Byte offsets of the parameter copy and the two moments in the state heap. */
  p: number;
  m: number;
  v: number;
  n: number;
  /** Steps taken for this variable (bias correction is per variable, as in PyTorch). */
  t: number;
  /** Data id the variable had after our last write; anything else means "re-read". */
  dataId: object | undefined;
}

/** Adam with state in a flat float heap updated by one SIMD pass per variable. */
export class Adam extends tf.Optimizer {
  /** Serialisation name (tf.serialization registry). */
  static get className(): string {
    return 'SemsimAdam';
  }

  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly kernel: AdamKernel | null;
  private readonly slots = new Map<string, Slot>();
  private heap: ArrayBuffer = new ArrayBuffer(0);
  private top = 0;
  private scratch = { off: 0, n: 0 };

  constructor(cfg: AdamConfig) {
    super();
    this.learningRate = cfg.learningRate;
    this.beta1 = cfg.beta1 ?? 0.9;
    this.beta2 = cfg.beta2 ?? 0.999;
    this.epsilon = cfg.epsilon ?? 1e-8;
    if (!(this.learningRate > 0)) throw new RangeError(`Adam learningRate must be > 0, got ${this.learningRate}`);
    if (!(this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1)) {
      throw new RangeError(`Adam betas must be in [0, 1), got ${this.beta1}, ${this.beta2}`);
    }
    this.kernel = cfg.forceScalar ? null : createSimdAdamKernel();
  }

  /** True when updates run in the WebAssembly SIMD kernel. */
  get simd(): boolean {
    return this.kernel !== null;
  }

  /** Apply one Adam step to each named variable from its gradient. */
  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const pairs: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    const registered = tf.engine().registeredVariables;
    for (const [name, grad] of pairs) {
      if (grad == null) continue;
      const variable = registered[name];
      if (variable === undefined) throw new Error(`Adam: no variable named '${name}'`);
      this.step(variable, grad);
    }
    this.incrementIterations();
  }

  private step(variable: tf.Variable, grad: tf.Tensor): void {
    const n = variable.size;
    let s = this.slots.get(variable.name);
    if (s === undefined || s.n !== n) {
      s = { p: this.alloc(n), m: this.alloc(n), v: this.alloc(n), n, t: 0, dataId: undefined };
      this.slots.set(variable.name, s);
    }
    if (this.scratch.n < n) this.scratch = { off: this.alloc(n), n };
    if (variable.dataId !== s.dataId) this.view(s.p, n).set(variable.dataSync() as Float32Array);
    this.view(this.scratch.off, n).set(grad.dataSync() as Float32Array);
    s.t++;
    const { lrT, epsT } = adamStepScalars(s.t, this.learningRate, this.beta1, this.beta2, this.epsilon);
    if (this.kernel) {
      const b1 = this.beta1;
      const b2 = this.beta2;
      this.kernel.adam(s.p, this.scratch.off, s.m, s.v, Math.ceil(n / 4), b1, 1 - b1, b2, 1 - b2, lrT, epsT);
    } else {
      const p = this.view(s.p, n);
      adamUpdate(p, p, this.view(this.scratch.off, n), this.view(s.m, n), this.view(s.v, n), s.t, this.learningRate, this.beta1, this.beta2, this.epsilon);
    }
    // The wasm backend copies a new tensor's values into its own heap at once; other
    // backends may keep the array, so they get a copy that our next step cannot overwrite.
    const p = this.view(s.p, n);
    const value = tf.tensor(tf.getBackend() === 'wasm' ? p : p.slice(), variable.shape, 'float32');
    variable.assign(value);
    value.dispose();
    s.dataId = variable.dataId;
  }

  /** Reserve `n` floats (rounded up to whole 4-lane vectors, 16-byte aligned); returns a byte offset. */
  private alloc(n: number): number {
    const off = this.top;
    this.top += Math.ceil(n / 4) * 16;
    if (this.kernel) {
      const have = this.kernel.memory.buffer.byteLength;
      if (this.top > have) this.kernel.memory.grow(Math.ceil((this.top - have) / 65536));
    } else if (this.top > this.heap.byteLength) {
      const grown = new ArrayBuffer(Math.max(this.top, 2 * this.heap.byteLength));
      new Uint8Array(grown).set(new Uint8Array(this.heap));
      this.heap = grown;
    }
    return off;
  }

  /** A view of `n` floats at byte offset `off`; recreated per use because memory.grow detaches old views. */
  private view(off: number, n: number): Float32Array {
    return new Float32Array(this.kernel ? this.kernel.memory.buffer : this.heap, off, n);
  }

  override dispose(): void {
    this.slots.clear();
  }

  /** Moment estimates as tensors (`<var>/m`, `<var>/v`, `<var>/t`) after the iteration counter. */
  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.slots) {
      out.push({ name: `${name}/m`, tensor: tf.tensor1d(this.view(s.m, s.n).slice()) });
      out.push({ name: `${name}/v`, tensor: tf.tensor1d(this.view(s.v, s.n).slice()) });
      out.push({ name: `${name}/t`, tensor: tf.scalar(s.t, 'int32') });
    }
    return out;
  }

  /** Load what {@link getWeights} returned (parameters are re-read from the variables). */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const byName = new Map(rest.map((w) => [w.name, w.tensor]));
    for (const [key, mTensor] of byName) {
      if (!key.endsWith('/m')) continue;
      const name = key.slice(0, -2);
      const vTensor = byName.get(`${name}/v`);
      const tTensor = byName.get(`${name}/t`);
      if (vTensor === undefined || tTensor === undefined) throw new Error(`Adam.setWeights: incomplete state for '${name}'`);
      const n = mTensor.size;
      const s: Slot = { p: this.alloc(n), m: this.alloc(n), v: this.alloc(n), n, t: tTensor.dataSync()[0], dataId: undefined };
      this.view(s.m, n).set(mTensor.dataSync() as Float32Array);
      this.view(s.v, n).set(vTensor.dataSync() as Float32Array);
      this.slots.set(name, s);
    }
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}

/**
 * Step size and epsilon with both bias corrections folded in (Kingma & Ba, end of Sec. 2):
 * `lr * m_hat / (sqrt(v_hat) + eps) = lrT * m / (sqrt(v) + epsT)`.
 */
export function adamStepScalars(t: number, lr: number, beta1: number, beta2: number, eps: number): { lrT: number; epsT: number } {
  const bc1 = 1 - Math.pow(beta1, t);
  const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
  return { lrT: (lr * sqrtBc2) / bc1, epsT: eps * sqrtBc2 };
}

/**
 * One Adam step on flat arrays (the scalar reference and fallback of the SIMD kernel):
 * updates `m`, `v` in place and writes the new parameters to `out` (may alias `p`).
 * `t` is the 1-based step number.
 */
export function adamUpdate(
  out: Float32Array,
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
): void {
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const { lrT, epsT } = adamStepScalars(t, lr, beta1, beta2, eps);
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + c1 * gi;
    const vi = beta2 * v[i] + c2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    out[i] = p[i] - (lrT * mi) / (Math.sqrt(vi) + epsT);
  }
}
