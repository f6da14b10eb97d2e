/**
 * Three elementwise WebAssembly SIMD kernels for the SAC updates (issue 13), run on TF.js
 * wasm's heap like nn/simd-kernels.ts (assembled from bytes by nn/wasm-asm.ts):
 *
 * - `lerp(out, a, b, n4, ta, tb)`: `out = a·ta + b·tb` (the Polyak update in one pass; tf needs
 *   two multiplies and an add, three passes and two temporaries). Float32 products and sum
 *   rounded as tf's `add(mul(a, ta), mul(b, tb))` rounds them: bitwise the same result.
 * - `reluGrad(out, g, h, n4)`: `out = g` where `h > 0`, else +0 (tf: `mul(g, step(h))`, up to
 *   the sign of zero).
 * - `biasRelu(out, z, b, rows, cols)`, `bias(...)`: `out[r, c] = z[r, c] + b[r]` (then
 *   `max(·, 0)`): the bias of a layer in column layout (nn/sac-mlp.ts), one pass.
 *
 * Each wrapper falls back to the tf ops it replaces where the heap is not available (other
 * backends) or a size is not a multiple of 4.
 */
import { tf } from '../backend.ts';
import { transpose2d, wasmHeap } from './heap.ts';
import { F32, I32, V128, addr, blocks4x4, moduleBytes, op, simdOp, wasmApi, whileBelow, type WasmFunction, type WasmMemory } from './wasm-asm.ts';

const { get, set } = op;
const { f32x4Gt, v128And, f32x4Max } = simdOp;
/** f32.load, align 4, offset 0. */
const f32Load = [0x2a, 2, 0];

function lerpFunction(): WasmFunction {
  // Params: 0 out, 1 a, 2 b, 3 n4, 4 ta, 5 tb; locals: 6 off, 7 end, 8 TA, 9 TB.
  const [OUT, A, B, N4, TA_IN, TB_IN, OFF, END, TA, TB] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const body = [
    ...get(TA_IN), ...op.f32x4Splat, ...set(TA),
    ...get(TB_IN), ...op.f32x4Splat, ...set(TB),
    ...get(N4), ...op.i32(4), ...op.i32Shl, ...set(END),
    ...whileBelow(OFF, END, 16, [...addr(OUT, OFF), ...addr(A, OFF), ...op.load, ...get(TA), ...op.f32x4Mul, ...addr(B, OFF), ...op.load, ...get(TB), ...op.f32x4Mul, ...op.f32x4Add, ...op.store]),
  ];
  return { name: 'lerp', params: [I32, I32, I32, I32, F32, F32], locals: [[2, I32], [2, V128]], body };
}

function reluGradFunction(): WasmFunction {
  // Params: 0 out, 1 g, 2 h, 3 n4; locals: 4 off, 5 end, 6 zero (v128 locals start at 0).
  const [OUT, G, H, N4, OFF, END, ZERO] = [0, 1, 2, 3, 4, 5, 6];
  const body = [
    ...get(N4), ...op.i32(4), ...op.i32Shl, ...set(END),
    ...whileBelow(OFF, END, 16, [...addr(OUT, OFF), ...addr(G, OFF), ...op.load, ...addr(H, OFF), ...op.load, ...get(ZERO), ...f32x4Gt, ...v128And, ...op.store]),
  ];
  return { name: 'reluGrad', params: [I32, I32, I32, I32], locals: [[2, I32], [1, V128]], body };
}

function biasFunction(relu: boolean): WasmFunction {
  // Params: 0 out, 1 z, 2 b, 3 rows, 4 cols; locals: 5 off (byte offset into z/out), 6 rowEnd,
  // 7 end, 8 bOff, 9 bias (v128), 10 zero (v128).
  const [OUT, Z, B, ROWS, COLS, OFF, ROW_END, END, B_OFF, BIAS, ZERO] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const value = [...addr(Z, OFF), ...op.load, ...get(BIAS), ...op.f32x4Add, ...(relu ? [...get(ZERO), ...f32x4Max] : [])];
  const body = [
    ...get(ROWS), ...get(COLS), ...op.i32Mul, ...op.i32(2), ...op.i32Shl, ...set(END),
    ...op.block, ...op.loop, // rows: off runs over the whole matrix, row by row
    ...get(OFF), ...get(END), ...op.i32GeU, ...op.brIf(1),
    ...get(B), ...get(B_OFF), ...op.i32Add, ...f32Load, ...op.f32x4Splat, ...set(BIAS),
    ...get(OFF), ...get(COLS), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...set(ROW_END),
    ...whileBelow(OFF, ROW_END, 16, [...addr(OUT, OFF), ...value, ...op.store]),
    ...get(B_OFF), ...op.i32(4), ...op.i32Add, ...set(B_OFF),
    ...op.br(0), ...op.end, ...op.end,
  ];
  return { name: relu ? 'biasRelu' : 'bias', params: [I32, I32, I32, I32, I32], locals: [[4, I32], [2, V128]], body };
}

