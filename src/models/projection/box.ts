/**
 * Box helpers for continuous actions: clipping to per-dimension bounds and the affine map
 * from a squashed action in [-1, 1] (tanh policies such as SAC, 001 Section V-C) to [lo, hi].
 */
import { assertFiniteVector, outputOf } from './validate.ts';

/** A bound given once for every dimension or per dimension. */
export type Bound = number | ArrayLike<number>;

function boundAt(b: Bound, i: number): number {
  return typeof b === 'number' ? b : b[i];
}

function checkBounds(n: number, lo: Bound, hi: Bound): void {
  for (const b of [lo, hi]) {
    if (typeof b !== 'number' && b.length !== n) throw new RangeError(`bound has length ${b.length}, expected ${n}`);
  }
  const m = typeof lo === 'number' && typeof hi === 'number' ? Math.min(n, 1) : n;
  for (let i = 0; i < m; i++) {
    const l = boundAt(lo, i);
    const h = boundAt(hi, i);
    if (!(Number.isFinite(l) && Number.isFinite(h) && l <= h)) throw new RangeError(`bounds[${i}] = [${l}, ${h}]; need finite lo <= hi`);
  }
}

/** Clips every entry of `x` to `[lo_i, hi_i]`. NaN and infinities are rejected, not clipped. */
export function clipToBox(x: ArrayLike<number>, lo: Bound, hi: Bound, name = 'action', out?: Float64Array): Float64Array {
  assertFiniteVector(x, name);
  checkBounds(x.length, lo, hi);
  const y = outputOf(x.length, out, 'clipToBox');
  for (let i = 0; i < x.length; i++) y[i] = Math.min(Math.max(x[i], boundAt(lo, i)), boundAt(hi, i));
  return y;
}

/**
 * Maps `a in [-1, 1]` affinely onto `[lo, hi]`: `lo + (a + 1) / 2 (hi - lo)`. Entries outside
 * [-1, 1] are clipped first, so the result always lies in the box.
 */
export function rescaleFromUnit(a: ArrayLike<number>, lo: Bound, hi: Bound, name = 'action', out?: Float64Array): Float64Array {
  assertFiniteVector(a, name);
  checkBounds(a.length, lo, hi);
  const y = outputOf(a.length, out, 'rescaleFromUnit');
  for (let i = 0; i < a.length; i++) {
    const u = Math.min(Math.max(a[i], -1), 1);
    const l = boundAt(lo, i);
    const h = boundAt(hi, i);
    // Clamped again: lo + t (hi - lo) can round a hair past hi.
    y[i] = Math.min(l + ((u + 1) / 2) * (h - l), h);
  }
  return y;
}
