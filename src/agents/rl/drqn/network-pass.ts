/**
 * The DRQN Q-network's forward pass and hand-written backward pass on plain arrays
 * (dense ReLU layers -> LSTM with backpropagation through time -> linear head), outside tf's
 * autograd: the same function as `RecurrentQNetwork.sequence`, with every product a 2-D
 * untransposed matMul and the rest JavaScript loops (nn/lstm-bptt.ts; docs/performance.md).
 * Sequences start from a zero LSTM state and rows are time-major (`t * batch + b`).
 */
import type { tf } from '../../common/backend.ts';
import { lstmBackward, lstmForwardGroup, type LstmTape } from '../../common/nn/lstm-bptt.ts';
import { columnSums, matrix, product, productTN, transpose, upload, type Matrix } from '../../common/nn/lstm-products.ts';
import type { RecurrentQLayers } from './network.ts';

/** One forward pass, kept for {@link qBackward}. */
export interface QPass {
  readonly layers: RecurrentQLayers;
  readonly steps: number;
  readonly batch: number;
  /** Inputs of each dense layer, then the LSTM's input (the last dense layer's ReLU output). */
  readonly features: readonly Matrix[];
  readonly lstm: LstmTape;
  /** Q-values `[steps * batch, actions]`, or `[steps * batch]` of the chosen actions only. */
  readonly q: Float32Array;
  /** The action of each row whose Q-value alone was computed (see {@link QInput.chosen}). */
  readonly chosen?: Int32Array;
}

const values = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;

/** Q-values of every step of `obs` (`[steps * batch, inputSize]`, time-major). */
export function qForward(layers: RecurrentQLayers, obs: Matrix, steps: number, batch: number): QPass {
  return qForwardGroup([{ layers, obs, steps }], batch)[0];
}

/** One network's input to {@link qForwardGroup}. */
export interface QInput {
  readonly layers: RecurrentQLayers;
  /** `[steps * batch, inputSize]`, time-major. */
  readonly obs: Matrix;
  readonly steps: number;
  /** Default true; false: Q-values only (the pass cannot go to {@link qBackward}). */
  readonly forBackward?: boolean;
  /**
   * An action per row (time-major): compute only these Q-values. A TD loss reads one action
   * per row, so its head needs a dot product per row instead of the `[rows, actions]` product,
   * and its backward pass ({@link qBackwardChosen}) a column per row of the head's gradient.
   */
  readonly chosen?: Int32Array;
}

/**
 * {@link qForward} of several independent networks of one LSTM width (online and target nets,
 * a team's agents), unrolled in lockstep so each step's gate nonlinearities are one call for
 * all of them (lstm-bptt.ts).
 */
export function qForwardGroup(members: readonly QInput[], batch: number): QPass[] {
  const inputs = members.map(({ layers, obs, steps, forBackward = true }) => {
    const features: Matrix[] = [obs];
    let x = obs;
    for (const { w, b } of layers.pre) {
      const width = w.shape[1];
      const out = new Float32Array(x.rows * width);
      product(x, w, out, { bias: b, relu: true });
      x = matrix(out, x.rows, width);
      features.push(x);
    }
    return { x, w: { kernel: layers.lstm.kernel, recurrent: layers.lstm.recurrent, bias: values(layers.lstm.bias) }, steps, keep: forBackward, features };
  });
  const tapes = lstmForwardGroup(inputs, batch);
  return members.map(({ layers, steps, chosen }, m) => {
    const lstm = tapes[m];
    const rows = steps * batch;
    const q = chosen === undefined ? new Float32Array(rows * layers.head.w.shape[1]) : chosenQ(lstm.h, lstm.hidden, values(layers.head.w), values(layers.head.b), chosen);
    if (chosen === undefined) product(matrix(lstm.h, rows, lstm.hidden), layers.head.w, q, { bias: layers.head.b, relu: false });
    return { layers, steps, batch, features: inputs[m].features.slice(0, -1), lstm, q, chosen };
  });
}

/** `q[r] = b[a] + h[r] · W[:, a]` with `a = chosen[r]` (`W: [H, A]`). */
function chosenQ(h: Float32Array, H: number, w: Float32Array, b: Float32Array, chosen: Int32Array): Float32Array {
  const A = b.length;
  const q = new Float32Array(chosen.length);
  for (let r = 0; r < chosen.length; r++) {
    const a = chosen[r];
    let sum = 0;
    for (let k = 0; k < H; k++) sum += h[r * H + k] * w[k * A + a];
    q[r] = Math.fround(sum + b[a]);
  }
  return q;
}

