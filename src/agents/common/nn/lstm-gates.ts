/**
 * The LSTM's nonlinearities with their derivatives, for the hand-written pass (lstm-bptt.ts),
 * over several blocks at once so a group of networks (a team's agents) pays one kernel call
 * per step instead of one per network.
 *
 * Both derivatives are taken from the pre-activation, never as `1 - y²` or `y (1 - y)` of a
 * rounded output (nn/activations.ts explains why): `σ'(z) = σ(z) σ(-z)` and
 * `tanh'(z) = 4 σ(2z) σ(-2z)`, with `tanh(z) = σ(2z) - σ(-2z)`.
 *
 * On the wasm backend the sigmoids run as one TF.js Sigmoid kernel over all blocks (XNNPACK's
 * vectorised sigmoid: about 1 ns per element here, against about 14 ns for a JavaScript
 * `Math.exp` loop); elsewhere as a JavaScript loop. The kernel is elementwise, so a block's
 * values do not depend on which other blocks share the call.
 */
import { tf } from '../backend.ts';
import { wasmHeap } from './heap.ts';

/** Pre-activations `z` in, activations `out` and derivatives `slope` (same length) out. */
export interface ActivationBlock {
  readonly z: Float32Array;
  readonly out: Float32Array;
  readonly slope: Float32Array;
}

/**
 * `gates`: each block holds rows of `[i f g o]` pre-activations (`4 * hidden` wide): σ of i, f, o
 * and tanh of g. `tanh`: elementwise tanh.
 */
export interface GateMath {
  gates(blocks: readonly ActivationBlock[], hidden: number): void;
  tanh(blocks: readonly ActivationBlock[]): void;
}

/** The kernel on the wasm heap when available, else the JavaScript loop. */
export function gateMath(): GateMath {
  return wasmHeap() !== null ? KERNEL_GATES : JS_GATES;
}

const total = (blocks: readonly ActivationBlock[]): number => blocks.reduce((n, b) => n + b.z.length, 0);

/**
 * σ of `2n` values laid out by `fill(view)` into a fresh heap tensor; `read(s)` then gets the
 * sigmoids. Plain tensors where the heap is unavailable.
 */
function sigmoidOf(n: number, fill: (into: Float32Array) => void, read: (s: Float32Array) => void): void {
  const heap = wasmHeap();
  if (heap === null) {
    const input = new Float32Array(n);
    fill(input);
    const t = tf.tensor1d(input);
    const s = tf.sigmoid(t);
    read(s.dataSync() as Float32Array);
    tf.dispose([t, s]);
    return;
  }
  const out = heap.output([n]);
  fill(new Float32Array(heap.kernels.memory.buffer, out.offset, n));
  const t = out.finish();
  const s = tf.sigmoid(t);
  // A view made after the kernel ran: its output allocation may have grown the heap.
  read(new Float32Array(heap.kernels.memory.buffer, heap.offset(s), n));
  tf.dispose([t, s]);
}

const KERNEL_GATES: GateMath = {
  gates(blocks, hidden) {
    const n = total(blocks);
    const H = hidden;
    // Per row: z_i z_f 2z_g z_o, then their negatives (block of 8H).
    sigmoidOf(
      2 * n,
      (v) => {
        let at = 0;
        for (const { z } of blocks) {
          for (let r = 0; r < z.length; r += 4 * H) {
            for (let k = 0; k < 4 * H; k++) v[at + k] = z[r + k];
            for (let k = 2 * H; k < 3 * H; k++) v[at + k] *= 2;
            for (let k = 0; k < 4 * H; k++) v[at + 4 * H + k] = -v[at + k];
            at += 8 * H;
          }
        }
      },
      (s) => {
        let at = 0;
        for (const { z, out, slope } of blocks) {
          for (let r = 0; r < z.length; r += 4 * H) {
            for (let k = 0; k < 4 * H; k++) {
              const pos = s[at + k];
              out[r + k] = pos;
              slope[r + k] = pos * s[at + 4 * H + k];
            }
            for (let k = 2 * H; k < 3 * H; k++) {
              const pos = s[at + k];
              const neg = s[at + 4 * H + k];
              out[r + k] = pos - neg;
              slope[r + k] = 4 * pos * neg;
            }
            at += 8 * H;
          }
        }
      },
    );
  },
  tanh(blocks) {
    const n = total(blocks);
    sigmoidOf(
      2 * n,
      (v) => {
        let at = 0;
        for (const { z } of blocks) {
          for (let k = 0; k < z.length; k++) {
            v[at + k] = 2 * z[k];
            v[n + at + k] = -2 * z[k];
          }
          at += z.length;
        }
      },
      (s) => {
        let at = 0;
        for (const { z, out, slope } of blocks) {
          for (let k = 0; k < z.length; k++) {
            const pos = s[at + k];
            const neg = s[n + at + k];
            out[k] = pos - neg;
            slope[k] = 4 * pos * neg;
          }
          at += z.length;
        }
      },
    );
  },
};

/** The same functions as JavaScript loops in double precision (backends without the heap). */
export const JS_GATES: GateMath = {
  gates(blocks, hidden) {
    const H = hidden;
    for (const { z, out, slope } of blocks) {
      for (let r = 0; r < z.length; r += 4 * H) {
        for (let k = 0; k < 4 * H; k++) {
          if (k >= 2 * H && k < 3 * H) tanhAndSlope(z[r + k], out, slope, r + k);
          else sigmoidAndSlope(z[r + k], out, slope, r + k);
        }
      }
    }
  },
  tanh(blocks) {
    for (const { z, out, slope } of blocks) for (let k = 0; k < z.length; k++) tanhAndSlope(z[k], out, slope, k);
  },
};

/** `out[at] = σ(z)`, `slope[at] = σ(z) σ(-z)`, both from `e = exp(-|z|)` (no cancellation). */
function sigmoidAndSlope(z: number, out: Float32Array, slope: Float32Array, at: number): void {
  const e = Math.exp(-Math.abs(z));
  const inv = 1 / (1 + e);
  out[at] = z >= 0 ? inv : e * inv;
  slope[at] = e * inv * inv;
}

/** `out[at] = tanh(z)`, `slope[at] = sech²(z) = 4 e / (1 + e)²` with `e = exp(-2|z|)`. */
function tanhAndSlope(z: number, out: Float32Array, slope: Float32Array, at: number): void {
  const e = Math.exp(-2 * Math.abs(z));
  const inv = 1 / (1 + e);
  const t = (1 - e) * inv;
  out[at] = z >= 0 ? t : -t;
  slope[at] = 4 * e * inv * inv;
}
