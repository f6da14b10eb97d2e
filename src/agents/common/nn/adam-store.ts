/**
 * Where {@link Adam} keeps its moment estimates and how one update reaches the tensors.
 *
 * - `HeapStore` (wasm backend): moments are tensors on TF.js's wasm heap and the SIMD kernel
 *   runs on that same memory (heap.ts), so it reads the gradient and the weights where they
 *   live and writes the new weights into a freshly allocated tensor: no copies at all.
 * - `CopyStore` (any backend): moments in the kernel's own memory (or a plain buffer without
 *   SIMD); gradients and weights are copied in with `dataSync` and the result uploaded.
 */
import { tf } from '../backend.ts';
import { createSimdKernels, type SimdKernels } from './simd-kernels.ts';
import { wasmHeap, type WasmHeap } from './heap.ts';
import { adamStepScalars, adamUpdate } from './adam-math.ts';

/** Adam's hyper-parameters as the stores need them. */
export interface AdamHyper {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** Portable state of one variable: moments and step count. */
export interface SlotState {
  m: Float32Array;
  v: Float32Array;
  t: number;
}

/** A place for Adam's state plus the update that uses it. */
export interface AdamStore {
  step(name: string, variable: tf.Variable, grad: tf.Tensor, h: AdamHyper): void;
  exportState(): Map<string, SlotState>;
  importState(states: Map<string, SlotState>): void;
  dispose(): void;
}

/** The best store for the active backend. */
export function createAdamStore(forceScalar: boolean): AdamStore {
  const heap = forceScalar ? null : wasmHeap();
  if (heap) return new HeapStore(heap);
  return new CopyStore(forceScalar ? null : createSimdKernels());
}

/** True when `store` runs the SIMD kernel (either flavour). */
export function storeUsesSimd(store: AdamStore): boolean {
  return store instanceof HeapStore || (store instanceof CopyStore && store.simd);
}

/** Kind of a store, for diagnostics. */
export function storeKind(store: AdamStore): 'wasm-heap' | 'copy-simd' | 'copy-js' {
  if (store instanceof HeapStore) return 'wasm-heap';
  return storeUsesSimd(store) ? 'copy-simd' : 'copy-js';
}

class HeapStore implements AdamStore {
  private readonly slots = new Map<string, { m: tf.Tensor; v: tf.Tensor; t: number }>();

  constructor(private readonly heap: WasmHeap) {}

  step(name: string, variable: tf.Variable, grad: tf.Tensor, h: AdamHyper): void {
    const n = variable.size;
    let s = this.slots.get(name);
    if (s === undefined || s.m.size !== n) {
      s = { m: tf.keep(tf.zeros([n])), v: tf.keep(tf.zeros([n])), t: 0 };
      this.slots.set(name, s);
    }
    s.t++;
    const { lrT, epsT } = adamStepScalars(s.t, h.learningRate, h.beta1, h.beta2, h.epsilon);
    const output = this.heap.output([...variable.shape]);
    const [p, g, m, v] = [variable, grad, s.m, s.v].map((t) => this.heap.offset(t));
    const out = output.offset;
    const n4 = n >> 2;
    const kernels = this.heap.kernels;
    kernels.adam(out, p, g, m, v, n4, h.beta1, 1 - h.beta1, h.beta2, 1 - h.beta2, lrT, epsT);
    const tail = n - 4 * n4;
    if (tail > 0) {
      // The last n % 4 floats: tensors are not padded, so the 4-lane kernel must not touch them.
      const view = (off: number) => new Float32Array(kernels.memory.buffer, off + 16 * n4, tail);
      adamUpdate(view(out), view(p), view(g), view(m), view(v), s.t, h.learningRate, h.beta1, h.beta2, h.epsilon);
    }
    const value = output.finish();
    variable.assign(value);
    value.dispose();
  }

