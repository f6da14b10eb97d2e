/**
 * The LSTM's recurrence on the SIMD kernels of lstm-kernels.ts (docs/performance.md, DRQN
 * step 6): per step one `preact` (bias and `h U`) and one `cell` call forward, one
 * `cellBack` and one `recurBack` (`dz Uᵀ`) backward, all in the kernels' own memory — no tf
 * dispatch, no operand packing and no JavaScript loop per step. lstm-bptt.ts calls these
 * where {@link lstmKernels} gives kernels, and keeps its JavaScript/tf path otherwise; the big
 * products (`x W` of all steps, the weight gradients) stay on XNNPACK there.
 *
 * The kernels' memory is scratch for one call: inputs are copied in and the tape copied out,
 * so tapes stay plain arrays and calls can interleave freely.
 */
import { createLstmKernels, type LstmKernels } from './lstm-kernels.ts';

const kernelsByHidden = new Map<number, LstmKernels | null>();
let enabled = true;

/** Turn the kernel path off (lstm-bptt's JavaScript/tf path instead) or back on, process-wide. */
export function setLstmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** The kernels for this hidden size, or null (disabled, no wasm SIMD, or hidden % 4 ≠ 0). */
export function lstmKernels(hidden: number): LstmKernels | null {
  if (!enabled) return null;
  if (!kernelsByHidden.has(hidden)) kernelsByHidden.set(hidden, createLstmKernels(hidden));
  return kernelsByHidden.get(hidden) ?? null;
}

/** Consecutive float32 regions of the kernels' memory, grown to fit before any view is made. */
function layout(k: LstmKernels, sizes: Record<string, number>): { at: Record<string, number>; mem: Float32Array } {
  const at: Record<string, number> = {};
  let floats = 0;
  for (const [key, n] of Object.entries(sizes)) {
    at[key] = floats;
    floats += n + (-n & 3); // keep every region 16-byte aligned
  }
  const bytes = floats * 4;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return { at, mem: new Float32Array(k.memory.buffer, 0, floats) };
}

/** Forward state of one sequence batch (the tape arrays of lstm-bptt.ts, filled here). */
export interface CellForward {
  readonly steps: number;
  readonly batch: number;
  /** Pre-activations `x W` `[T*B, 4H]` in; the gate activations out. */
  readonly z: Float32Array;
  readonly recurrent: Float32Array;
  readonly bias: Float32Array;
  /** `keep` false: the arrays below (but `h`) hold one step. */
  readonly keep: boolean;
  readonly gateSlopes: Float32Array;
  readonly c: Float32Array;
  readonly tanhC: Float32Array;
  readonly tanhCSlope: Float32Array;
  readonly h: Float32Array;
}

/** Unroll from h = c = 0, filling `f`'s arrays. */
export function cellForward(k: LstmKernels, f: CellForward): void {
  const H = k.hidden;
  const { steps, batch, keep } = f;
  const n = steps * batch;
  const block = batch * 4 * H;
  const hb = batch * H;
  const kept = keep ? n : batch;
  const { at, mem } = layout(k, { u: H * 4 * H, bias: 4 * H, zeros: hb, z: n * 4 * H, slope: kept * 4 * H, c: kept * H, tc: kept * H, tcs: kept * H, h: n * H });
  mem.set(f.recurrent, at.u);
  mem.set(f.bias, at.bias);
  mem.fill(0, at.zeros, at.zeros + hb);
  mem.set(f.z, at.z);
  const B = (floats: number) => floats * 4;
  for (let t = 0; t < steps; t++) {
    const z = at.z + t * block;
    if (t === 0) k.addBias(B(z), B(at.bias), batch);
    else k.preact(B(z), B(at.h + (t - 1) * hb), B(at.u), B(at.bias), batch);
    const s = keep ? t : 0;
    const cPrev = t === 0 ? at.zeros : keep ? at.c + (t - 1) * hb : at.c;
    k.cell(B(z), B(at.slope + s * block), B(cPrev), B(at.c + s * hb), B(at.tc + s * hb), B(at.tcs + s * hb), B(at.h + t * hb), batch);
  }
  if (keep) {
    f.z.set(mem.subarray(at.z, at.z + n * 4 * H));
    f.gateSlopes.set(mem.subarray(at.slope, at.slope + kept * 4 * H));
    f.c.set(mem.subarray(at.c, at.c + kept * H));
    f.tanhC.set(mem.subarray(at.tc, at.tc + kept * H));
    f.tanhCSlope.set(mem.subarray(at.tcs, at.tcs + kept * H));
  }
  f.h.set(mem.subarray(at.h, at.h + n * H));
}

/** What {@link cellBackward} reads: a kept forward's arrays and the recurrent kernel's transpose. */
export interface CellBackward {
  readonly steps: number;
  readonly batch: number;
  readonly gates: Float32Array;
  /** The gate slopes in; the pre-activation gradients `dz` out. */
  readonly gateSlopes: Float32Array;
  readonly c: Float32Array;
  readonly tanhC: Float32Array;
  readonly tanhCSlope: Float32Array;
  /** `[T*B, H]`: the loss gradient w.r.t. every step's output. */
  readonly dh: Float32Array;
  /** `Uᵀ`, `[4H, H]`. */
  readonly recurrentT: Float32Array;
}

/** Backpropagate through time: `gateSlopes` becomes dLoss/dz of every step. */
export function cellBackward(k: LstmKernels, b: CellBackward): void {
  const H = k.hidden;
  const { steps, batch } = b;
  const n = steps * batch;
  const block = batch * 4 * H;
  const hb = batch * H;
  const { at, mem } = layout(k, { uT: 4 * H * H, zeros: hb, dhRec: hb, dc: hb, gates: n * 4 * H, dz: n * 4 * H, c: n * H, tc: n * H, tcs: n * H, dh: n * H });
  mem.set(b.recurrentT, at.uT);
  mem.fill(0, at.zeros, at.dc + hb); // zeros, dhRec and dc (consecutive; hb is a multiple of 4)
  mem.set(b.gates, at.gates);
  mem.set(b.gateSlopes, at.dz);
  mem.set(b.c, at.c);
  mem.set(b.tanhC, at.tc);
  mem.set(b.tanhCSlope, at.tcs);
  mem.set(b.dh, at.dh);
  const B = (floats: number) => floats * 4;
  for (let t = steps - 1; t >= 0; t--) {
    const dz = at.dz + t * block;
    const cPrev = t === 0 ? at.zeros : at.c + (t - 1) * hb;
    k.cellBack(B(dz), B(at.gates + t * block), B(cPrev), B(at.tc + t * hb), B(at.tcs + t * hb), B(at.dh + t * hb), B(at.dhRec), B(at.dc), batch);
    if (t > 0) k.recurBack(B(at.dhRec), B(dz), B(at.uT), batch);
  }
  b.gateSlopes.set(mem.subarray(at.dz, at.dz + n * 4 * H));
}
