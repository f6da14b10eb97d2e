/**
 * Adam for the SAC updates' nets (issue 13): the update of nn/adam.ts, bitwise on the wasm heap
 * (the same SIMD arithmetic, the same scalar tail), that also hands each new 2-D weight's
 * transpose to a {@link TransposeCache}. The column-layout forward (nn/sac-mlp.ts) needs `Wᵀ`
 * of every new weight; written in the same pass over the weight (4x4 blocks, sac-kernels.ts),
 * it costs a few strided stores instead of a separate transpose reading the weight again.
 * Weights whose sides are not multiples of 4, biases, and other backends take the plain Adam
 * arithmetic and leave their transposes to the cache.
 */
import { tf } from '../backend.ts';
import type { NamedTensor } from './adam.ts';
import { adamStepScalars, adamUpdate } from './adam-math.ts';
import { heapFor } from './sac-kernels.ts';
import type { TransposeCache } from './sac-mlp.ts';

/** What the SAC steps need of an optimiser (`tf.Optimizer` and {@link SacAdam} both have it). */
export interface GradientApplier {
  applyGradients(grads: tf.NamedTensorMap): void;
}

/** The variable takes the value's data; the value tensor itself is released. */
function assignAndFree(variable: tf.Variable, value: tf.Tensor): void {
  variable.assign(value);
  value.dispose();
}

/** Adam's moments and step count for one variable. */
interface Slot {
  m: tf.Tensor;
  v: tf.Tensor;
  t: number;
}

/** Adam (Kingma & Ba 2015) with PyTorch's defaults, fed gradients by name like `tf.Optimizer.applyGradients`. */
export class SacAdam implements GradientApplier {
  private readonly slots = new Map<tf.Variable, Slot>();

  constructor(
    readonly learningRate: number,
    private readonly cache: TransposeCache,
    readonly epsilon = 1e-8,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
  ) {
    if (!(learningRate > 0)) throw new RangeError(`SacAdam learningRate must be > 0, got ${learningRate}`);
  }

  /** One Adam step of each named variable. */
  applyGradients(grads: tf.NamedTensorMap): void {
    const registered = tf.engine().registeredVariables;
    for (const [name, g] of Object.entries(grads)) {
      const variable = registered[name];
      if (variable === undefined) throw new Error(`SacAdam: no variable named '${name}'`);
      this.step(variable, g);
    }
  }

  private slot(variable: tf.Variable): Slot {
    let s = this.slots.get(variable);
    if (s === undefined) {
      s = { m: tf.keep(tf.zeros(variable.shape)), v: tf.keep(tf.zeros(variable.shape)), t: 0 };
      this.slots.set(variable, s);
    }
    return s;
  }

  private step(variable: tf.Variable, g: tf.Tensor): void {
    const s = this.slot(variable);
    s.t++;
    const { lrT, epsT } = adamStepScalars(s.t, this.learningRate, this.beta1, this.beta2, this.epsilon);
    const [b1, b2] = [this.beta1, this.beta2];
    const n = variable.size;
    const h = heapFor(4, variable, g, s.m, s.v);
    if (h === null) {
      // Any backend: the arithmetic of nn/adam.ts's JavaScript path on copies.
      const [p, m, v] = [variable, s.m, s.v].map((t) => Float32Array.from(t.dataSync() as Float32Array));
      adamUpdate(p, p, g.dataSync() as Float32Array, m, v, s.t, this.learningRate, b1, b2, this.epsilon);
      tf.dispose([s.m, s.v]);
      s.m = tf.keep(tf.tensor(m, variable.shape));
      s.v = tf.keep(tf.tensor(v, variable.shape));
      assignAndFree(variable, tf.tensor(p, variable.shape));
      return;
    }
    const { heap, k } = h;
    const [p, gg, m, v] = [variable, g, s.m, s.v].map((t) => heap.offset(t));
    const output = heap.output([...variable.shape]);
    const [rows, cols] = variable.shape;
    if (variable.rank === 2 && rows % 4 === 0 && cols % 4 === 0) {
      const outT = heap.output([cols, rows]);
      k.adamT(output.offset, outT.offset, p, gg, m, v, rows, cols, b1, 1 - b1, b2, 1 - b2, lrT, epsT);
      assignAndFree(variable, output.finish());
      this.cache.put(variable, outT.finish() as tf.Tensor2D);
      return;
    }
    // nn/adam.ts's heap store: the SIMD kernel over whole vectors, the scalar loop over the tail.
    const n4 = n >> 2;
    heap.kernels.adam(output.offset, p, gg, m, v, n4, b1, 1 - b1, b2, 1 - b2, lrT, epsT);
    const tail = n - 4 * n4;
    if (tail > 0) {
      const view = (off: number) => new Float32Array(heap.kernels.memory.buffer, off + 16 * n4, tail);
      adamUpdate(view(output.offset), view(p), view(gg), view(m), view(v), s.t, this.learningRate, b1, b2, this.epsilon);
    }
    assignAndFree(variable, output.finish());
  }

  /**
   * The moments and step counts (checkpoints), in `tf.Optimizer.getWeights`'s form: `iter`
   * first, then `<variable name>/m`, `/v` and `/t` per variable. Tensors are fresh copies.
   */
  async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [{ name: 'iter', tensor: tf.scalar(0, 'int32') }];
    for (const [variable, s] of this.slots) {
      out.push({ name: `${variable.name}/m`, tensor: s.m.clone() });
      out.push({ name: `${variable.name}/v`, tensor: s.v.clone() });
      out.push({ name: `${variable.name}/t`, tensor: tf.scalar(s.t, 'int32') });
    }
    return out;
  }

  /** Loads what {@link getWeights} returned (values are copied; the caller keeps its tensors). */
  async setWeights(weights: NamedTensor[]): Promise<void> {
    const byName = new Map(weights.map((w) => [w.name, w.tensor]));
    const registered = tf.engine().registeredVariables;
    this.dispose();
    for (const [key, m] of byName) {
      if (!key.endsWith('/m')) continue;
      const name = key.slice(0, -2);
      const [v, t, variable] = [byName.get(`${name}/v`), byName.get(`${name}/t`), registered[name]];
      if (v === undefined || t === undefined || variable === undefined) throw new Error(`SacAdam.setWeights: incomplete state for '${name}'`);
      this.slots.set(variable, { m: tf.keep(m.clone()), v: tf.keep(v.clone()), t: t.dataSync()[0] });
    }
  }

  /** Free the moment estimates. */
  dispose(): void {
    for (const s of this.slots.values()) tf.dispose([s.m, s.v]);
    this.slots.clear();
  }
}
