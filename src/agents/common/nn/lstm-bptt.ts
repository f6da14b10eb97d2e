/**
 * An LSTM layer unrolled from a zero state, with a hand-written backpropagation through time,
 * outside tf's autograd (docs/performance.md, "DRQN: LSTM with hand-written BPTT"). Same
 * equations and gate order as `Lstm` (lstm.ts, Keras order i, f, g, o):
 * `z = x W + h U + b`, `c' = σ(f) c + σ(i) tanh(g)`, `h' = σ(o) tanh(c')`.
 *
 * Layout is time-major: row `t * batch + b` is sequence `b` at step `t`, so each step is a
 * contiguous block of rows. Products go through lstm-products.ts (every one a 2-D
 * untransposed matMul); gate maths are JavaScript loops in double precision. Derivatives of
 * σ and tanh are taken from the pre-activation, like nn/activations.ts, so a saturated gate
 * still passes its small gradient.
 */
import type { tf } from '../backend.ts';
import { columnSums, matrix, product, productTN, rowsOf, transpose, upload, type Matrix } from './lstm-products.ts';

/** The layer's weights for one pass: kernel `[in, 4H]`, recurrent kernel `[H, 4H]` as tensors, bias `[4H]`. */
export interface LstmPassWeights {
  readonly kernel: tf.Tensor2D;
  readonly recurrent: tf.Tensor2D;
  readonly bias: Float32Array;
}

/** What the forward pass keeps for the backward one (all time-major). */
export interface LstmTape {
  readonly steps: number;
  readonly batch: number;
  readonly hidden: number;
  /** Input `[T*B, in]`. */
  readonly x: Matrix;
  /** Gate activations σ(i), σ(f), tanh(g), σ(o): `[T*B, 4H]`. */
  readonly gates: Float32Array;
  /** Their derivatives at the pre-activations: `[T*B, 4H]`. */
  readonly gateSlopes: Float32Array;
  /** Cell state `[T*B, H]`. */
  readonly c: Float32Array;
  /** tanh(c) and its derivative, `[T*B, H]` each. */
  readonly tanhC: Float32Array;
  readonly tanhCSlope: Float32Array;
  /** Hidden output `[T*B, H]`. */
  readonly h: Float32Array;
}

/** Gradients of one backward pass. */
export interface LstmGrads {
  readonly kernel: Float32Array;
  readonly recurrent: Float32Array;
  readonly bias: Float32Array;
  /** `[T*B, in]`, when asked for. */
  readonly x: Float32Array | undefined;
}

/**
 * Unroll over `x` (`[steps * batch, in]`, time-major) from h = c = 0. Returns the tape; its `h`
 * is every step's output.
 */
export function lstmForward(x: Matrix, steps: number, batch: number, w: LstmPassWeights): LstmTape {
  const [inSize, h4] = w.kernel.shape;
  const H = h4 / 4;
  const n = steps * batch;
  if (x.rows !== n || x.cols !== inSize) throw new RangeError(`lstmForward: input [${x.rows},${x.cols}], expected [${n},${inSize}]`);
  const z = new Float32Array(n * h4);
  // The input projection of all steps is one product; only the recurrence is sequential.
  product(x, w.kernel, z);
  const rec = new Float32Array(batch * h4);
  const tape: LstmTape = {
    steps, batch, hidden: H, x,
    gates: new Float32Array(n * h4), gateSlopes: new Float32Array(n * h4),
    c: new Float32Array(n * H), tanhC: new Float32Array(n * H), tanhCSlope: new Float32Array(n * H), h: new Float32Array(n * H),
  };
  const { gates, gateSlopes, c, tanhC, tanhCSlope, h } = tape;
  const bias = w.bias;
  for (let t = 0; t < steps; t++) {
    // h_{-1} = 0: the first step has no recurrent product.
    if (t > 0) product(matrix(h.subarray((t - 1) * batch * H, t * batch * H), batch, H), w.recurrent, rec);
    for (let b = 0; b < batch; b++) {
      const row = t * batch + b;
      const zr = row * h4;
      const rr = b * h4;
      if (t > 0) for (let k = 0; k < h4; k++) z[zr + k] += bias[k] + rec[rr + k];
      else for (let k = 0; k < h4; k++) z[zr + k] += bias[k];
      for (let k = 0; k < 2 * H; k++) sigmoidAndSlope(z[zr + k], gates, gateSlopes, zr + k);
      for (let k = 2 * H; k < 3 * H; k++) tanhAndSlope(z[zr + k], gates, gateSlopes, zr + k);
      for (let k = 3 * H; k < h4; k++) sigmoidAndSlope(z[zr + k], gates, gateSlopes, zr + k);
      const hr = row * H;
      const cr = hr - batch * H;
      for (let j = 0; j < H; j++) {
        const cNow = gates[zr + H + j] * (t > 0 ? c[cr + j] : 0) + gates[zr + j] * gates[zr + 2 * H + j];
        c[hr + j] = cNow;
        tanhAndSlope(cNow, tanhC, tanhCSlope, hr + j);
        h[hr + j] = gates[zr + 3 * H + j] * tanhC[hr + j];
      }
    }
  }
  return tape;
}

/**
 * Backpropagate `dh` (`[T*B, H]`, the loss gradient w.r.t. every step's output) through time.
 * `wantInput`: also return the gradient w.r.t. the input.
 */