/**
 * Gradients of a loss w.r.t. every variable of the network, in `RecurrentQNetwork.variables`
 * order, from `dq` = dLoss/dQ (`[steps * batch, actions]`).
 */
export function qBackward(pass: QPass, dq: Float32Array): Float32Array[] {
  const { layers, lstm: tape } = pass;
  const n = pass.steps * pass.batch;
  const H = tape.hidden;
  const [, actions] = layers.head.w.shape;
  const dqm = matrix(dq, n, actions);
  const hAll = matrix(tape.h, n, H);
  const headW = new Float32Array(H * actions);
  productTN(hAll, dqm, headW);
  const headB = new Float32Array(actions);
  columnSums(dqm, headB);
  const dh = new Float32Array(n * H);
  const headT = upload(transpose(matrix(values(layers.head.w), H, actions)));
  product(dqm, headT, dh);
  headT.dispose();
  return trunkBackward(pass, dh, headW, headB);
}

/**
 * {@link qBackward} of a pass that computed only the chosen actions' Q-values, from their
 * gradients `dq` (`[steps * batch]`): every other Q-value's gradient is 0, so the head's weight
 * gradient gets one column per row and dL/dh is a scaled column of the head.
 */
export function qBackwardChosen(pass: QPass, dq: Float32Array): Float32Array[] {
  const { layers, lstm: tape, chosen } = pass;
  if (chosen === undefined || dq.length !== chosen.length) throw new RangeError('qBackwardChosen: the pass has no chosen actions, or dq does not match them');
  const H = tape.hidden;
  const [, A] = layers.head.w.shape;
  const w = values(layers.head.w);
  const headW = new Float32Array(H * A);
  const headB = new Float32Array(A);
  const dh = new Float32Array(chosen.length * H);
  for (let r = 0; r < chosen.length; r++) {
    const g = dq[r];
    if (g === 0) continue;
    const a = chosen[r];
    headB[a] += g;
    for (let k = 0; k < H; k++) {
      headW[k * A + a] += tape.h[r * H + k] * g;
      dh[r * H + k] = w[k * A + a] * g;
    }
  }
  return trunkBackward(pass, dh, headW, headB);
}

/** The LSTM's and the pre-net's gradients from dL/dh, then the head's as given. */
function trunkBackward(pass: QPass, dh: Float32Array, headW: Float32Array, headB: Float32Array): Float32Array[] {
  const { layers, lstm: tape } = pass;
  const n = pass.steps * pass.batch;
  const pre = layers.pre;
  const lstmW = { kernel: layers.lstm.kernel, recurrent: layers.lstm.recurrent, bias: new Float32Array(0) };
  const g = lstmBackward(tape, dh, lstmW, pre.length > 0);
  const preGrads: Float32Array[] = [];
  let dOut = g.x;
  for (let l = pre.length - 1; l >= 0; l--) {
    // ReLU: the gradient passes where the layer's output (the next layer's input) is positive.
    const out = l + 1 < pass.features.length ? pass.features[l + 1] : tape.x;
    const dz = dOut!;
    for (let k = 0; k < dz.length; k++) if (!(out.data[k] > 0)) dz[k] = 0;
    const input = pass.features[l];
    const [inSize, outSize] = pre[l].w.shape;
    const dzm = matrix(dz, n, outSize);
    const dw = new Float32Array(inSize * outSize);
    productTN(input, dzm, dw);
    const db = new Float32Array(outSize);
    columnSums(dzm, db);
    preGrads.unshift(dw, db);
    if (l > 0) {
      const wT = upload(transpose(matrix(values(pre[l].w), inSize, outSize)));
      dOut = new Float32Array(n * inSize);
      product(dzm, wT, dOut);
      wT.dispose();
    }
  }
  return [...preGrads, g.kernel, g.recurrent, g.bias, headW, headB];
}

/** Batch-major `[batch, steps, width]` rows into time-major `[steps, batch, width]`. */
export function timeMajor(x: Float32Array, batch: number, steps: number, width: number): Matrix {
  const out = new Float32Array(x.length);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) out.set(x.subarray((b * steps + t) * width, (b * steps + t + 1) * width), (t * batch + b) * width);
  }
  return matrix(out, batch * steps, width);
}
