/**
 * SC-QoS of the "scqos" scenario (001 Section IV): semantic quantisation efficiency (14),
 * transmission latency (16), effective SC-QoS (17) and the reward with the punishments (20a-b).
 */
import type { BitPerSecond, Seconds } from '../../units.ts';
import { seconds } from '../../units.ts';

/** Per-user outcome of one slot, the inputs of (14)-(17). */
export interface UserScQos {
  /** Semantic similarity `S_u` in [0, 1] (001 eq. (13)). */
  readonly similarity: number;
  /** Bits per feature `n_u` of the chosen SBQ codec (001 eq. (14) denominator). */
  readonly bits: number;
  /** Transmission latency `G_u` (001 eq. (16)). */
  readonly latency: Seconds;
}

/**
 * Parameters of the SC-QoS and reward (001 Section V-A and Table I). 001's values, and ours
 * where it gives none, are `SCQOS_REWARD` (`src/scenarios/scqos/constants.ts`).
 */
export interface ScQosConfig {
  /** Minimum similarity `S_th` (001 Figs. 4-6 use 0.7-0.85). */
  readonly similarityThreshold: number;
  /** Maximum latency `G_th`, s (001 gives none). */
  readonly latencyThreshold: Seconds;
  /**
   * Latencies above this are counted as this value in (17) and (20b), s. A user given no
   * bandwidth has infinite latency; the cap keeps the reward finite.
   */
  readonly latencyCap: Seconds;
  /** Balance coefficient `phi_G` of (17), 1/s (001 gives none). */
  readonly latencyWeight: number;
  /** Similarity punishment coefficient `omega_P^S` (001 Table I: 1). */
  readonly similarityPenaltyWeight: number;
  /** Latency punishment coefficient `omega_P^G` (001 Table I: 10). */
  readonly latencyPenaltyWeight: number;
  /** Small positive reward `r_hat` when a requirement is met (001 Table I: 3). */
  readonly metReward: number;
}

/** Semantic quantisation efficiency `w_u = S_u / n_u` (001 eq. (14)): similarity per bit per feature. */
export function semanticQuantisationEfficiency(similarity: number, bits: number): number {
  if (!(bits > 0)) throw new RangeError(`bits per feature must be > 0, got ${bits}`);
  return similarity / bits;
}

/**
 * Transmission latency `G_u = n_u F / R_u` (001 eq. (16)), s. 001 writes the numerator as the
 * codec's bits per feature `n_u` alone; we multiply by the features per sentence `F`
 * (`featureCount`; 001 Table II: 64, `SCQOS_FEATURES` in `src/scenarios/scqos/constants.ts`) so
 * that `G_u` is the time to send the whole quantised embedding. Pass `featureCount = 1` for the
 * paper's literal form. A zero rate gives `Infinity`.
 */
export function transmissionLatency(bits: number, rate: BitPerSecond, featureCount: number): Seconds {
  if (!(bits > 0) || !(featureCount > 0)) throw new RangeError(`bits (${bits}) and featureCount (${featureCount}) must be > 0`);
  if (!(rate >= 0)) throw new RangeError(`rate must be >= 0, got ${rate}`);
  return seconds((bits * featureCount) / rate);
}

/**
 * Effective SC-QoS `Psi = sum_u (w_u [S_u >= S_th] - phi_G G_u)` (001 eq. (17), one sentence
 * per user and slot, so the averages over `I` are single values). Latencies are capped at
 * `latencyCap`.
 */
export function effectiveScQos(users: readonly UserScQos[], config: ScQosConfig): number {
  let psi = 0;
  for (const u of users) {
    const valid = u.similarity >= config.similarityThreshold ? 1 : 0;
    psi += valid * semanticQuantisationEfficiency(u.similarity, u.bits) - config.latencyWeight * capped(u.latency, config);
  }
  return psi;
}

/**
 * Similarity punishment `P^S_u` (001 eq. (20a)): `r_hat` when `S_u >= S_th`, else the
 * shortfall `S_u - S_th < 0`. 001 prints the second case as `S_th - S_u`, which is positive
 * and would reward missing the threshold; we use the sign that makes it a punishment.
 */
export function similarityPenalty(similarity: number, config: ScQosConfig): number {
  return similarity >= config.similarityThreshold ? config.metReward : similarity - config.similarityThreshold;
}

/**
 * Latency punishment `P^G_u` (001 eq. (20b)): `r_hat` when the constraint `G_u <= G_th`
 * (18h) holds, else `G_th - G_u < 0`. 001 prints the cases swapped (`r_hat` for
 * `G_u >= G_th`), which contradicts (18h); we follow the constraint.
 */
export function latencyPenalty(latency: Seconds, config: ScQosConfig): number {
  return latency <= config.latencyThreshold ? config.metReward : config.latencyThreshold - capped(latency, config);
}

function capped(latency: Seconds, config: ScQosConfig): number {
  if (Number.isNaN(latency)) throw new RangeError('latency is NaN');
  return Math.min(latency, config.latencyCap);
}

/**
 * The slot reward `r = Psi + omega_S sum_u P^S_u + omega_G sum_u P^G_u` (001 Section V-A).
 */
export function scQosReward(users: readonly UserScQos[], config: ScQosConfig): number {
  let ps = 0;
  let pg = 0;
  for (const u of users) {
    ps += similarityPenalty(u.similarity, config);
    pg += latencyPenalty(u.latency, config);
  }
  return effectiveScQos(users, config) + config.similarityPenaltyWeight * ps + config.latencyPenaltyWeight * pg;
}
