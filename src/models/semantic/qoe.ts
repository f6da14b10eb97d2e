/**
 * Semantic rate and user QoE of the "multicell-ee" scenario (004 eqs. (6) and (8)).
 */
import type { Hz } from '../../units.ts';

/** Parameters of the semantic rate (004 eq. (6)). */
export interface SemanticRateConfig {
  /** Semantic entropy `H~` of a sentence (004 Table 1: 4). */
  readonly entropy: number;
  /**
   * `Q^txt_m`, the length of the text to send, in the same units as the semantic symbols
   * per text unit `k` (e.g. words). 004 gives no value (see `MULTICELL_SEMANTIC_RATE` in
   * `src/scenarios/multicell-ee/constants.ts` for the one we use).
   */
  readonly textLength: number;
}

function checkK(k: number): void {
  if (!(k > 0 && k <= 1)) throw new RangeError(`semantic compression k must be in (0, 1], got ${k}`);
}

/**
 * Semantic rate `varsigma = H / (Q k) * W` (004 eq. (6)), in semantic units per second.
 * `k` is the fraction of semantic symbols kept (codebook `{1/k_max, ..., (k_max-1)/k_max}`,
 * 004 Section 4): smaller `k` means more compression and a higher semantic rate.
 */
export function semanticRate(k: number, bandwidth: Hz, config: SemanticRateConfig): number {
  checkK(k);
  return (config.entropy / (config.textLength * k)) * bandwidth;
}

/**
 * The semantic rate divided by the channel bandwidth, `varsigma / W = H / (Q k)` (semantic
 * units per second per hertz). This is the quantity compared with the requirement
 * `varsigma_req in [0.8, 0.9]` of 004 Table 1: the table gives the requirement without
 * units, and dividing by `W` makes it independent of the bandwidth, as in the semantic
 * spectral efficiency of 004's reference [40].
 */
export function normalisedSemanticRate(k: number, config: SemanticRateConfig): number {
  checkK(k);
  return config.entropy / (config.textLength * k);
}

/**
 * The logistic of 004 eq. (8), `f(x) = 1 / (1 + e^{growth x})`. With `x = requirement -
 * achieved`, it is 1/2 when the requirement is just met and tends to 1 as the achieved value
 * exceeds it. Never NaN for finite inputs: `e^{+-large}` saturates to 0 or Infinity.
 */
export function logistic(x: number, growth: number): number {
  return 1 / (1 + Math.exp(growth * x));
}

/**
 * QoE parameters of one user (004 eq. (8)). The values used for 004 are `MULTICELL_QOE`
 * (`src/scenarios/multicell-ee/constants.ts`).
 */
export interface QoeConfig {
  /** Balance factor `w_m` between rate and accuracy terms, in [0, 1]. 004 gives none. */
  readonly rateWeight: number;
  /** Growth factor `alpha_m` of `f_r`. 004 gives none. */
  readonly rateGrowth: number;
  /** Growth factor `beta_m` of `f_a`. 004 gives none. */
  readonly accuracyGrowth: number;
  /** Normalised semantic-rate requirement `varsigma_req` (004 Table 1: [0.8, 0.9]). */
  readonly rateRequirement: number;
  /** Semantic-accuracy requirement `xi_req` as a fraction (004 Table 1: [80, 100] %). */
  readonly accuracyRequirement: number;
}

/**
 * User QoE (004 eq. (8)): `w f_r(varsigma_req - varsigma) + (1 - w) f_a(xi_req - xi)`, with
 * `varsigma` the normalised semantic rate ({@link normalisedSemanticRate}) and `xi` the
 * semantic accuracy in [0, 1]. A convex combination of two logistics, so in [0, 1].
 */
export function qoe(normalisedRate: number, accuracy: number, config: QoeConfig): number {
  const w = config.rateWeight;
  if (!(w >= 0 && w <= 1)) throw new RangeError(`QoE rate weight must be in [0, 1], got ${w}`);
  if (Number.isNaN(normalisedRate) || Number.isNaN(accuracy)) {
    throw new RangeError(`QoE inputs must not be NaN (rate ${normalisedRate}, accuracy ${accuracy})`);
  }
  const fr = logistic(config.rateRequirement - normalisedRate, config.rateGrowth);
  const fa = logistic(config.accuracyRequirement - accuracy, config.accuracyGrowth);
  return w * fr + (1 - w) * fa;
}
