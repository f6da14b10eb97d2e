/**
 * Task accuracy versus semantic compression ratio (003, eq. (21)). The fitted curves of 003
 * Table III are scenario constants (`TOSCN_ACCURACY_CURVES` in `src/scenarios/toscn/constants.ts`).
 */

/** Curve-fit parameters of 003 eq. (21): `A = a1 * eta^a2 + a3`. */
export interface AccuracyCurve {
  /** Scale of the compression penalty; negative, so accuracy falls as `eta` grows (003 Table III). */
  readonly a1: number;
  /** Exponent of the compression ratio; large, so accuracy stays flat until `eta` nears 1 (003 Table III). */
  readonly a2: number;
  /** Accuracy without compression, `A(0)` (003 Table III). */
  readonly a3: number;
}

function checkEta(eta: number): void {
  // eta = 1 would discard every feature map and make the packet size zero (003 eq. (12)).
  if (!(eta >= 0 && eta < 1)) throw new RangeError(`compression ratio eta must be in [0, 1), got ${eta}`);
}

/**
 * Classification accuracy at compression ratio `eta` (003 eq. (21)): `a1 * eta^a2 + a3`.
 * Throws a `RangeError` unless `eta` is in [0, 1).
 */
export function taskAccuracy(curve: AccuracyCurve, eta: number): number {
  checkEta(eta);
  return curve.a1 * Math.pow(eta, curve.a2) + curve.a3;
}

/**
 * The largest compression ratio whose accuracy still meets `minAccuracy` (inverse of 003
 * eq. (21), used by constraint (23e) `A >= A_min`). For `a1 < 0, a2 > 0` accuracy falls
 * monotonically in `eta`, so the feasible set is `[0, eta*]` with
 * `eta* = ((A_min - a3) / a1)^(1/a2)`.
 *
 * Returns `null` when even `eta = 0` misses the floor (`A_min > a3`), and `1` when every
 * `eta` in [0, 1) meets it (`a1 + a3 >= A_min`; callers keep `eta < 1` themselves).
 */
export function maxCompressionForAccuracy(curve: AccuracyCurve, minAccuracy: number): number | null {
  if (!Number.isFinite(minAccuracy)) throw new RangeError(`minAccuracy must be finite, got ${minAccuracy}`);
  if (!(curve.a1 < 0 && curve.a2 > 0)) {
    throw new RangeError(`inverse needs a decreasing curve (a1 < 0, a2 > 0), got a1=${curve.a1}, a2=${curve.a2}`);
  }
  if (minAccuracy > curve.a3) return null;
  const ratio = (minAccuracy - curve.a3) / curve.a1; // >= 0 here
  if (ratio >= 1) return 1;
  return Math.pow(ratio, 1 / curve.a2);
}
