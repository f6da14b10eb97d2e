import { box, multiDiscrete, type BoxSpace, type MultiDiscreteSpace } from '../../agents/common/spaces.ts';
import { totalPower } from '../../models/semantic/energy.ts';
import { normalisedSemanticRate, qoe, type QoeConfig } from '../../models/semantic/qoe.ts';
import { watt } from '../../units.ts';
import type { MulticellParams } from './params.ts';

/** The configuration a BS applies in a slot: a power level and a number of symbols per word. */
export interface Decision {
  readonly powerLevel: number;
  /** Transmit power, watts (the codebook entry of `powerLevel`). */
  readonly power: number;
  /** Semantic symbols per word, 1 ... k_max - 1. */
  readonly symbols: number;
}

/** Joint discrete action (004 Section 4.3): power level (Q choices) x symbols per word (k_max - 1 choices). */
export function multicellActionSpace(p: MulticellParams): MultiDiscreteSpace {
  return multiDiscrete([p.powerCodebook.length, p.maxSymbols - 1]);
}

/** Observation of eq. 17: 7 features, each clamped to [-OBS_LIMIT, OBS_LIMIT]. */
export const OBS_SIZE = 7;
export const OBS_LIMIT = 5;
/** dB per observation unit for SINR and power features. */
export const OBS_DB_SCALE = 30;

export function multicellObservationSpace(): BoxSpace {
  return box(OBS_SIZE, -OBS_LIMIT, OBS_LIMIT);
}

/**
 * A raw action as a decision. Rejects, with an error naming the entry, anything but two
 * integers inside the codebooks (NaN, infinities, fractions, out of range): never clipped.
 */
export function decisionFromAction(discrete: readonly number[] | undefined, p: MulticellParams, who = 'action'): Decision {
  const Q = p.powerCodebook.length;
  const K = p.maxSymbols - 1;
  if (!discrete || discrete.length !== 2) throw new RangeError(`${who}: needs a discrete part [power level, symbols index], got ${JSON.stringify(discrete)}`);
  const [q, k] = discrete;
  if (!Number.isInteger(q) || q < 0 || q >= Q) throw new RangeError(`${who}: power level ${q} is not an integer in 0..${Q - 1}`);
  if (!Number.isInteger(k) || k < 0 || k >= K) throw new RangeError(`${who}: symbols index ${k} is not an integer in 0..${K - 1}`);
  return { powerLevel: q, power: p.powerCodebook[q], symbols: k + 1 };
}

/** The decision in force before a BS's first decision arrives. */
export function fallbackDecision(p: MulticellParams): Decision {
  return { powerLevel: p.fallbackPowerLevel, power: p.powerCodebook[p.fallbackPowerLevel], symbols: p.fallbackSymbols };
}

/**
 * Desired signal and interference plus noise at user `m` (eqs. 18-19) for gains `row`
 * (`row[j]` = h_{m,j}, from BS j) and transmit powers `powers` (watts).
 */
export function linkBudget(row: ArrayLike<number>, powers: ArrayLike<number>, m: number, noise: number): { signal: number; interference: number; sinr: number } {
  let interference = noise;
  for (let j = 0; j < powers.length; j++) if (j !== m) interference += powers[j] * row[j];
  const signal = powers[m] * row[m];
  return { signal, interference, sinr: signal / interference };
}

/** A user's semantic outcome at `symbols` per word and linear SINR `sinr` (eqs. 5, 6, 8). */
export function semanticOutcome(symbols: number, sinr: number, user: QoeConfig, p: MulticellParams): { sinrDb: number; similarity: number; rate: number; qoe: number; rateMet: boolean; accuracyMet: boolean } {
  // A silent BS has SINR 0: floored at -300 dB so traces stay finite (the similarity is flat below -10 dB anyway).
  const sinrDb = 10 * Math.log10(Math.max(sinr, 1e-30));
  const similarity = p.similarity(symbols, sinrDb);
  const rate = normalisedSemanticRate(symbols / p.maxSymbols, p.rate);
  return {
    sinrDb,
    similarity,
    rate,
    qoe: qoe(rate, similarity, user),
    rateMet: rate >= user.rateRequirement,
    accuracyMet: similarity >= user.accuracyRequirement,
  };
}

const clampObs = (x: number): number => Math.max(-OBS_LIMIT, Math.min(OBS_LIMIT, x));
/** A power as an observation feature: dB above the noise floor over 30 (0 W: the bottom). */
export const powerFeature = (x: number, noise: number): number => clampObs((10 * Math.log10(x / noise)) / OBS_DB_SCALE);
/** SINR (linear) as an observation feature: dB over 30. */
export const sinrFeature = (sinr: number): number => clampObs((10 * Math.log10(sinr)) / OBS_DB_SCALE);
/** The SINR in dB an observation reports (inverse of {@link sinrFeature} inside the clamp). */
export const sinrDbOfObservation = (obs: ArrayLike<number>): number => obs[1] * OBS_DB_SCALE;

/** One measurement of `link.measured`. */
export interface Measurement {
  readonly signal: number;
  readonly interference: number;
  readonly sinr: number;
  readonly qoe: number;
}

/**
 * Observation of 004 eq. 17 at a BS: `(p(t-1), gamma(t), QoE(t), b(t), b(t-1), i(t), i(t-1))`,
 * `p` over p_max, gamma, b and i in dB (b and i above the noise) over 30, QoE as is.
 */
export function observationOf(prevPower: number, now: Measurement, before: Measurement, p: MulticellParams): number[] {
  return [
    prevPower / p.maxPower,
    sinrFeature(now.sinr),
    now.qoe,
    powerFeature(now.signal, p.noise),
    powerFeature(before.signal, p.noise),
    powerFeature(now.interference, p.noise),
    powerFeature(before.interference, p.noise),
  ];
}

/** System power of eq. 7 and semantic EE of eqs. 9/20 for one slot's reports. */
export function systemEe(qoes: readonly number[], powers: readonly number[], p: MulticellParams): { ee: number; sumQoe: number; totalPower: number } {
  const total = totalPower(powers.map((x) => watt(x)), p.powerModel);
  const sumQoe = qoes.reduce((a, b) => a + b, 0);
  return { ee: sumQoe / total, sumQoe, totalPower: total };
}
