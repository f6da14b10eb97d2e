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
 * 004 publishes no curve; the defaults mimic DeepSC's similarity-vs-SNR shape (a floor at
 * very low SNR, a knee a few dB wide, a ceiling that rises with the symbols per word) and are
 * scenario parameters. Monotonicity needs `0 <= floor <= c0 <= cMax <= 1`, `scale > 0`,
 * `m1 <= m0`, `width > 0`; {@link surrogateSimilarity} checks them.
 */
export interface SimilaritySurrogateConfig {
  /** Similarity left when the SINR is far below the knee (default 0.1: unrelated sentences still share words). */
  readonly floor: number;
  /** Ceiling at `k -> 0`, `c0` (default 0.4: almost everything compressed away). */
  readonly ceilingAtZeroK: number;
  /** Ceiling as `k` grows, `cMax` (default 0.98: DeepSC's high-SNR similarity). */
  readonly ceilingMax: number;
  /** How fast the ceiling approaches `cMax` in `k`, `scale` (default 0.25). */
  readonly ceilingScale: number;
  /** Knee (50 % point) of the SINR logistic at `k = 0`, dB (default 8 dB). */
  readonly midpointDbAtZeroK: number;
  /** Knee at `k = 1`, dB (default 0 dB: more redundancy survives lower SINR). */
  readonly midpointDbAtFullK: number;
  /** Width of the knee, dB (default 3 dB). */
  readonly widthDb: number;
}

/** Defaults of {@link SimilaritySurrogateConfig} (documented choices, see the interface). */
export const DEFAULT_SIMILARITY_SURROGATE: SimilaritySurrogateConfig = Object.freeze({
  floor: 0.1,
  ceilingAtZeroK: 0.4,
  ceilingMax: 0.98,
  ceilingScale: 0.25,
  midpointDbAtZeroK: 8,
  midpointDbAtFullK: 0,
  widthDb: 3,
});

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
export function surrogateSimilarity(
  k: number,
  sinrDb: number,
  config: SimilaritySurrogateConfig = DEFAULT_SIMILARITY_SURROGATE,
): number {
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
export function surrogateModel(config: SimilaritySurrogateConfig = DEFAULT_SIMILARITY_SURROGATE): SimilarityModel {
  checkConfig(config);
  return (k, sinrDb) => evaluate(k, sinrDb, config);
}
