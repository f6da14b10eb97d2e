/**
 * An LSTM layer unrolled from a zero state, with a hand-written backpropagation through time,
 * outside tf's autograd (docs/performance.md, "DRQN: LSTM with hand-written BPTT"). Same
 * equations and gate order as `Lstm` (lstm.ts, Keras order i, f, g, o):
 * `z = x W + h U + b`, `c' = σ(f) c + σ(i) tanh(g)`, `h' = σ(o) tanh(c')`.
 *
 * Layout is time-major: row `t * batch + b` is sequence `b` at step `t`, so each step is a
 * contiguous block of rows. The products of all steps at once (`x W`, the weight gradients,
 * `dz Wᵀ`) go through lstm-products.ts (every one a 2-D untransposed matMul). The recurrence —
 * per step `h U`, bias, gates, cell, and backward `dz` and `dz Uᵀ` — runs in the SIMD kernels
 * of lstm-cell.ts where they exist for the hidden size (a multiple of 4 with wasm SIMD);
 * otherwise as per-step matMuls, lstm-gates.ts's nonlinearities and JavaScript loops. Both
 * take derivatives from the pre-activation, so a saturated gate still passes its small gradient.
 */
import type { tf } from '../backend.ts';
import { cellBackward, cellForward, lstmKernels } from './lstm-cell.ts';
import { gateMath, type GateMath } from './lstm-gates.ts';
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
export function lstmForward(x: Matrix, steps: number, batch: number, w: LstmPassWeights, math: GateMath = gateMath()): LstmTape {
  return lstmForwardGroup([{ x, w, steps }], batch, math)[0];
}

/** One member of {@link lstmForwardGroup}. */
export interface LstmGroupMember {
  readonly x: Matrix;
  readonly w: LstmPassWeights;
  readonly steps: number;
  /**
   * Default true. False for passes that are not differentiated (a target network): only `h`
   * of the tape is complete, the other arrays hold the last step, which keeps the working set
   * of a team's pass small.
   */
  readonly keep?: boolean;
}

/**
 * {@link lstmForward} of several independent LSTMs (same hidden size; own weights, inputs and
 * lengths) in lockstep: their products stay separate 2-D ones, the gate nonlinearities of a
 * step run as one {@link GateMath} call over all members still running. On the cell kernels
 * there is no per-step call to share and each member runs alone.
 */