  exportState(): Map<string, SlotState> {
    const out = new Map<string, SlotState>();
    for (const [name, s] of this.slots) out.set(name, { m: s.m.dataSync() as Float32Array, v: s.v.dataSync() as Float32Array, t: s.t });
    return out;
  }

  importState(states: Map<string, SlotState>): void {
    this.dispose();
    for (const [name, st] of states) this.slots.set(name, { m: tf.keep(tf.tensor1d(st.m)), v: tf.keep(tf.tensor1d(st.v)), t: st.t });
  }

  dispose(): void {
    for (const s of this.slots.values()) tf.dispose([s.m, s.v]);
    this.slots.clear();
  }
}

interface CopySlot {
  /** Byte offsets of the parameter copy and the two moments in the store's buffer. */
  p: number;
  m: number;
  v: number;
  n: number;
  t: number;
  /** Data id the variable had after our last write; anything else means "re-read". */
  dataId: object | undefined;
}

class CopyStore implements AdamStore {
  private readonly slots = new Map<string, CopySlot>();
  private heap = new ArrayBuffer(0);
  private top = 0;
  private scratch = { off: 0, n: 0 };

  constructor(private readonly kernel: SimdKernels | null) {}

  get simd(): boolean {
    return this.kernel !== null;
  }

  step(name: string, variable: tf.Variable, grad: tf.Tensor, h: AdamHyper): void {
    const n = variable.size;
    const s = this.slot(name, n);
    if (this.scratch.n < n) this.scratch = { off: this.alloc(n), n };
    // Our parameter copy is current unless someone else assigned the variable since our last step.
    if (variable.dataId !== s.dataId) this.view(s.p, n).set(variable.dataSync() as Float32Array);
    this.view(this.scratch.off, n).set(grad.dataSync() as Float32Array);
    s.t++;
    if (this.kernel) {
      const { lrT, epsT } = adamStepScalars(s.t, h.learningRate, h.beta1, h.beta2, h.epsilon);
      // Regions are padded to whole vectors, so the kernel may run over the tail.
      this.kernel.adam(s.p, s.p, this.scratch.off, s.m, s.v, Math.ceil(n / 4), h.beta1, 1 - h.beta1, h.beta2, 1 - h.beta2, lrT, epsT);
    } else {
      const p = this.view(s.p, n);
      adamUpdate(p, p, this.view(this.scratch.off, n), this.view(s.m, n), this.view(s.v, n), s.t, h.learningRate, h.beta1, h.beta2, h.epsilon);
    }
    // The wasm backend copies a new tensor's values into its heap at once; other backends
    // may keep the array, so they get a copy that our next step cannot overwrite.
    const p = this.view(s.p, n);
    const value = tf.tensor(tf.getBackend() === 'wasm' ? p : p.slice(), variable.shape, 'float32');
    variable.assign(value);
    value.dispose();
    s.dataId = variable.dataId;
  }

  private slot(name: string, n: number): CopySlot {
    let s = this.slots.get(name);
    if (s === undefined || s.n !== n) {
      s = { p: this.alloc(n), m: this.alloc(n), v: this.alloc(n), n, t: 0, dataId: undefined };
      this.slots.set(name, s);
    }
    return s;
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

  /** A view of `n` floats at byte offset `off`; made per use because memory.grow detaches old views. */
  private view(off: number, n: number): Float32Array {
    return new Float32Array(this.kernel ? this.kernel.memory.buffer : this.heap, off, n);
  }

  exportState(): Map<string, SlotState> {
    const out = new Map<string, SlotState>();
    for (const [name, s] of this.slots) out.set(name, { m: this.view(s.m, s.n).slice(), v: this.view(s.v, s.n).slice(), t: s.t });
    return out;
  }

  importState(states: Map<string, SlotState>): void {
    this.slots.clear();
    for (const [name, st] of states) {
      const s = this.slot(name, st.m.length);
      this.view(s.m, s.n).set(st.m);
      this.view(s.v, s.n).set(st.v);
      s.t = st.t;
    }
  }

  dispose(): void {
    this.slots.clear();
  }
}
