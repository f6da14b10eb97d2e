/**
 * Table form of the semantic-accuracy model (004 eq. (5)): values recorded on a `(k, SINR)`
 * grid and read back by bilinear interpolation. It serves a measured codec curve loaded from a
 * scenario file, and the "mapping-guided" baseline of 001 (Section VI-D: a pre-recorded
 * similarity table at a given SNR resolution); for that use the first axis may hold any
 * ordered parameter, e.g. SBQ bits.
 */
import type { SimilarityModel } from './similarity-surrogate.ts';

/** A similarity grid: `values[i * sinrDb.length + j]` is the similarity at `(ks[i], sinrDb[j])`. */
export interface SimilarityTable {
  /** First axis (compression `k`, or any ordered parameter), strictly increasing. */
  readonly ks: Float64Array;
  /** SINR axis in dB, strictly increasing. */
  readonly sinrDb: Float64Array;
  /** Row-major values in [0, 1]. */
  readonly values: Float64Array;
}

function strictlyIncreasing(name: string, xs: Float64Array): void {
  if (xs.length === 0) throw new RangeError(`${name} axis is empty`);
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) throw new RangeError(`${name}[${i}] = ${xs[i]} is not finite`);
    if (i > 0 && !(xs[i] > xs[i - 1])) throw new RangeError(`${name} must be strictly increasing (at index ${i})`);
  }
}

/** Builds and validates a {@link SimilarityTable}. */
export function createSimilarityTable(
  ks: ArrayLike<number>,
  sinrDb: ArrayLike<number>,
  values: ArrayLike<number>,
): SimilarityTable {
  const table = { ks: Float64Array.from(ks), sinrDb: Float64Array.from(sinrDb), values: Float64Array.from(values) };
  strictlyIncreasing('ks', table.ks);
  strictlyIncreasing('sinrDb', table.sinrDb);
  const n = table.ks.length * table.sinrDb.length;
  if (table.values.length !== n) throw new RangeError(`similarity table needs ${n} values, got ${table.values.length}`);
  for (let i = 0; i < n; i++) {
    const v = table.values[i];
    if (!(v >= 0 && v <= 1)) throw new RangeError(`similarity table value ${i} = ${v} is outside [0, 1]`);
  }
  return table;
}

/** Samples `model` on the grid `ks x sinrDb` (e.g. to record a mapping at some SNR resolution). */
export function tabulateSimilarity(model: SimilarityModel, ks: ArrayLike<number>, sinrDb: ArrayLike<number>): SimilarityTable {
  const values = new Float64Array(ks.length * sinrDb.length);
  for (let i = 0; i < ks.length; i++) {
    for (let j = 0; j < sinrDb.length; j++) values[i * sinrDb.length + j] = model(ks[i], sinrDb[j]);
  }
  return createSimilarityTable(ks, sinrDb, values);
}

/** Cell index `i` and weight `t` in [0, 1] of `x` on `axis`, holding the edge values outside it. */
function locate(axis: Float64Array, x: number): [number, number] {
  const n = axis.length;
  if (n === 1 || x <= axis[0]) return [0, 0];
  if (x >= axis[n - 1]) return [n - 2, 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (axis[mid] <= x) lo = mid;
    else hi = mid;
  }
  return [lo, (x - axis[lo]) / (axis[lo + 1] - axis[lo])];
}

/**
 * Bilinear interpolation of the table at `(k, sinrDb)`; outside the grid the nearest edge
 * value is held (no extrapolation, so results stay within the table's range). A table that
 * is non-decreasing along an axis gives a result non-decreasing in that argument.
 */
export function similarityFromTable(table: SimilarityTable, k: number, sinrDb: number): number {
  if (Number.isNaN(k) || Number.isNaN(sinrDb)) throw new RangeError(`similarity lookup at NaN (k ${k}, sinrDb ${sinrDb})`);
  const ns = table.sinrDb.length;
  const [i, u] = locate(table.ks, k);
  const [j, t] = locate(table.sinrDb, sinrDb);
  const i1 = table.ks.length === 1 ? i : i + 1;
  const j1 = ns === 1 ? j : j + 1;
  const v = table.values;
  const low = lerp(v[i * ns + j], v[i * ns + j1], t);
  const high = lerp(v[i1 * ns + j], v[i1 * ns + j1], t);
  // The clamp only removes last-ulp rounding, which would otherwise break the [0, 1] bound.
  return Math.min(1, Math.max(0, lerp(low, high, u)));
}

// `a + t (b - a)` rather than `(1 - t) a + t b`: it is monotone in t whenever b >= a.
function lerp(a: number, b: number, t: number): number {
  return a + t * (b - a);
}

/** The table as a {@link SimilarityModel}. */
export function tableModel(table: SimilarityTable): SimilarityModel {
  return (k, sinrDb) => similarityFromTable(table, k, sinrDb);
}