export function lstmForwardGroup(members: readonly LstmGroupMember[], batch: number, math: GateMath = gateMath()): LstmTape[] {
  const runs = members.map(({ x, w, steps, keep = true }) => {
    const n = steps * batch;
    const [inSize, h4] = w.kernel.shape;
    if (x.rows !== n || x.cols !== inSize) throw new RangeError(`lstmForward: input [${x.rows},${x.cols}], expected [${n},${inSize}]`);
    const H = h4 / 4;
    // Pre-activations, overwritten in place by the gate activations step by step.
    const z = new Float32Array(n * h4);
    // The input projection of all steps is one product; only the recurrence is sequential.
    product(x, w.kernel, z);
    const kept = keep ? n : batch;
    const tape: LstmTape = {
      steps, batch, hidden: H, x, gates: z, gateSlopes: new Float32Array(kept * h4),
      c: new Float32Array(kept * H), tanhC: new Float32Array(kept * H), tanhCSlope: new Float32Array(kept * H), h: new Float32Array(n * H),
    };
    return { w, z, keep, rec: new Float32Array(batch * h4), tape };
  });
  const H = runs[0]?.tape.hidden ?? 0;
  if (runs.some((r) => r.tape.hidden !== H)) throw new RangeError('lstmForwardGroup: members differ in hidden size');
  const kernels = lstmKernels(H);
  if (kernels !== null) {
    // The whole recurrence of each member in the SIMD kernels (lstm-cell.ts): no per-step calls to share.
    for (const { w, z, keep, tape } of runs) cellForward(kernels, { ...tape, z, recurrent: dataOf(w.recurrent), bias: w.bias, keep });
    return runs.map((r) => r.tape);
  }
  const h4 = 4 * H;
  const longest = Math.max(0, ...members.map((m) => m.steps));
  for (let t = 0; t < longest; t++) {
    const g0 = t * batch * h4;
    const g1 = g0 + batch * h4;
    const h0 = t * batch * H;
    const running = runs.filter((r) => t < r.tape.steps);
    // Offsets into the kept arrays: step t's block, or the one-step scratch (c updated in place).
    const s0 = (keep: boolean) => (keep ? g0 : 0);
    const c0 = (keep: boolean) => (keep ? h0 : 0);
    for (const { w, z, rec, tape } of running) {
      const bias = w.bias;
      // h_{-1} = 0: the first step has no recurrent product.
      if (t > 0) {
        product(matrix(tape.h.subarray(h0 - batch * H, h0), batch, H), w.recurrent, rec);
        for (let k = g0; k < g1; k++) z[k] += rec[k - g0];
      }
      for (let r = g0; r < g1; r += h4) for (let k = 0; k < h4; k++) z[r + k] += bias[k];
    }
    math.gates(running.map(({ z, keep, tape }) => ({ z: z.subarray(g0, g1), out: z.subarray(g0, g1), slope: tape.gateSlopes.subarray(s0(keep), s0(keep) + batch * h4) })), H);
    for (const { z: gates, keep, tape } of running) {
      const c = tape.c;
      const cAt = c0(keep);
      const prevAt = keep ? cAt - batch * H : cAt;
      for (let b = 0; b < batch; b++) {
        const zr = g0 + b * h4;
        const cr = cAt + b * H;
        const pr = prevAt + b * H;
        for (let j = 0; j < H; j++) c[cr + j] = gates[zr + H + j] * (t > 0 ? c[pr + j] : 0) + gates[zr + j] * gates[zr + 2 * H + j];
      }
    }
    const cBlock = (a: Float32Array, keep: boolean) => a.subarray(c0(keep), c0(keep) + batch * H);
    math.tanh(running.map(({ keep, tape }) => ({ z: cBlock(tape.c, keep), out: cBlock(tape.tanhC, keep), slope: cBlock(tape.tanhCSlope, keep) })));
    for (const { z: gates, keep, tape } of running) {
      const { tanhC, h } = tape;
      const cAt = c0(keep);
      for (let b = 0; b < batch; b++) {
        const zr = g0 + b * h4 + 3 * H;
        for (let j = 0; j < H; j++) h[h0 + b * H + j] = gates[zr + j] * tanhC[cAt + b * H + j];
      }
    }
  }
  return runs.map((r) => r.tape);
}

/**
 * Backpropagate `dh` (`[T*B, H]`, the loss gradient w.r.t. every step's output) through time.
 * `wantInput`: also return the gradient w.r.t. the input. Consumes the tape (once only).
 */
export function lstmBackward(tape: LstmTape, dh: Float32Array, w: LstmPassWeights, wantInput: boolean): LstmGrads {
  const { steps, batch, hidden: H, gates, gateSlopes, c, tanhC, tanhCSlope } = tape;
  const h4 = 4 * H;
  const n = steps * batch;
  // dz overwrites the gate slopes in place (each element is read once, just before): the tape
  // serves one backward pass.
  const dz = gateSlopes;
  const dc = new Float32Array(batch * H);
  const dhRec = new Float32Array(batch * H);
  const kernels = lstmKernels(H);
  if (kernels !== null) {
    const recurrentT = transpose(matrix(dataOf(w.recurrent), H, h4)).data;
    cellBackward(kernels, { steps, batch, gates, gateSlopes, c, tanhC, tanhCSlope, dh, recurrentT });
  }
  // dz_t Uᵀ as an untransposed product: Uᵀ is uploaded once per pass.
  const recurrentT = kernels === null && steps > 1 ? upload(transpose(matrix(dataOf(w.recurrent), H, h4))) : undefined;
  try {
    for (let t = kernels === null ? steps - 1 : -1; t >= 0; t--) {
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
