/**
 * σ and tanh with their derivatives as WebAssembly SIMD instruction sequences, for the LSTM
 * cell kernels (lstm-kernels.ts).
 *
 * Both come from `e = exp(-|z|)` (`exp(-2|z|)` for tanh) — `σ(|z|) = 1/(1+e)`,
 * `σ(-|z|) = e/(1+e)`, `σ' = e/(1+e)²`, `tanh|z| = (1-e)/(1+e)`, `tanh' = 4e/(1+e)²` — so the
 * slope is taken from the pre-activation and a saturated unit keeps its small, positive slope
 * (issue 14). `exp` is Cephes' `expf` (range reduction by ln 2 in two parts, degree-7
 * polynomial, 2ⁿ built in the exponent bits) on arguments clamped at -87.3 (the smallest
 * normal float32 is e^-87.34): a slope below 1.6e-38 reads as about that.
 */
import { op, simdOp } from './wasm-asm.ts';

const { get, set } = op;
const { f32x4Const: cst, f32x4Add: add, f32x4Sub: sub, f32x4Mul: mul, f32x4Div: div } = op;
const {
  tee, f32x4Abs: abs, f32x4Max: max, f32x4Lt: lt, f32x4Nearest: nearest, i32x4TruncSatF32x4: truncSat,
  i32x4Add, i32x4Shl, v128And: and, v128Or: or, v128Bitselect: bitselect, i32x4Const,
} = simdOp;

/** Cephes expf polynomial. */
const EXP_P = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];

/**
 * Leaves `exp(x)` on the stack for `x` (≤ 0) on the stack; uses scratch locals X, FX, R.
 */
function expNonPositive(X: number, FX: number, R: number): number[] {
  let poly = [...cst(EXP_P[0])];
  for (const p of EXP_P.slice(1)) poly = [...poly, ...get(R), ...mul, ...cst(p), ...add];
  return [
    ...cst(-87.3), ...max, ...set(X),
    ...get(X), ...cst(Math.LOG2E), ...mul, ...nearest, ...set(FX),
    // r = x - n·C1 - n·C2 (ln 2 = C1 - C2 split so n·C1 is exact)
    ...get(X), ...get(FX), ...cst(0.693359375), ...mul, ...sub, ...get(FX), ...cst(-2.12194440e-4), ...mul, ...sub, ...set(R),
    ...poly, ...get(R), ...get(R), ...mul, ...mul, ...get(R), ...add, ...cst(1), ...add,
    // × 2ⁿ: (n + 127) << 23 as float bits
    ...get(FX), ...truncSat, ...i32x4Const(127), ...i32x4Add, ...op.i32(23), ...i32x4Shl, ...mul,
  ];
}

/** Scratch v128 locals of {@link activation}: first index and count. */
export const ACT_LOCALS = 6;

/**
 * `[value, slope]` of σ (or tanh) of the v128 in local Z, into locals OUT and SLOPE; scratch
 * locals S..S+5.
 */
export function activation(Z: number, OUT: number, SLOPE: number, S: number, tanh: boolean): number[] {
  const [X, FX, R, E, INV, SMALL] = [S, S + 1, S + 2, S + 3, S + 4, S + 5];
  const e = [...get(Z), ...abs, ...(tanh ? [...cst(-2), ...mul] : [...cst(-1), ...mul]), ...expNonPositive(X, FX, R), ...set(E)];
  const inv = [...cst(1), ...cst(1), ...get(E), ...add, ...div, ...set(INV)];
  if (!tanh) {
    return [
      ...e, ...inv,
      ...get(E), ...get(INV), ...mul, ...tee(SMALL), ...get(INV), ...mul, ...set(SLOPE),
      // σ(z) = σ(-|z|) where z < 0, else 1/(1+e)
      ...get(SMALL), ...get(INV), ...get(Z), ...cst(0), ...lt, ...bitselect, ...set(OUT),
    ];
  }
  return [
    ...e, ...inv,
    ...cst(4), ...get(E), ...mul, ...get(INV), ...mul, ...get(INV), ...mul, ...set(SLOPE),
    // tanh|z| with z's sign bit
    ...cst(1), ...get(E), ...sub, ...get(INV), ...mul, ...get(Z), ...i32x4Const(-0x80000000), ...and, ...or, ...set(OUT),
  ];
}

