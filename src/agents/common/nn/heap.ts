/**
 * Direct access to TF.js wasm's heap, so our SIMD kernels (simd-kernels.ts) can read and
 * write tensors in place of tf kernels, without copying data in and out. Uses three
 * internals of @tensorflow/tfjs-backend-wasm 4.22 — the Emscripten module's
 * `wasm.asm.memory`, the backend's `dataIdMap` (tensor -> heap offset) and `makeOutput`
 * (allocate an output tensor) — checked at run time: on any other backend or version
 * {@link wasmHeap} returns null and callers take their plain tf path.
 *
 * Tensors stay immutable: kernels only write into tensors freshly allocated here.
 */
import { tf } from '../backend.ts';
import { createSimdKernelsOn, type SimdKernels } from './simd-kernels.ts';
import type { WasmMemory } from './wasm-asm.ts';

interface WasmBackendInternals {
  wasm: { asm: { memory: WasmMemory } };
  dataIdMap: { get(dataId: unknown): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/** The active wasm backend's heap with kernels bound to it. */
export interface WasmHeap {
  readonly kernels: SimdKernels;
  /** Byte offset of a float32 tensor's data in the heap. */
  offset(t: tf.TensorInfo): number;
  /** Allocate an uninitialised float32 output; `finish` turns it into a tensor once written. */
  output(shape: number[]): { offset: number; finish(): tf.Tensor };
}

const kernelsByMemory = new WeakMap<object, SimdKernels | null>();
let disabled = false;

/** Turn the heap path off (or back on) process-wide: for tests and for measuring its effect. */
export function setWasmHeapEnabled(enabled: boolean): void {
  disabled = !enabled;
}

/** The heap of the active backend if it is TF.js wasm with the internals we need, else null. */
export function wasmHeap(): WasmHeap | null {
  if (disabled || tf.getBackend() !== 'wasm') return null;
  const b = tf.backend() as unknown as Partial<WasmBackendInternals>;
  const memory = b.wasm?.asm?.memory;
  if (typeof b.makeOutput !== 'function' || typeof b.dataIdMap?.get !== 'function' || memory === undefined) return null;
  if (!kernelsByMemory.has(memory)) kernelsByMemory.set(memory, createSimdKernelsOn(memory));
  const kernels = kernelsByMemory.get(memory);
  if (!kernels) return null;
  const internals = b as WasmBackendInternals;
  const offset = (t: tf.TensorInfo): number => {
    const info = internals.dataIdMap.get(t.dataId);
    if (info === undefined) throw new Error('tensor is not on the wasm backend (was the backend switched mid-run?)');
    return info.memoryOffset;
  };
  return {
    kernels,
    offset,
    output(shape) {
      const info = internals.makeOutput(shape, 'float32');
      return { offset: offset(info), finish: () => tf.engine().makeTensorFromTensorInfo(info) };
    },
  };
}

/**
 * Transpose a 2-D float32 tensor. On the wasm heap with both sides multiples of 4, one SIMD
 * pass (about 5x faster than tf.transpose for 512x512 here); otherwise tf.transpose. Not
 * differentiable by tf's autograd: for use inside hand-written forward/backward passes.
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  const heap = rows % 4 === 0 && cols % 4 === 0 && x.dtype === 'float32' ? wasmHeap() : null;
  if (heap === null) return tf.transpose(x);
  const out = heap.output([cols, rows]);
  heap.kernels.transpose(heap.offset(x), out.offset, rows, cols);
  return out.finish() as tf.Tensor2D;
}
