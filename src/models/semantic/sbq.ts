/**
 * Semantic-bit quantisation, SBQ (001 Section III-B, eqs. (6)-(9)).
 *
 * An `n`-bit codec splits its `2^n` codes in two halves of `K = 2^(n-1)` codes:
 * - codes `0 .. K-1` quantise the dense range `(-inf, p_th]` uniformly: `[0, p_th]` is cut
 *   into `K` cells of width `p_th / K`, code `i` is the cell index (eq. (6), clamped at 0 for
 *   negative values) and decodes to the cell centre `(2i + 1) / (2K) p_th` (eq. (7));
 * - codes `K .. 2K-1` cover the outliers `(p_th, inf)` with the coarser step `p_th`:
 *   code `K + round((x - p_th) / p_th)`, clamped to `2K - 1` (eq. (8)), decodes to
 *   `(code - K + 1) p_th` (eq. (9)), i.e. `x` rounded to a multiple of `p_th`.
 *
 * Reading of the paper (documented choice): 001 writes `round` in eq. (6) and calls
 * `p^max_{n-1}` "the maximum value representable by n-1 bits", but eq. (7)'s reconstruction
 * `(2i + 1) / (2 p^max_{n-1}) p_th` is a cell centre, which is only consistent (error at most
 * half a step, and a reconstruction inside `[0, p_th]`) if `i` is the cell index `floor` and
 * `p^max_{n-1}` is the number of lower codes, `2^(n-1)`. Eq. (8)'s clamp to `p^max_n` then
 * reads as the top code `2^n - 1`, so the two halves tile the `n`-bit code space exactly and
 * every bit pattern (also one corrupted by the channel) decodes to a value. As printed,
 * eq. (9) decodes the first outlier code `K` to exactly `p_th`, a value eq. (6) assigns to the
 * dense range; we keep that, so re-quantising that one level yields code `K - 1`.
 */

/** Largest supported bits per feature (codes are stored in a `Uint16Array`). */
export const SBQ_MAX_BITS = 16;

function checkCodec(n: number, threshold: number): void {
  if (!Number.isInteger(n) || n < 1 || n > SBQ_MAX_BITS) throw new RangeError(`SBQ bits must be an integer in [1, ${SBQ_MAX_BITS}], got ${n}`);
  if (!(threshold > 0 && Number.isFinite(threshold))) throw new RangeError(`SBQ threshold p_th must be finite and > 0 (001 Sec. III-B), got ${threshold}`);
}

/** Number of codes for the dense range, `K = 2^(n-1)`. */
export function sbqLowerCodes(n: number): number {
  return 2 ** (n - 1);
}

/** Width of a uniform cell below the threshold, `p_th / 2^(n-1)` (001 eq. (6)). */
export function sbqStep(n: number, threshold: number): number {
  checkCodec(n, threshold);
  return threshold / sbqLowerCodes(n);
}

/** The `n`-bit code of one feature value (001 eqs. (6) and (8)). */
export function sbqEncodeValue(x: number, n: number, threshold: number): number {
  const k = sbqLowerCodes(n);
  if (x <= threshold) {
    const i = Math.floor((x / threshold) * k);
    return i < 0 ? 0 : i > k - 1 ? k - 1 : i;
  }
  const j = Math.round((x - threshold) / threshold) + k;
  return j > 2 * k - 1 ? 2 * k - 1 : j;
}

/** The value a code decodes to (001 eqs. (7) and (9)). */
export function sbqDecodeValue(code: number, n: number, threshold: number): number {
  const k = sbqLowerCodes(n);
  if (code < k) return ((2 * code + 1) / (2 * k)) * threshold;
  return (code - k + 1) * threshold;
}

/** Encodes every feature of `e` with an `n`-bit codec (001 eqs. (6), (8)). */
export function sbqEncode(e: ArrayLike<number>, n: number, threshold: number, out?: Uint16Array): Uint16Array {
  checkCodec(n, threshold);
  const codes = out ?? new Uint16Array(e.length);
  if (codes.length !== e.length) throw new RangeError(`sbqEncode: out has length ${codes.length}, expected ${e.length}`);
  for (let i = 0; i < e.length; i++) {
    const x = e[i];
    if (Number.isNaN(x)) throw new RangeError(`feature[${i}] is NaN; allowed: real numbers`);
    codes[i] = sbqEncodeValue(x, n, threshold);
  }
  return codes;
}

/** Decodes `n`-bit codes back to feature values (001 eqs. (7), (9)). */
export function sbqDecode(codes: ArrayLike<number>, n: number, threshold: number, out?: Float64Array): Float64Array {
  checkCodec(n, threshold);
  const values = out ?? new Float64Array(codes.length);
  if (values.length !== codes.length) throw new RangeError(`sbqDecode: out has length ${values.length}, expected ${codes.length}`);
  const top = 2 ** n - 1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (!Number.isInteger(c) || c < 0 || c > top) throw new RangeError(`code[${i}] = ${c} does not fit in ${n} bits`);
    values[i] = sbqDecodeValue(c, n, threshold);
  }
  return values;
}

/**
 * Worst-case reconstruction error `|x - decode(encode(x))|` of an `n`-bit codec at `x`:
 * half a step `p_th / 2^n` on `[0, p_th]`, `p_th / 2` above it up to the top level
 * `(2^(n-1) + 1/2) p_th`, then the distance to the top level `2^(n-1) p_th`; negative `x`
 * is clamped to the first cell. Non-increasing in `n` for every `x`.
 */
export function sbqErrorBound(x: number, n: number, threshold: number): number {
  const step = sbqStep(n, threshold);
  if (x < 0) return step / 2 - x;
  if (x <= threshold) return step / 2;
  const top = sbqLowerCodes(n) * threshold;
  return x <= top + threshold / 2 ? threshold / 2 : x - top;
}
