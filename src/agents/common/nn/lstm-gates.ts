/**
 * The LSTM's nonlinearities with their derivatives, for the hand-written pass (lstm-bptt.ts),
 * over several blocks at once so a group of networks (a team's agents) pays one kernel call
 * per step instead of one per network.
 *
 * Both derivatives are taken from the pre-activation, never as `1 - y²` or `y (1 - y)` of a
 * rounded output (nn/activations.ts explains why): `σ'(z) = σ(z) σ(-z)` and
 * `tanh'(z) = 4 σ(2z) σ(-2z)`, each with the factor `σ(-|z|)` computed directly.
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
 * σ of `n` values laid out by `fill(view)` into a fresh heap tensor; `read(s)` then gets the
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

/**
 * One sigmoid per element, of `-|z|` (`-2|z|` for tanh): `u = σ(-|z|) <= 1/2`, then
 * `σ(z) = u` or `1 - u` by the sign of z, `σ'(z) = u (1 - u)`, `tanh(|z|) = 1 - 2u`,
 * `tanh'(z) = 4u (1 - u)` — no factor cancels, so saturated units keep their small slopes.
 */
const KERNEL_GATES: GateMath = {
  gates(blocks, hidden) {
    const H = hidden;
    sigmoidOf(
      total(blocks),
      (v) => {
        let at = 0;
        for (const { z } of blocks) {
          for (let k = 0; k < z.length; k++) v[at + k] = -Math.abs(z[k]);
          // The g block of each row gets -2|z| (tanh through the sigmoid).
          for (let r = 0; r < z.length; r += 4 * H) for (let k = r + 2 * H; k < r + 3 * H; k++) v[at + k] *= 2;
          at += z.length;
        }
      },
      (u) => {
        let at = 0;
        for (const { z, out, slope } of blocks) {
          // z and out may be the same array: each element's sign is read before it is written.
          for (let k = 0; k < z.length; k++) {
            const small = u[at + k];
            const big = 1 - small;
            slope[k] = small * big;
            out[k] = z[k] >= 0 ? big : small;
          }
          for (let r = 0; r < z.length; r += 4 * H) {
            for (let k = r + 2 * H; k < r + 3 * H; k++) {
              // Here out holds σ(2|g|) = 1 - u or u, slope u (1 - u): make them tanh and tanh'.
              const t = 1 - 2 * u[at + k];
              out[k] = out[k] >= 0.5 ? t : -t;
              slope[k] *= 4;
            }
          }
          at += z.length;
        }
      },
    );
  },
  tanh(blocks) {
    sigmoidOf(
      total(blocks),
      (v) => {
        let at = 0;
        for (const { z } of blocks) {
          for (let k = 0; k < z.length; k++) v[at + k] = -2 * Math.abs(z[k]);
          at += z.length;
        }
      },
      (u) => {
        let at = 0;
        for (const { z, out, slope } of blocks) {
          for (let k = 0; k < z.length; k++) {
            const small = u[at + k];
            const t = 1 - 2 * small;
            slope[k] = 4 * small * (1 - small);
            out[k] = z[k] >= 0 ? t : -t;
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
