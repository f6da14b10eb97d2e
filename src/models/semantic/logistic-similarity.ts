/**
 * Semantic accuracy `xi = f_s(k, SINR)` (004 eq. (5)) as a family of generalized logistic fits,
 * one per number of semantic symbols per word `k`:
 * `xi = A1 + (A2 - A1) / (1 + exp(-(C1 * SINR_dB + C2)))`, read linearly between neighbouring
 * fits in `k`. The fitted parameters are data (a scenario passes them in; SPEC section 2 gives
 * fits to published DeepSC similarity curves); this module holds no paper values.
 */
import type { SimilarityModel } from './similarity-surrogate.ts';

/** One fit: the logistic at `k` semantic symbols per word. */
export interface LogisticSimilarityFit {
  /** Semantic symbols per word this fit was made at. */
  readonly k: number;
  /** Lower asymptote (low SINR). */
  readonly a1: number;
  /** Upper asymptote (high SINR). */
  readonly a2: number;
  /** Slope per dB (> 0: similarity rises with SINR). */
  readonly c1: number;
  /** Offset: the knee sits at `SINR_dB = -c2 / c1`. */
  readonly c2: number;
}

/** A table of fits and the SINR range they were fitted on. */
export interface LogisticSimilarityTable {
  /** Fits in strictly increasing `k`. */
  readonly fits: readonly LogisticSimilarityFit[];
  /** Below this SINR (dB) the curves are flat: the value at `minSinrDb` is held. */
  readonly minSinrDb: number;
  /** Above this SINR (dB) the curves have saturated: the value at `maxSinrDb` is held. */
  readonly maxSinrDb: number;
}

/** Checks a table: fits sorted by `k`, `0 <= A1 <= A2 <= 1`, `C1 > 0`, finite numbers, a non-empty range. */
export function validateLogisticSimilarity(t: LogisticSimilarityTable): void {
  if (t.fits.length === 0) throw new RangeError('similarity table: needs at least one fit');
  if (!(Number.isFinite(t.minSinrDb) && Number.isFinite(t.maxSinrDb) && t.minSinrDb < t.maxSinrDb)) {
    throw new RangeError(`similarity table: SINR range [${t.minSinrDb}, ${t.maxSinrDb}] dB must be finite and non-empty`);
  }
  t.fits.forEach((f, i) => {
    const where = `similarity fit ${i} (k = ${f.k})`;
    if (!(Number.isFinite(f.k) && f.k > 0)) throw new RangeError(`${where}: k must be finite and > 0`);
    if (i > 0 && !(f.k > t.fits[i - 1].k)) throw new RangeError(`${where}: k must increase from fit to fit`);
    if (!(f.a1 >= 0 && f.a1 <= f.a2 && f.a2 <= 1)) throw new RangeError(`${where}: need 0 <= A1 <= A2 <= 1, got A1 ${f.a1}, A2 ${f.a2}`);
    if (!(f.c1 > 0 && Number.isFinite(f.c1) && Number.isFinite(f.c2))) throw new RangeError(`${where}: need C1 > 0 and finite C1, C2, got ${f.c1}, ${f.c2}`);
  });
}

/** One fit's logistic at `sinrDb` (no clamping). */
export function logisticFitValue(f: LogisticSimilarityFit, sinrDb: number): number {
  return f.a1 + (f.a2 - f.a1) / (1 + Math.exp(-(f.c1 * sinrDb + f.c2)));
}

/**
 * The similarity at `k` symbols per word and `sinrDb` (table checked on every call; use
 * {@link logisticSimilarityModel} in loops). The SINR is clamped to the table's range (flat
 * below, saturated above; `-Infinity`, a silent transmitter, gives the floor). Between two fits
 * the values are interpolated linearly in `k`; above the last fit its curve is held; below the
 * first, its curve is used with the knee moved as the first two fits move it (`C2` extrapolated
 * linearly in `k`, `A1`, `A2`, `C1` held), so fewer symbols need more SINR and values stay in
 * `[A1, A2]`. In [0, 1] and non-decreasing in SINR.
 */
export function logisticSimilarity(k: number, sinrDb: number, table: LogisticSimilarityTable): number {
  validateLogisticSimilarity(table);
  return evaluate(k, sinrDb, table);
}

function evaluate(k: number, sinrDb: number, t: LogisticSimilarityTable): number {
  if (!(Number.isFinite(k) && k > 0)) throw new RangeError(`semantic symbols per word k must be finite and > 0, got ${k}`);
  if (Number.isNaN(sinrDb)) throw new RangeError('SINR is NaN');
  const s = Math.min(t.maxSinrDb, Math.max(t.minSinrDb, sinrDb));
  const fits = t.fits;
  const first = fits[0];
  const last = fits[fits.length - 1];
  if (k >= last.k) return logisticFitValue(last, s);
  if (k <= first.k) {
    if (fits.length === 1) return logisticFitValue(first, s);
    const slope = (fits[1].c2 - first.c2) / (fits[1].k - first.k);
    return logisticFitValue({ ...first, c2: first.c2 + (k - first.k) * slope }, s);
  }
  let i = 0;
  while (fits[i + 1].k < k) i++;
  const lo = fits[i];
  const hi = fits[i + 1];
  const w = (k - lo.k) / (hi.k - lo.k);
  const a = logisticFitValue(lo, s);
  return a + w * (logisticFitValue(hi, s) - a);
}

/** The table as a {@link SimilarityModel} over symbols per word (checked once). */
export function logisticSimilarityModel(table: LogisticSimilarityTable): SimilarityModel {
  validateLogisticSimilarity(table);
  return (k, sinrDb) => evaluate(k, sinrDb, table);
}
