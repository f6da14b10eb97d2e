/**
 * Just enough of a WebAssembly binary encoder to write the few SIMD kernels in
 * simd-kernels.ts by hand: LEB128, sections, and the opcodes they use (core spec and the
 * fixed-width SIMD proposal, both on by default in Node 20).
 */

/** The parts of a WebAssembly.Memory we use (the project's TS libs carry no WebAssembly types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Minimal typing of the global WebAssembly API. */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
}

/** The global WebAssembly object, if the runtime has one. */
export const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Unsigned LEB128. */
export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};

/** Signed LEB128 (any 32-bit integer; 64..127 need two bytes, unlike in unsigned LEB128). */
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};

export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Instruction encoders. */
export const op = {
  get: (i: number) => [0x20, i],
  set: (i: number) => [0x21, i],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  end: [0x0b],
  /** v128.load / v128.store with 16-byte alignment hint, offset 0. */
  load: [0xfd, 0x00, 4, 0],
  store: [0xfd, 0x0b, 4, 0],
  /** The same with a constant byte offset added to the address. */
  loadAt: (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)],
  storeAt: (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)],
  /** v128.load32_splat: one f32 from address + offset into all four lanes. */
  loadSplatAt: (offset: number) => [0xfd, 0x09, 2, ...uleb(offset)],
  /** v128.const of four equal f32 lanes. */
  f32x4Const: (v: number) => [0xfd, 0x0c, ...Array.from({ length: 4 }, () => Array.from(new Uint8Array(Float32Array.of(v).buffer))).flat()],
  /** i8x16.shuffle with 16 lane indices into the 32 bytes of the two operands. */
  shuffle: (lanes: number[]) => [0xfd, 0x0d, ...lanes],
  f32x4Splat: [0xfd, 0x13],
  f32x4Sqrt: [0xfd, ...uleb(0xe3)],
  f32x4Add: [0xfd, ...uleb(0xe4)],
  f32x4Sub: [0xfd, ...uleb(0xe5)],
  f32x4Mul: [0xfd, ...uleb(0xe6)],
  f32x4Div: [0xfd, ...uleb(0xe7)],
};

/** One function: parameter and result types, local declarations `[count, type]`, body (without the final `end`). */
/** A SIMD (0xfd-prefixed) opcode. */
export const simd = (code: number): number[] => [0xfd, ...uleb(code)];

/** SIMD and local opcodes beyond `op`, for the elementwise kernels (sac-kernels, simd-activations). */
export const simdOp = {
  tee: (i: number) => [0x22, i],
  f32x4Abs: simd(0xe0),
  f32x4Max: simd(0xe9),
  f32x4Lt: simd(0x43),
  f32x4Gt: simd(0x44),
  f32x4Nearest: simd(0x6a),
  i32x4TruncSatF32x4: simd(0xf8),
  i32x4Add: simd(0xae),
  i32x4Shl: simd(0xab),
  v128And: simd(0x4e),
  v128Or: simd(0x50),
  v128Bitselect: simd(0x52),
  i32x4Const: (v: number) => [0xfd, 0x0c, ...Array.from({ length: 4 }, () => Array.from(new Uint8Array(Int32Array.of(v).buffer))).flat()],
};

/** The byte address `base + off`, both locals. */
export const addr = (base: number, off: number): number[] => [...op.get(base), ...op.get(off), ...op.i32Add];

/** `while (local < end) { body; local += step }`, `end` a local. */
export const whileBelow = (local: number, end: number, step: number, body: number[]): number[] => [
  ...op.block, ...op.loop,
  ...op.get(local), ...op.get(end), ...op.i32GeU, ...op.brIf(1),
  ...body,
  ...op.get(local), ...op.i32(step), ...op.i32Add, ...op.set(local),
  ...op.br(0), ...op.end, ...op.end,
];

export interface WasmFunction {
  readonly name: string;
  readonly params: readonly number[];
  readonly locals: readonly (readonly [number, number])[];
  readonly body: readonly number[];
}

/**
 * A module of `fns` (each exported under its name) that either owns one memory (exported
 * as `memory`) or imports `env.memory`. Memories start at one page and have no maximum.
 */
/**
 * A loop nest over a row-major matrix in 4x4 blocks: `for i in 0..rows step 4, for j in
 * 0..cols step 4 { block }`, with `i`, `j`, `rows` and `cols` in the given locals (`i` must
 * start at 0; `j` is reset per row block).
 */
export function blocks4x4(locals: { i: number; j: number; rows: number; cols: number }, block: readonly number[]): number[] {
  const { i, j, rows, cols } = locals;
  const { get, set } = op;
  return [
    ...op.block, ...op.loop, // for i in 0..rows step 4
    ...get(i), ...get(rows), ...op.i32GeU, ...op.brIf(1),
    ...op.i32(0), ...set(j),
    ...op.block, ...op.loop, // for j in 0..cols step 4
    ...get(j), ...get(cols), ...op.i32GeU, ...op.brIf(1),
    ...block,
    ...get(j), ...op.i32(4), ...op.i32Add, ...set(j),
    ...op.br(0), ...op.end, ...op.end,
    ...get(i), ...op.i32(4), ...op.i32Add, ...set(i),
    ...op.br(0), ...op.end, ...op.end,
  ];
}

export function moduleBytes(fns: readonly WasmFunction[], importMemory: boolean): Uint8Array {
  const limits = [0x00, 1];
  const types = fns.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0]);
  const exports = fns.map((f, i) => [...name(f.name), 0x00, i]);
  const codes = fns.map((f) => {
    const code = [...vec(f.locals.map(([n, t]) => [n, t])), ...f.body, ...op.end];
    return [...uleb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...(importMemory ? section(2, vec([[...name('env'), ...name('memory'), 0x02, ...limits]])) : []),
    ...section(3, vec(fns.map((_, i) => [i]))),
    ...(importMemory ? [] : section(5, vec([limits]))),
    ...section(7, vec(importMemory ? exports : [[...name('memory'), 0x02, 0], ...exports])),
    ...section(10, vec(codes)),
  ]);
}
