/**
 * WebAssembly SIMD kernels for one LSTM step, forward and backward, assembled by
 * nn/wasm-asm.ts for one hidden size `H` (a multiple of 4, a compile-time constant, so every
 * gate block and weight row is an immediate offset) and run on their own memory by
 * nn/lstm-cell.ts (docs/performance.md, DRQN step 6). Pointers are byte offsets; matrices are
 * row-major float32, one row per sequence of the step's block (`rows` of them).
 *
 * - `addBias(z, bias, rows)`: `z[r] += bias` (`z: [rows, 4H]`; the first step, h₋₁ = 0).
 * - `preact(z, hPrev, u, bias, rows)`: `z[r] += bias + hPrev[r] U` (`U: [H, 4H]`).
 * - `cell(z, slope, cPrev, c, tanhC, tanhCSlope, h, rows)`: the gates in place of their
 *   pre-activations (σ of i, f, o, tanh of g), their derivatives from the pre-activations
 *   into `slope`, `c = σf cPrev + σi tanh g`, `tanh c` and its derivative, `h = σo tanh c`.
 *   `cPrev` may equal `c`.
 * - `cellBack(dz, gates, cPrev, tanhC, tanhCSlope, dh, dhRec, dc, rows)`: `dz` holds the gate
 *   slopes and is overwritten by the pre-activation gradients; `dh + dhRec` is the gradient
 *   w.r.t. h, `dc` the one w.r.t. c from the later step, replaced by the one for `cPrev`.
 * - `recurBack(dhRec, dz, uT, rows)`: `dhRec[r] = dz[r] Uᵀ` (`uT: [4H, H]`).
 *
 * σ, tanh and their slopes: simd-activations.ts.
 */
import { ACT_LOCALS, activation } from './simd-activations.ts';
import { I32, V128, addr, moduleBytes, op, wasmApi, whileBelow, type WasmFunction, type WasmMemory } from './wasm-asm.ts';

export interface LstmKernels {
  readonly memory: WasmMemory;
  readonly hidden: number;
  addBias(z: number, bias: number, rows: number): void;
  preact(z: number, hPrev: number, u: number, bias: number, rows: number): void;
  cell(z: number, slope: number, cPrev: number, c: number, tanhC: number, tanhCSlope: number, h: number, rows: number): void;
  cellBack(dz: number, gates: number, cPrev: number, tanhC: number, tanhCSlope: number, dh: number, dhRec: number, dc: number, rows: number): void;
  recurBack(dhRec: number, dz: number, uT: number, rows: number): void;
}

const { get, set } = op;
const { load, loadAt, storeAt, loadSplatAt, f32x4Const: cst, f32x4Add: add, f32x4Mul: mul } = op;

function addBiasFunction(H: number): WasmFunction {
  // Params: 0 z, 1 bias, 2 rows; locals: 3 off (bytes into z), 4 end, 5 j (bytes into the row).
  const [Z, BIAS, ROWS, OFF, END, J, ROW_END] = [0, 1, 2, 3, 4, 5, 6];
  const rowBytes = 16 * H;
  const body = [
    ...get(ROWS), ...op.i32(rowBytes), ...op.i32Mul, ...set(END),
    ...whileBelow(OFF, END, rowBytes, [
      ...op.i32(0), ...set(J), ...op.i32(rowBytes), ...set(ROW_END),
      ...whileBelow(J, ROW_END, 16, [
        ...get(Z), ...get(OFF), ...op.i32Add, ...get(J), ...op.i32Add,
        ...get(Z), ...get(OFF), ...op.i32Add, ...get(J), ...op.i32Add, ...load,
        ...addr(BIAS, J), ...load, ...add, ...storeAt(0),
      ]),
    ]),
  ];
  return { name: 'addBias', params: [I32, I32, I32], locals: [[4, I32]], body };
}

function preactFunction(H: number): WasmFunction {
  // z[r, j..j+16) += bias[j..] + Σ_k hPrev[r, k] U[k, j..]: four accumulators share each
  // splat of hPrev[r, k]; k is unrolled (immediate offsets k·16H into U).
  // Params: 0 z, 1 hPrev, 2 u, 3 bias, 4 rows; locals: 5 zRow, 6 hRow, 7 j, 8 zEnd, 9 rowEnd,
  // 10 p (z + zRow + j), 11 q (u + j); v128 12..15 acc, 16 s.
  const [Z, HP, U, BIAS, ROWS, ZROW, HROW, J, ZEND, ROW_END, P, Q] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const ACC = [12, 13, 14, 15];
  const S = 16;
  const rowBytes = 16 * H;
  const ks = Array.from({ length: H }, (_, k) => k).flatMap((k) => [
    ...get(HP), ...get(HROW), ...op.i32Add, ...loadSplatAt(4 * k), ...set(S),
    ...ACC.flatMap((acc, a) => [...get(acc), ...get(S), ...get(Q), ...loadAt(k * rowBytes + 16 * a), ...mul, ...add, ...set(acc)]),
  ]);
  const body = [
    ...get(ROWS), ...op.i32(rowBytes), ...op.i32Mul, ...set(ZEND),
    ...whileBelow(ZROW, ZEND, rowBytes, [
      ...op.i32(0), ...set(J), ...op.i32(rowBytes), ...set(ROW_END),
      ...whileBelow(J, ROW_END, 64, [
        ...addr(Z, ZROW), ...get(J), ...op.i32Add, ...set(P),
        ...addr(U, J), ...set(Q),
        ...ACC.flatMap((acc, a) => [...get(P), ...loadAt(16 * a), ...addr(BIAS, J), ...loadAt(16 * a), ...add, ...set(acc)]),
        ...ks,
        ...ACC.flatMap((acc, a) => [...get(P), ...get(acc), ...storeAt(16 * a)]),
      ]),
      ...get(HROW), ...op.i32(4 * H), ...op.i32Add, ...set(HROW),
    ]),
  ];
  return { name: 'preact', params: [I32, I32, I32, I32, I32], locals: [[7, I32], [5, V128]], body };
}

