/**
 * Two WebAssembly SIMD kernels assembled from bytes at load time (no build step, no binary
 * file), for the two places where TF.js's wasm kernels cost most in our training step
 * (docs/performance.md):
 *
 * - `adam(out, p, g, m, v, n4, beta1, 1-beta1, beta2, 1-beta2, lrT, epsT)`: the whole Adam
 *   update in one pass, 4 lanes at a time: `m = b1 m + c1 g; v = b2 v + c2 g²;
 *   out = p - lrT m / (sqrt(v) + epsT)` over `n4` vectors (callers handle n % 4 tail
 *   elements; `out` may equal `p`). tf.train.adam needs ~14 kernels (passes) per variable;
 *   a JavaScript loop cannot vectorise and runs at 2.5–3.3 ms per 512x512 weight here.
 * - `transpose(src, dst, rows, cols)`: a row-major `[rows, cols]` matrix into `[cols, rows]`,
 *   4x4 blocks with lane shuffles; rows and cols multiples of 4. TF.js wasm's Transpose runs
 *   about 0.9 ms for 512x512 here.
 *
 * All pointers are byte offsets into the kernel's memory. Two flavours: a module with its own
 * memory, or one importing a given memory — TF.js wasm's heap — so the kernels read and write
 * tensors where they live, without copies.
 */
import { F32, I32, V128, addr, blocks4x4, moduleBytes, op, wasmApi, type WasmFunction, type WasmMemory } from './wasm-asm.ts';

export type { WasmMemory };

/** The instantiated kernels and the memory they address. */
export interface SimdKernels {
  readonly memory: WasmMemory;
  adam(out: number, p: number, g: number, m: number, v: number, n4: number, b1: number, c1: number, b2: number, c2: number, lrT: number, epsT: number): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
}

const { get, set } = op;

function adamFunction(): WasmFunction {
  // Params 0..11: out p g m v n4 b1 c1 b2 c2 lr eps; locals: 12 off, 13 end, 14 gv, 15 mv,
  // 16 vv, 17 B1, 18 C1, 19 B2, 20 C2, 21 LR, 22 EPS.
  const [OUT, P, G, M, V, N4] = [0, 1, 2, 3, 4, 5];
  const [OFF, END, GV, MV, VV, B1, C1, B2, C2, LR, EPS] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
  const at = (base: number) => addr(base, OFF);
  const { load, store, f32x4Add: add, f32x4Sub: sub, f32x4Mul: mul, f32x4Div: div, f32x4Sqrt: sqrt } = op;
  const body = [
    ...[B1, C1, B2, C2, LR, EPS].flatMap((local, k) => [...get(6 + k), ...op.f32x4Splat, ...set(local)]),
    ...get(N4), ...op.i32(4), ...op.i32Shl, ...set(END), // end = n4 * 16 bytes
    ...op.block, ...op.loop,
    ...get(OFF), ...get(END), ...op.i32GeU, ...op.brIf(1),
    ...at(G), ...load, ...set(GV),
    ...get(B1), ...at(M), ...load, ...mul, ...get(C1), ...get(GV), ...mul, ...add, ...set(MV),
    ...at(M), ...get(MV), ...store,
    ...get(B2), ...at(V), ...load, ...mul, ...get(C2), ...get(GV), ...get(GV), ...mul, ...mul, ...add, ...set(VV),
    ...at(V), ...get(VV), ...store,
    ...at(OUT),
    ...at(P), ...load, ...get(LR), ...get(MV), ...mul, ...get(VV), ...sqrt, ...get(EPS), ...add, ...div, ...sub,
    ...store,
    ...get(OFF), ...op.i32(16), ...op.i32Add, ...set(OFF),
    ...op.br(0), ...op.end, ...op.end,
  ];
  return { name: 'adam', params: [I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32], locals: [[2, I32], [9, V128]], body };
}

