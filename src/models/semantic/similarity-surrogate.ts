/**
 * Semantic accuracy `xi = f_s(k, SINR)` (004 eq. (5)): a DeepSC-style BERT sentence
 * similarity that falls with compression and rises with SINR. 004 measures it with a trained
 * codec; we offer a smooth parametric surrogate and a table form (bilinear over a measured or
 * tabulated `(k, SINR)` grid), both behind {@link SimilarityModel}.
 */

/**
 * A semantic-accuracy model: `k` is the fraction of semantic symbols kept (larger = less
 * compression), `sinrDb` the SINR in dB; the result is in [0, 1].
 */
export type SimilarityModel = (k: number, sinrDb: number) => number;

/**
 * Parameters of the surrogate
 * `xi = floor + (ceiling(k) - floor) * sigmoid((SINR_dB - midpoint(k)) / width)` with
 * `ceiling(k) = c0 + (cMax - c0)(1 - e^{-k/scale})` and `midpoint(k) = m0 + (m1 - m0) k`.
 * 004 publishes no curve; the values are scenario parameters (`MULTICELL_SIMILARITY_SURROGATE`
 * in `src/scenarios/multicell-ee/constants.ts` mimics DeepSC's similarity-vs-SNR shape).
 * Monotonicity needs `0 <= floor <= c0 <= cMax <= 1`, `scale > 0`, `m1 <= m0`, `width > 0`;
 * {@link surrogateSimilarity} checks them.
 */
export interface SimilaritySurrogateConfig {
  /** Similarity left when the SINR is far below the knee. */
  readonly floor: number;
  /** Ceiling at `k -> 0`, `c0`. */
  readonly ceilingAtZeroK: number;
  /** Ceiling as `k` grows, `cMax`. */
  readonly ceilingMax: number;
  /** How fast the ceiling approaches `cMax` in `k`, `scale`. */
  readonly ceilingScale: number;
  /** Knee (50 % point) of the SINR logistic at `k = 0`, dB. */
  readonly midpointDbAtZeroK: number;
  /** Knee at `k = 1`, dB. */
  readonly midpointDbAtFullK: number;
  /** Width of the knee, dB. */
  readonly widthDb: number;
}

function checkConfig(c: SimilaritySurrogateConfig): void {
  const ok =
    c.floor >= 0 &&
    c.floor <= c.ceilingAtZeroK &&
    c.ceilingAtZeroK <= c.ceilingMax &&
    c.ceilingMax <= 1 &&
    c.ceilingScale > 0 &&
    c.midpointDbAtFullK <= c.midpointDbAtZeroK &&
    c.widthDb > 0 &&
    Number.isFinite(c.midpointDbAtZeroK) &&
    Number.isFinite(c.midpointDbAtFullK) &&
    Number.isFinite(c.widthDb);
  if (!ok) throw new RangeError(`similarity surrogate config is not monotone/bounded: ${JSON.stringify(c)}`);
}

function checkArgs(k: number, sinrDb: number): void {
  if (!(k >= 0 && k <= 1)) throw new RangeError(`k must be in [0, 1], got ${k}`);
  if (Number.isNaN(sinrDb)) throw new RangeError('sinrDb is NaN');
}

/**
 * The surrogate semantic accuracy `xi(k, SINR_dB)` (stands in for 004 eq. (5)); in
 * [floor, ceilingMax], non-decreasing in both `k` and `sinrDb`. `sinrDb = -Infinity` gives
 * the floor.
 */
export function surrogateSimilarity(k: number, sinrDb: number, config: SimilaritySurrogateConfig): number {
  checkConfig(config);
  return evaluate(k, sinrDb, config);
}

function evaluate(k: number, sinrDb: number, c: SimilaritySurrogateConfig): number {
  checkArgs(k, sinrDb);
  const ceiling = c.ceilingAtZeroK + (c.ceilingMax - c.ceilingAtZeroK) * (1 - Math.exp(-k / c.ceilingScale));
  const midpoint = c.midpointDbAtZeroK + (c.midpointDbAtFullK - c.midpointDbAtZeroK) * k;
  const sigmoid = 1 / (1 + Math.exp(-(sinrDb - midpoint) / c.widthDb));
  return c.floor + (ceiling - c.floor) * sigmoid;
}

/** The surrogate as a {@link SimilarityModel} (config checked once). */
export function surrogateModel(config: SimilaritySurrogateConfig): SimilarityModel {
  checkConfig(config);
  return (k, sinrDb) => evaluate(k, sinrDb, config);
}