/**
 * The row loop both cell kernels share: for each of `rows` rows, run `perVector` for every
 * 4-lane vector of the row's [H] block (byte offset `o`, advancing by 16) while `oz` walks the
 * matching vector of the row's i gate in the [rows, 4H] arrays; after a row, `oz` skips the
 * f, g and o blocks to the next row's i gate.
 */
function eachRowOfVectors(H: number, rows: number, o: number, oz: number, end: number, rowEnd: number, perVector: number[]): number[] {
  return [
    ...get(rows), ...op.i32(4 * H), ...op.i32Mul, ...set(end),
    ...op.block, ...op.loop,
    ...get(o), ...get(end), ...op.i32GeU, ...op.brIf(1),
    ...get(o), ...op.i32(4 * H), ...op.i32Add, ...set(rowEnd),
    ...whileBelow(o, rowEnd, 16, [...perVector, ...get(oz), ...op.i32(16), ...op.i32Add, ...set(oz)]),
    ...get(oz), ...op.i32(12 * H), ...op.i32Add, ...set(oz),
    ...op.br(0), ...op.end, ...op.end,
  ];
}

function cellFunction(H: number): WasmFunction {
  // Params: 0 z, 1 slope, 2 cPrev, 3 c, 4 tanhC, 5 tanhCSlope, 6 h, 7 rows; locals: 8 o (bytes
  // into the [rows, H] arrays), 9 oz (bytes into the [rows, 4H] ones), 10 end, 11 rowEnd;
  // v128: 12..15 zi zf zg zo, 16..19 gi gf gg go, 20..23 their slopes, 24 cNew, 25 tc, 26 tcs,
  // 27.. activation scratch.
  const [ZP, SL, CP, C, TC, TCS, HH, ROWS, O, OZ, END, ROW_END] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const ZV = [12, 13, 14, 15];
  const GV = [16, 17, 18, 19];
  const SV = [20, 21, 22, 23];
  const [CN, TCV, TCSV, SCR] = [24, 25, 26, 27];
  const gate = (k: number) => 4 * H * k;
  const body = [
    ...eachRowOfVectors(H, ROWS, O, OZ, END, ROW_END, [
      ...ZV.flatMap((zv, k) => [...addr(ZP, OZ), ...loadAt(gate(k)), ...set(zv)]),
      ...ZV.flatMap((zv, k) => activation(zv, GV[k], SV[k], SCR, k === 2)),
      ...GV.flatMap((gv, k) => [...addr(ZP, OZ), ...get(gv), ...storeAt(gate(k))]),
      ...SV.flatMap((sv, k) => [...addr(SL, OZ), ...get(sv), ...storeAt(gate(k))]),
      ...get(GV[1]), ...addr(CP, O), ...load, ...mul, ...get(GV[0]), ...get(GV[2]), ...mul, ...add, ...set(CN),
      ...addr(C, O), ...get(CN), ...storeAt(0),
      ...activation(CN, TCV, TCSV, SCR, true),
      ...addr(TC, O), ...get(TCV), ...storeAt(0),
      ...addr(TCS, O), ...get(TCSV), ...storeAt(0),
      ...addr(HH, O), ...get(GV[3]), ...get(TCV), ...mul, ...storeAt(0),
    ]),
  ];
  return { name: 'cell', params: [I32, I32, I32, I32, I32, I32, I32, I32], locals: [[4, I32], [15 + ACT_LOCALS, V128]], body };
}

