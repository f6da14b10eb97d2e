/**
 * Adam (Kingma & Ba 2015, Algorithm 1) as a drop-in `tf.Optimizer`, with the per-element
 * update done in one pass by a WebAssembly SIMD kernel (simd-adam.ts) instead of tf's ~14
 * tensor kernels per variable; on the wasm backend the kernel runs directly on TF.js's heap
 * (adam-store.ts). `minimize(f, returnCost, varList)`, `computeGradients` and
 * `applyGradients` work as with `tf.train.adam`. Measurements: docs/performance.md.
 */
import { tf } from '../backend.ts';
import { createAdamStore, storeKind, type AdamStore, type SlotState } from './adam-store.ts';

export { adamStepScalars, adamUpdate } from './adam-math.ts';

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
  /** Use the plain JavaScript loop and copies, never the SIMD kernel (tests, debugging). */
  forceScalar?: boolean;
}

/** A named tensor as tf.Optimizer's weight (de)serialisation uses it (not re-exported by tfjs). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Adam with a fused SIMD update; see the module comment. */
export class Adam extends tf.Optimizer {
  /** Serialisation name (tf.serialization registry). */
  static get className(): string {
    return 'SemsimAdam';
  }

  /** Step size; may be changed between steps (learning-rate schedules). */
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private readonly forceScalar: boolean;
  private store: AdamStore | undefined;
  private storeBackend = '';

  constructor(cfg: AdamConfig) {
    super();
    this.learningRate = cfg.learningRate;
    this.beta1 = cfg.beta1 ?? 0.9;
    this.beta2 = cfg.beta2 ?? 0.999;
    this.epsilon = cfg.epsilon ?? 1e-8;
    this.forceScalar = cfg.forceScalar ?? false;
    if (!(this.learningRate > 0)) throw new RangeError(`Adam learningRate must be > 0, got ${this.learningRate}`);
    if (!(this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1)) {
      throw new RangeError(`Adam betas must be in [0, 1), got ${this.beta1}, ${this.beta2}`);
    }
  }

  /** How updates run on the active backend: on the wasm heap, SIMD with copies, or plain JS. */
  get mode(): 'wasm-heap' | 'copy-simd' | 'copy-js' {
    return storeKind(this.activeStore());
  }

  /** The store for the active backend; state moves along if the backend changed. */
  private activeStore(): AdamStore {
    const backend = tf.getBackend();
    if (this.store === undefined || this.storeBackend !== backend) {
      const state = this.store?.exportState();
      this.store?.dispose();
      this.store = createAdamStore(this.forceScalar);
      this.storeBackend = backend;
      if (state) this.store.importState(state);
    }
    return this.store;
  }

  /** Apply one Adam step to each named variable from its gradient. */
  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const pairs: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    const store = this.activeStore();
    const registered = tf.engine().registeredVariables;
    for (const [name, grad] of pairs) {
      if (grad == null) continue;
      const variable = registered[name];
      if (variable === undefined) throw new Error(`Adam: no variable named '${name}'`);
      store.step(name, variable, grad, this);
    }
    this.incrementIterations();
  }

  override dispose(): void {
    this.store?.dispose();
    this.store = undefined;
  }

  /** Moment estimates as tensors (`<var>/m`, `<var>/v`, `<var>/t`) after the iteration counter. */
  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.activeStore().exportState()) {
      out.push({ name: `${name}/m`, tensor: tf.tensor1d(s.m) });
      out.push({ name: `${name}/v`, tensor: tf.tensor1d(s.v) });
      out.push({ name: `${name}/t`, tensor: tf.scalar(s.t, 'int32') });
    }
    return out;
  }

  /** Load what {@link getWeights} returned. */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const byName = new Map(rest.map((w) => [w.name, w.tensor]));
    const states = new Map<string, SlotState>();
    for (const [key, m] of byName) {
      if (!key.endsWith('/m')) continue;
      const name = key.slice(0, -2);
      const v = byName.get(`${name}/v`);
      const t = byName.get(`${name}/t`);
      if (v === undefined || t === undefined) throw new Error(`Adam.setWeights: incomplete state for '${name}'`);
      states.set(name, { m: Float32Array.from(m.dataSync() as Float32Array), v: Float32Array.from(v.dataSync() as Float32Array), t: t.dataSync()[0] });
    }
    this.activeStore().importState(states);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