function transposeFunction(): WasmFunction {
  // Params 0..3: src dst rows cols; locals: 4 i, 5 j, 6 rowBytes, 7 colBytes, 8 s, 9 d,
  // 10..13 r0..r3, 14..17 t0..t3.
  const [SRC, DST, ROWS, COLS] = [0, 1, 2, 3];
  const [I, J, RB, CB, S, D] = [4, 5, 6, 7, 8, 9];
  const R = [10, 11, 12, 13];
  const T = [14, 15, 16, 17];
  const range = (from: number) => Array.from({ length: 4 }, (_, k) => from + k);
  // Interleave words: lo = (a0 b0 a1 b1), hi = (a2 b2 a3 b3); then pairs: (a0 b0 | c0 d0) ...
  const lo32 = [...range(0), ...range(16), ...range(4), ...range(20)];
  const hi32 = [...range(8), ...range(24), ...range(12), ...range(28)];
  const lo64 = [...range(0), ...range(4), ...range(16), ...range(20)];
  const hi64 = [...range(8), ...range(12), ...range(24), ...range(28)];
  const plus = (base: number, times: number, stride: number) => (times === 0 ? get(base) : [...get(base), ...get(stride), ...(times > 1 ? [...op.i32(times), ...op.i32Mul] : []), ...op.i32Add]);
  const block4x4 = [
    // s = src + i * rowBytes + j * 4
    ...get(SRC), ...get(I), ...get(RB), ...op.i32Mul, ...op.i32Add, ...get(J), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...set(S),
    ...R.flatMap((r, k) => [...plus(S, k, RB), ...op.load, ...set(r)]),
    ...get(R[0]), ...get(R[1]), ...op.shuffle(lo32), ...set(T[0]),
    ...get(R[0]), ...get(R[1]), ...op.shuffle(hi32), ...set(T[1]),
    ...get(R[2]), ...get(R[3]), ...op.shuffle(lo32), ...set(T[2]),
    ...get(R[2]), ...get(R[3]), ...op.shuffle(hi32), ...set(T[3]),
    // d = dst + j * colBytes + i * 4
    ...get(DST), ...get(J), ...get(CB), ...op.i32Mul, ...op.i32Add, ...get(I), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...set(D),
    ...plus(D, 0, CB), ...get(T[0]), ...get(T[2]), ...op.shuffle(lo64), ...op.store,
    ...plus(D, 1, CB), ...get(T[0]), ...get(T[2]), ...op.shuffle(hi64), ...op.store,
    ...plus(D, 2, CB), ...get(T[1]), ...get(T[3]), ...op.shuffle(lo64), ...op.store,
    ...plus(D, 3, CB), ...get(T[1]), ...get(T[3]), ...op.shuffle(hi64), ...op.store,
  ];
  const body = [
    ...get(COLS), ...op.i32(2), ...op.i32Shl, ...set(RB),
    ...get(ROWS), ...op.i32(2), ...op.i32Shl, ...set(CB),
    // Plain row-block order: tiling the columns to keep destination lines in L1 measured no
    // faster (0.22 ms for 512x512 either way; a 1 MB copy takes 0.02 ms).
    ...blocks4x4({ i: I, j: J, rows: ROWS, cols: COLS }, block4x4),
  ];
  return { name: 'transpose', params: [I32, I32, I32, I32], locals: [[6, I32], [8, V128]], body };
}

const compiled = new Map<boolean, object | null>();

function compile(importMemory: boolean): object | null {
  if (!compiled.has(importMemory)) {
    try {
      if (wasmApi === undefined) throw new Error('no WebAssembly');
      compiled.set(importMemory, new wasmApi.Module(moduleBytes([adamFunction(), transposeFunction()], importMemory)));
    } catch {
      compiled.set(importMemory, null);
    }
  }
  return compiled.get(importMemory) ?? null;
}

function wrap(exports: Record<string, unknown>, memory: WasmMemory): SimdKernels {
  const k = exports as unknown as Pick<SimdKernels, 'adam' | 'transpose'>;
  return { memory, adam: k.adam, transpose: k.transpose };
}

/**
 * Fresh kernels with their own memory (freed with the returned object), or `null` where
 * WebAssembly SIMD is unavailable. The module is compiled once per process.
 */
export function createSimdKernels(): SimdKernels | null {
  const mod = compile(false);
  if (mod === null || wasmApi === undefined) return null;
  const ex = new wasmApi.Instance(mod).exports;
  return wrap(ex, ex.memory as WasmMemory);
}

/** Kernels working inside `memory` (e.g. TF.js wasm's heap), or `null` if they cannot be built. */
export function createSimdKernelsOn(memory: WasmMemory): SimdKernels | null {
  const mod = compile(true);
  if (mod === null || wasmApi === undefined) return null;
  try {
    return wrap(new wasmApi.Instance(mod, { env: { memory } }).exports, memory);
  } catch {
    return null;
  }
}