function cellBackFunction(H: number): WasmFunction {
  // Params: 0 dz, 1 gates, 2 cPrev, 3 tanhC, 4 tanhCSlope, 5 dh, 6 dhRec, 7 dc, 8 rows; locals:
  // 9 o, 10 oz, 11 end, 12 rowEnd; v128 13 dhNow, 14 dcNow.
  const [DZ, G, CP, TC, TCS, DH, DHR, DC, ROWS, O, OZ, END, ROW_END, DHN, DCN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const gate = (k: number) => 4 * H * k;
  const gateAt = (k: number) => [...addr(G, OZ), ...loadAt(gate(k))];
  const slopeAt = (k: number) => [...addr(DZ, OZ), ...loadAt(gate(k))];
  const body = [
    ...eachRowOfVectors(H, ROWS, O, OZ, END, ROW_END, [
      ...addr(DH, O), ...load, ...addr(DHR, O), ...load, ...add, ...set(DHN),
      ...addr(DC, O), ...load, ...get(DHN), ...gateAt(3), ...mul, ...addr(TCS, O), ...load, ...mul, ...add, ...set(DCN),
      // each slope is read just before its dz overwrites it
      ...addr(DZ, OZ), ...get(DCN), ...gateAt(2), ...mul, ...slopeAt(0), ...mul, ...storeAt(gate(0)),
      ...addr(DZ, OZ), ...get(DCN), ...addr(CP, O), ...load, ...mul, ...slopeAt(1), ...mul, ...storeAt(gate(1)),
      ...addr(DZ, OZ), ...get(DCN), ...gateAt(0), ...mul, ...slopeAt(2), ...mul, ...storeAt(gate(2)),
      ...addr(DZ, OZ), ...get(DHN), ...addr(TC, O), ...load, ...mul, ...slopeAt(3), ...mul, ...storeAt(gate(3)),
      ...addr(DC, O), ...get(DCN), ...gateAt(1), ...mul, ...storeAt(0),
    ]),
  ];
  return { name: 'cellBack', params: [I32, I32, I32, I32, I32, I32, I32, I32, I32], locals: [[4, I32], [2, V128]], body };
}

function recurBackFunction(H: number): WasmFunction {
  // dhRec[r, m..m+4w) = Σ_k dz[r, k] uT[k, m..]: w accumulators (4 where H/4 allows) share each
  // splat of dz[r, k]; k (4H of them) unrolled.
  // Params: 0 dhRec, 1 dz, 2 uT, 3 rows; locals: 4 hRow (bytes into dhRec), 5 zRow (into dz),
  // 6 m, 7 end, 8 p, 9 q; v128 10.. acc, then s.
  const [DHR, DZ, UT, ROWS, HROW, ZROW, M, END, P, Q] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const vectors = H / 4;
  const width = vectors % 4 === 0 ? 4 : vectors % 2 === 0 ? 2 : 1;
  const ACC = Array.from({ length: width }, (_, a) => 10 + a);
  const S = 10 + width;
  const ks = Array.from({ length: 4 * H }, (_, k) => k).flatMap((k) => [
    ...get(DZ), ...get(ZROW), ...op.i32Add, ...loadSplatAt(4 * k), ...set(S),
    ...ACC.flatMap((acc, a) => [...get(acc), ...get(S), ...get(Q), ...loadAt(k * 4 * H + 16 * a), ...mul, ...add, ...set(acc)]),
  ]);
  const MEND = 11 + width;
  const body = [
    ...get(ROWS), ...op.i32(4 * H), ...op.i32Mul, ...set(END),
    ...whileBelow(HROW, END, 4 * H, [
      ...op.i32(0), ...set(M), ...op.i32(4 * H), ...set(MEND),
      ...whileBelow(M, MEND, 16 * width, [
        ...addr(DHR, HROW), ...get(M), ...op.i32Add, ...set(P),
        ...addr(UT, M), ...set(Q),
        ...ACC.flatMap((acc) => [...cst(0), ...set(acc)]),
        ...ks,
        ...ACC.flatMap((acc, a) => [...get(P), ...get(acc), ...storeAt(16 * a)]),
      ]),
      ...get(ZROW), ...op.i32(16 * H), ...op.i32Add, ...set(ZROW),
    ]),
  ];
  // The i32 local MEND comes after the v128 ones: locals are declared in groups.
  return { name: 'recurBack', params: [I32, I32, I32, I32], locals: [[6, I32], [width + 1, V128], [1, I32]], body };
}

const modules = new Map<number, object | null>();

/**
 * The kernels for hidden size `hidden` on a fresh memory of their own, or null where they
 * cannot be built (no WebAssembly SIMD, or `hidden` not a multiple of 4).
 */
export function createLstmKernels(hidden: number): LstmKernels | null {
  if (!Number.isInteger(hidden) || hidden <= 0 || hidden % 4 !== 0 || wasmApi === undefined) return null;
  if (!modules.has(hidden)) {
    try {
      const fns = [addBiasFunction(hidden), preactFunction(hidden), cellFunction(hidden), cellBackFunction(hidden), recurBackFunction(hidden)];
      modules.set(hidden, new wasmApi.Module(moduleBytes(fns, false)));
    } catch {
      modules.set(hidden, null);
    }
  }
  const mod = modules.get(hidden);
  if (!mod) return null;
  const ex = new wasmApi.Instance(mod).exports as unknown as Omit<LstmKernels, 'hidden'>;
  return { memory: ex.memory, hidden, addBias: ex.addBias, preact: ex.preact, cell: ex.cell, cellBack: ex.cellBack, recurBack: ex.recurBack };
}
