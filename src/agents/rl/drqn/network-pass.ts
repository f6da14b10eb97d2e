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
  /** Q-values `[steps * batch, actions]`. */
  readonly q: Float32Array;
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
      const out = new Float32Array(x.rows * w.shape[1]);
      product(x, w, out);
      const bias = values(b);
      const width = bias.length;
      for (let r = 0; r < x.rows; r++) {
        const base = r * width;
        for (let k = 0; k < width; k++) {
          const v = out[base + k] + bias[k];
          out[base + k] = v > 0 ? v : 0;
        }
      }
      x = matrix(out, x.rows, width);
      features.push(x);
    }
    return { x, w: { kernel: layers.lstm.kernel, recurrent: layers.lstm.recurrent, bias: values(layers.lstm.bias) }, steps, keep: forBackward, features };
  });
  const tapes = lstmForwardGroup(inputs, batch);
  return members.map(({ layers, steps }, m) => {
    const lstm = tapes[m];
    const rows = steps * batch;
    const q = new Float32Array(rows * layers.head.w.shape[1]);
    product(matrix(lstm.h, rows, lstm.hidden), layers.head.w, q);
    addRowVector(q, values(layers.head.b));
    return { layers, steps, batch, features: inputs[m].features.slice(0, -1), lstm, q };
  });
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

function addRowVector(m: Float32Array, v: Float32Array): void {
  const width = v.length;
  for (let base = 0; base < m.length; base += width) for (let k = 0; k < width; k++) m[base + k] += v[k];
}

/** Batch-major `[batch, steps, width]` rows into time-major `[steps, batch, width]`. */
export function timeMajor(x: Float32Array, batch: number, steps: number, width: number): Matrix {
  const out = new Float32Array(x.length);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) out.set(x.subarray((b * steps + t) * width, (b * steps + t + 1) * width), (t * batch + b) * width);
  }
  return matrix(out, batch * steps, width);
}