export function lstmBackward(tape: LstmTape, dh: Float32Array, w: LstmPassWeights, wantInput: boolean): LstmGrads {
  const { steps, batch, hidden: H, gates, gateSlopes, c, tanhC, tanhCSlope } = tape;
  const h4 = 4 * H;
  const n = steps * batch;
  const dz = new Float32Array(n * h4);
  const dc = new Float32Array(batch * H);
  const dhRec = new Float32Array(batch * H);
  // dz_t Uᵀ as an untransposed product: Uᵀ is uploaded once per pass.
  const recurrentT = steps > 1 ? upload(transpose(matrix(dataOf(w.recurrent), H, h4))) : undefined;
  try {
    for (let t = steps - 1; t >= 0; t--) {
      for (let b = 0; b < batch; b++) {
        const row = t * batch + b;
        const zr = row * h4;
        for (let j = 0; j < H; j++) {
          const at = row * H + j;
          const dhNow = dh[at] + (t < steps - 1 ? dhRec[b * H + j] : 0);
          const o = gates[zr + 3 * H + j];
          const dcNow = dc[b * H + j] + dhNow * o * tanhCSlope[at];
          const i = gates[zr + j];
          const f = gates[zr + H + j];
          const g = gates[zr + 2 * H + j];
          const cPrev = t > 0 ? c[at - batch * H] : 0;
          dz[zr + j] = dcNow * g * gateSlopes[zr + j];
          dz[zr + H + j] = dcNow * cPrev * gateSlopes[zr + H + j];
          dz[zr + 2 * H + j] = dcNow * i * gateSlopes[zr + 2 * H + j];
          dz[zr + 3 * H + j] = dhNow * tanhC[at] * gateSlopes[zr + 3 * H + j];
          dc[b * H + j] = dcNow * f;
        }
      }
      if (t > 0) product(matrix(dz.subarray(t * batch * h4, (t + 1) * batch * h4), batch, h4), recurrentT!, dhRec);
    }
  } finally {
    recurrentT?.dispose();
  }
  const dzAll = matrix(dz, n, h4);
  const kernel = new Float32Array(tape.x.cols * h4);
  productTN(tape.x, dzAll, kernel);
  // dU = Σ_t h_{t-1}ᵀ dz_t: step 0 has h_{-1} = 0, so rows 0..T-2 of h against rows 1..T-1 of dz.
  const recurrent = new Float32Array(H * h4);
  if (steps > 1) productTN(matrix(tape.h.subarray(0, (steps - 1) * batch * H), (steps - 1) * batch, H), rowsOf(dzAll, batch, (steps - 1) * batch), recurrent);
  const bias = new Float32Array(h4);
  columnSums(dzAll, bias);
  let x: Float32Array | undefined;
  if (wantInput) {
    const kernelT = upload(transpose(matrix(dataOf(w.kernel), tape.x.cols, h4)));
    x = new Float32Array(n * tape.x.cols);
    product(dzAll, kernelT, x);
    kernelT.dispose();
  }
  return { kernel, recurrent, bias, x };
}

/** A weight tensor's values (a copy on every backend; weights are small). */
function dataOf(t: tf.Tensor): Float32Array {
  return t.dataSync() as Float32Array;
}

/** `out[at] = σ(z)`, `slope[at] = σ'(z) = σ(z) σ(-z)`, both from `e = exp(-|z|)` (no cancellation). */
function sigmoidAndSlope(z: number, out: Float32Array, slope: Float32Array, at: number): void {
  const e = expOfNegative(z >= 0 ? z : -z);
  const inv = 1 / (1 + e);
  out[at] = z >= 0 ? inv : e * inv;
  slope[at] = e * inv * inv;
}

/** `out[at] = tanh(z)`, `slope[at] = sech²(z) = 4 e / (1 + e)²` with `e = exp(-2|z|)`. */
function tanhAndSlope(z: number, out: Float32Array, slope: Float32Array, at: number): void {
  const e = expOfNegative(z >= 0 ? 2 * z : -2 * z);
  const inv = 1 / (1 + e);
  const t = (1 - e) * inv;
  out[at] = z >= 0 ? t : -t;
  slope[at] = 4 * e * inv * inv;
}

/** `2^-n` for the integer part of {@link expOfNegative}'s exponent (2^-150 and below round to 0 in float32). */
const POW2_NEG = Float64Array.from({ length: 160 }, (_, n) => Math.pow(2, -n));

/**
 * `exp(-a)` for `a >= 0`, within 1e-8 relative (float32's own rounding is 6e-8), about twice
 * as fast as `Math.exp` here: `exp(-a) = 2^-n 2^-f` with `n = round(a log2 e)`, `|f| <= 1/2`,
 * and `2^-f = exp(-f ln 2)` by its Taylor series to degree 7 (remainder < 6e-9 for
 * `|f ln 2| <= 0.347`). `Math.floor(y + 0.5)` because V8 inlines floor but not round.
 */
export function expOfNegative(a: number): number {
  const y = a * Math.LOG2E;
  const n = Math.floor(y + 0.5);
  if (n >= POW2_NEG.length) return 0;
  const f = (n - y) * Math.LN2;
  const p = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f * (1 / 120 + f * (1 / 720 + f * (1 / 5040)))))));
  return p * POW2_NEG[n];
}