function adamTransposedFunction(): WasmFunction {
  // Adam on a row-major [rows, cols] weight (rows, cols multiples of 4), writing the new weight
  // to `out` and its transpose to `outT`, 4x4 blocks: the arithmetic of nn/simd-kernels.ts's
  // `adam` lane for lane (m = b1 m + c1 g; v = b2 v + c2 g²; out = p - lr m / (sqrt(v) + eps)),
  // and the shuffles of its `transpose`.
  // Params: 0 out, 1 outT, 2 p, 3 g, 4 m, 5 v, 6 rows, 7 cols, 8..13 b1 c1 b2 c2 lr eps (f32).
  // Locals: 14 i, 15 j, 16 rowBytes, 17 colBytes, 18 off, 19 d; 20..25 B1 C1 B2 C2 LR EPS,
  // 26 gv, 27 mv, 28 vv, 29..32 r0..r3, 33..36 t0..t3.
  const [OUT, OUTT, P, G, M, V, ROWS, COLS] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [I, J, RB, CB, OFF, D] = [14, 15, 16, 17, 18, 19];
  const [B1, C1, B2, C2, LR, EPS] = [20, 21, 22, 23, 24, 25];
  const [GV, MV, VV] = [26, 27, 28];
  const R = [29, 30, 31, 32];
  const T = [33, 34, 35, 36];
  const range = (from: number) => Array.from({ length: 4 }, (_, k) => from + k);
  const lo32 = [...range(0), ...range(16), ...range(4), ...range(20)];
  const hi32 = [...range(8), ...range(24), ...range(12), ...range(28)];
  const lo64 = [...range(0), ...range(4), ...range(16), ...range(20)];
  const hi64 = [...range(8), ...range(12), ...range(24), ...range(28)];
  const { load, store, f32x4Add: add, f32x4Sub: sub, f32x4Mul: mul, f32x4Div: div, f32x4Sqrt: sqrt } = op;
  const row = (r: number): number[] => [
    // off = (i + r) * rowBytes + j * 4
    ...get(I), ...op.i32(r), ...op.i32Add, ...get(RB), ...op.i32Mul, ...get(J), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...set(OFF),
    ...addr(G, OFF), ...load, ...set(GV),
    ...get(B1), ...addr(M, OFF), ...load, ...mul, ...get(C1), ...get(GV), ...mul, ...add, ...set(MV),
    ...addr(M, OFF), ...get(MV), ...store,
    ...get(B2), ...addr(V, OFF), ...load, ...mul, ...get(C2), ...get(GV), ...get(GV), ...mul, ...mul, ...add, ...set(VV),
    ...addr(V, OFF), ...get(VV), ...store,
    ...addr(P, OFF), ...load, ...get(LR), ...get(MV), ...mul, ...get(VV), ...sqrt, ...get(EPS), ...add, ...div, ...sub, ...set(R[r]),
    ...addr(OUT, OFF), ...get(R[r]), ...store,
  ];
  const plusD = (k: number): number[] => (k === 0 ? get(D) : [...get(D), ...get(CB), ...(k > 1 ? [...op.i32(k), ...op.i32Mul] : []), ...op.i32Add]);
  const block = [
    ...row(0), ...row(1), ...row(2), ...row(3),
    ...get(R[0]), ...get(R[1]), ...op.shuffle(lo32), ...set(T[0]),
    ...get(R[0]), ...get(R[1]), ...op.shuffle(hi32), ...set(T[1]),
    ...get(R[2]), ...get(R[3]), ...op.shuffle(lo32), ...set(T[2]),
    ...get(R[2]), ...get(R[3]), ...op.shuffle(hi32), ...set(T[3]),
    // d = outT + j * colBytes + i * 4
    ...get(OUTT), ...get(J), ...get(CB), ...op.i32Mul, ...op.i32Add, ...get(I), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...set(D),
    ...plusD(0), ...get(T[0]), ...get(T[2]), ...op.shuffle(lo64), ...store,
    ...plusD(1), ...get(T[0]), ...get(T[2]), ...op.shuffle(hi64), ...store,
    ...plusD(2), ...get(T[1]), ...get(T[3]), ...op.shuffle(lo64), ...store,
    ...plusD(3), ...get(T[1]), ...get(T[3]), ...op.shuffle(hi64), ...store,
  ];
  const body = [
    ...[B1, C1, B2, C2, LR, EPS].flatMap((local, k) => [...get(8 + k), ...op.f32x4Splat, ...set(local)]),
    ...get(COLS), ...op.i32(2), ...op.i32Shl, ...set(RB),
    ...get(ROWS), ...op.i32(2), ...op.i32Shl, ...set(CB),
    ...blocks4x4({ i: I, j: J, rows: ROWS, cols: COLS }, block),
  ];
  return { name: 'adamT', params: [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32], locals: [[6, I32], [17, V128]], body };
}

