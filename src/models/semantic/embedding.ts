/**
 * Sentence embeddings for the "scqos" scenario: a seeded synthetic source standing in for
 * 001's Transformer + sentence embedder (001 eqs. (1)-(2), Table II), the median SBQ threshold
 * (001 Section III-B), and the similarity between sent and received embeddings (001 eq. (13)).
 */
import type { RandomStream } from '../../random/index.ts';

/**
 * Synthetic embedding source. 001 Table II ends the embedder with ReLU dense layers and a
 * linear pool to 64 features, so features are non-negative, and Fig. 2(a) shows them dense
 * near zero with a long tail of outliers. We draw each feature as
 * `0` with probability `zeroProbability` (a dead ReLU unit), else `exp(logMean + s + logStd z)`
 * with `z ~ N(0, 1)` per feature and `s ~ N(0, sentenceLogStd^2)` shared by the sentence, so
 * sentences differ in how many features exceed the SBQ threshold (some are "richer"). The
 * values used for 001 are `SCQOS_EMBEDDING_SOURCE` (`src/scenarios/scqos/constants.ts`).
 */
export interface EmbeddingSourceConfig {
  /** Features per sentence embedding (001 Table II: pool output 1 x 64). */
  readonly dimension: number;
  /** Probability that a feature is exactly 0 (001 gives no value). */
  readonly zeroProbability: number;
  /** Mean of the log of a non-zero feature. */
  readonly logMean: number;
  /** Std of the log of a non-zero feature within a sentence. */
  readonly logStd: number;
  /** Std of the per-sentence log-scale offset. */
  readonly sentenceLogStd: number;
}

/** Draws one sentence embedding from `stream` (see {@link EmbeddingSourceConfig}). */
export function sampleEmbedding(
  stream: RandomStream,
  config: EmbeddingSourceConfig,
  out?: Float64Array,
): Float64Array {
  const { dimension, zeroProbability, logMean, logStd, sentenceLogStd } = config;
  if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`embedding dimension must be a positive integer, got ${dimension}`);
  if (!(zeroProbability >= 0 && zeroProbability < 1)) throw new RangeError(`zeroProbability must be in [0, 1), got ${zeroProbability}`);
  if (!(logStd >= 0 && sentenceLogStd >= 0)) throw new RangeError('log standard deviations must be >= 0');
  const e = out ?? new Float64Array(dimension);
  if (e.length !== dimension) throw new RangeError(`sampleEmbedding: out has length ${e.length}, expected ${dimension}`);
  const s = stream.normal(0, sentenceLogStd);
  // Both draws happen for every feature, so the stream advances by the same amount whatever the outcomes.
  for (let i = 0; i < dimension; i++) {
    const dead = stream.uniform() < zeroProbability;
    const z = stream.normal();
    e[i] = dead ? 0 : Math.exp(logMean + s + logStd * z);
  }
  return e;
}

/**
 * The median of all feature values in `samples`, the default SBQ threshold `p_th` (001
 * Section III-B: the median beat the mean in Fig. 2(b)). For an even count, the mean of the
 * two middle values. Throws if the median is not > 0, since `p_th > 0` is required.
 */
export function medianThreshold(samples: readonly ArrayLike<number>[]): number {
  let total = 0;
  for (const s of samples) total += s.length;
  if (total === 0) throw new RangeError('medianThreshold needs at least one feature value');
  const all = new Float64Array(total);
  let at = 0;
  for (const s of samples) for (let i = 0; i < s.length; i++) all[at++] = s[i];
  all.sort();
  const mid = total >> 1;
  const median = total % 2 === 1 ? all[mid] : (all[mid - 1] + all[mid]) / 2;
  if (!(median > 0)) throw new RangeError(`median feature value is ${median}; the SBQ threshold must be > 0`);
  return median;
}

/** Cosine similarity `a.b / (|a| |b|)` in [-1, 1]; 1 for two zero vectors, 0 if only one is zero. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: lengths differ (${a.length} vs ${b.length})`);
  // Each vector is divided by its largest magnitude first, so squares neither underflow nor overflow.
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma = Math.max(ma, Math.abs(a[i]));
    mb = Math.max(mb, Math.abs(b[i]));
  }
  if (!Number.isFinite(ma) || !Number.isFinite(mb)) throw new RangeError('cosineSimilarity: inputs must be finite');
  if (ma === 0 || mb === 0) return ma === mb ? 1 : 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] / ma;
    const y = b[i] / mb;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  const c = dot / (Math.sqrt(na) * Math.sqrt(nb));
  // Rounding can push |c| a hair past 1 for parallel vectors.
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

/**
 * Semantic similarity `S in [0, 1]` between sent and received embeddings (stands in for 001
 * eq. (13), a cosine of ALBERT sentence vectors): the cosine clipped at 0. Clipping, rather
 * than `(1 + cos) / 2`, keeps the paper's scale, so thresholds `S_th` of 0.7-0.85 (001 Fig. 6)
 * mean the same here; with non-negative embeddings the clip only matters for corrupted input.
 */
export function semanticSimilarity(sent: ArrayLike<number>, received: ArrayLike<number>): number {
  const c = cosineSimilarity(sent, received);
  return c > 0 ? c : 0;
}