interface Kernels {
  lerp(out: number, a: number, b: number, n4: number, ta: number, tb: number): void;
  reluGrad(out: number, g: number, h: number, n4: number): void;
  bias(out: number, z: number, b: number, rows: number, cols: number): void;
  biasRelu(out: number, z: number, b: number, rows: number, cols: number): void;
  adamT(out: number, outT: number, p: number, g: number, m: number, v: number, rows: number, cols: number, b1: number, c1: number, b2: number, c2: number, lr: number, eps: number): void;
}

let compiled: object | null | undefined;
const byMemory = new WeakMap<object, Kernels | null>();
let enabled = true;

/** Turn these kernels off (tf ops instead) or back on, process-wide: for tests and measurements. */
export function setSacKernelsEnabled(on: boolean): void {
  enabled = on;
}

function kernelsOn(memory: WasmMemory): Kernels | null {
  if (!byMemory.has(memory)) {
    try {
      if (wasmApi === undefined) throw new Error('no WebAssembly');
      compiled ??= new wasmApi.Module(moduleBytes([lerpFunction(), reluGradFunction(), biasFunction(false), biasFunction(true), adamTransposedFunction()], true));
      byMemory.set(memory, new wasmApi.Instance(compiled, { env: { memory } }).exports as unknown as Kernels);
    } catch {
      compiled = null;
      byMemory.set(memory, null);
    }
  }
  return byMemory.get(memory) ?? null;
}

/** The heap and our kernels on it, when every tensor is float32 and `size` is a multiple of 4. */
export function heapFor(size: number, ...ts: tf.Tensor[]) {
  if (!enabled || size % 4 !== 0 || ts.some((t) => t.dtype !== 'float32')) return null;
  const heap = wasmHeap();
  const k = heap === null ? null : kernelsOn(heap.kernels.memory);
  return heap === null || k === null ? null : { heap, k };
}

/** `a·ta + b·tb` elementwise (same shapes). */
export function lerp<T extends tf.Tensor>(a: T, b: T, ta: number, tb: number): T {
  const h = heapFor(a.size, a, b);
  if (h === null) return tf.add(tf.mul(a, ta), tf.mul(b, tb));
  const out = h.heap.output(a.shape);
  h.k.lerp(out.offset, h.heap.offset(a), h.heap.offset(b), a.size / 4, ta, tb);
  return out.finish() as T;
}

/** `g` where `h > 0`, else 0: ReLU's backward from its output `h`. */
export function reluGrad<T extends tf.Tensor>(g: T, h: T): T {
  const k = heapFor(g.size, g, h);
  // where (not mul by step): +0, as the kernel's mask gives, not -0 for negative g.
  if (k === null) return tf.where(tf.greater(h, 0), g, tf.zerosLike(g));
  const out = k.heap.output(g.shape);
  k.k.reluGrad(out.offset, k.heap.offset(g), k.heap.offset(h), g.size / 4);
  return out.finish() as T;
}

/** `z + b` per row (`z: [rows, cols]`, `b: [rows]`), then ReLU if `relu`. */
export function addRowBias(z: tf.Tensor2D, b: tf.Tensor1D, relu: boolean): tf.Tensor2D {
  const [rows, cols] = z.shape;
  const k = heapFor(cols, z, b);
  if (k === null) {
    const y = tf.add(z, tf.reshape(b, [rows, 1])) as tf.Tensor2D;
    return relu ? tf.relu(y) : y;
  }
  const out = k.heap.output([rows, cols]);
  (relu ? k.k.biasRelu : k.k.bias)(out.offset, k.heap.offset(z), k.heap.offset(b), rows, cols);
  return out.finish() as tf.Tensor2D;
}

/**
 * Transpose of any float32 matrix: the SIMD kernel for sides that are multiples of 4
 * (`transpose2d`), otherwise a plain loop over the heap (a 33 x 512 first layer: ~20 µs
 * against ~150 µs for tf.transpose's kernel), tf.transpose off the heap.
 */
export function transposeAny(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (rows % 4 === 0 && cols % 4 === 0) return transpose2d(x);
  const h = heapFor(4, x);
  if (h === null) return tf.transpose(x);
  const out = h.heap.output([cols, rows]);
  const buf = h.heap.kernels.memory.buffer;
  const src = new Float32Array(buf, h.heap.offset(x), rows * cols);
  const dst = new Float32Array(buf, out.offset, rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dst[c * rows + r] = src[r * cols + c];
  return out.finish() as tf.Tensor2D;
}
