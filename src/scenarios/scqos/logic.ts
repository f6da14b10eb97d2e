import { box, hybrid, multiDiscrete, type BoxSpace, type HybridSpace } from '../../agents/common/spaces.ts';
import { beamGain, beamPowerOf, mrtBeams, scaleBeamsToBudget, withBeamPowers } from '../../models/phy/beamforming.ts';
import { complexMatrix, type ComplexMatrix } from '../../models/phy/complex.ts';
import { factorial, permutationFromIndex } from '../../models/phy/ofdm.ts';
import { softmaxOntoSimplex } from '../../models/projection/simplex.ts';
import { assertFiniteVector } from '../../models/projection/validate.ts';
import { hz, watt } from '../../units.ts';
import type { ScqosParams } from './params.ts';

/**
 * The hybrid action (001 Section V-A): continuous bandwidth logits (U), then beam powers (U,
 * `mrt-power`) or every beam entry (2 M U reals, re then im, user by user, `full`), all in
 * [-1, 1]; discrete: the SBQ codec of each user (U choices out of N) and one index of the C!
 * subchannel permutations (user u takes entry u).
 */
export function scqosActionSpace(p: ScqosParams): HybridSpace {
  return hybrid(box(continuousSize(p), -1, 1), multiDiscrete([...Array.from({ length: p.users }, () => p.bits.length), factorial(p.subchannels)]));
}

export const continuousSize = (p: ScqosParams): number => p.users + (p.beamforming === 'full' ? 2 * p.antennas * p.users : p.users);

/** Logit per unit of action: shares span e^(2 x 3) = 403 : 1 across the box. */
export const LOGIT_SCALE = 3;

/** What the base station applies in a slot. */
export interface Allocation {
  /** Codec index per user (into `params.bits`). */
  readonly codec: Int32Array;
  /** Subchannel per user, all distinct (001 (18d)-(18e)). */
  readonly subchannel: Int32Array;
  /** b_u, Hz; sum = B (001 (18f)). */
  readonly bandwidth: Float64Array;
  /** Beams f_u, U x M; sum ||f_u||^2 <= P_T (001 (18g)). */
  readonly beams: ComplexMatrix;
  /** ||f_u||^2, W. */
  readonly power: Float64Array;
}

/**
 * An action as an allocation: softmax of the bandwidth logits onto B, beams onto P_T; never
 * outside the budgets. Non-finite entries are rejected with the entry named; entries outside
 * [-1, 1] are clipped; discrete entries must be in range.
 */
export function allocationOf(action: { continuous?: ArrayLike<number>; discrete?: ArrayLike<number> }, channel: ComplexMatrix, p: ScqosParams): Allocation {
  const U = p.users;
  const x = action.continuous;
  const d = action.discrete;
  if (!x || x.length !== continuousSize(p)) throw new RangeError(`action.continuous: expected ${continuousSize(p)} values, got ${x?.length ?? 0}`);
  if (!d || d.length !== U + 1) throw new RangeError(`action.discrete: expected ${U + 1} values (codec per user, subchannel permutation), got ${d?.length ?? 0}`);
  assertFiniteVector(x, 'action.continuous');
  const clip = (v: number): number => Math.max(-1, Math.min(1, v));
  const codec = new Int32Array(U);
  for (let u = 0; u < U; u++) {
    if (!Number.isInteger(d[u]) || d[u] < 0 || d[u] >= p.bits.length) throw new RangeError(`action.discrete[${u}] = ${d[u]}: codec index allowed 0..${p.bits.length - 1}`);
    codec[u] = d[u];
  }
  const subchannel = permutationFromIndex(d[U], p.subchannels).slice(0, U);
  const logits = (from: number): number[] => Array.from({ length: U }, (_, u) => LOGIT_SCALE * clip(x[from + u]));
  const bandwidth = softmaxOntoSimplex(logits(0), p.bandwidth);
  const assigned = assignedChannel(channel, subchannel, p);
  let beams: ComplexMatrix;
  if (p.beamforming === 'mrt-power') {
    beams = withBeamPowers(mrtBeams(assigned), softmaxOntoSimplex(logits(U), p.transmitPower));
    beams = scaleBeamsToBudget(beams, watt(p.transmitPower), 'cap');
  } else {
    const raw = complexMatrix(U, p.antennas);
    const scale = Math.sqrt(p.transmitPower / (U * p.antennas));
    for (let k = 0; k < U * p.antennas; k++) {
      raw.re[k] = scale * clip(x[U + 2 * k]);
      raw.im[k] = scale * clip(x[U + 2 * k + 1]);
    }
    beams = scaleBeamsToBudget(raw, watt(p.transmitPower), 'cap');
  }
  const power = Float64Array.from({ length: U }, (_, u) => beamPowerOf(beams, u));
  return { codec, subchannel, bandwidth, beams, power };
}

/** Rows of the channel (U C rows, row u C + c = h_{u,c}) that the assignment selects: U x M. */
export function assignedChannel(channel: ComplexMatrix, subchannel: ArrayLike<number>, p: ScqosParams): ComplexMatrix {
  const M = p.antennas;
  const out = complexMatrix(p.users, M);
  for (let u = 0; u < p.users; u++) {
    const row = (u * p.subchannels + subchannel[u]) * M;
    out.re.set(channel.re.subarray(row, row + M), u * M);
    out.im.set(channel.im.subarray(row, row + M), u * M);
  }
  return out;
}

/**
 * Link SNR of each user, `|h_{u,c_u} f_u|^2 / sigma^2` (001 eq. (15)). Users sit on distinct
 * OFDM subchannels, so there is no inter-user interference: the SINR is the SNR.
 */
export function linkSnrs(channel: ComplexMatrix, a: Allocation, p: ScqosParams): Float64Array {
  const h = assignedChannel(channel, a.subchannel, p);
  return Float64Array.from({ length: p.users }, (_, u) => beamGain(h, u, a.beams, u) / p.noise);
}

/** R_u = b_u log2(1 + SNR_u) (001 eq. (15)), bit/s. */
export const linkRate = (bandwidth: number, snr: number): number => bandwidth * Math.log2(1 + snr);

/** ||h_{u,c}||^2 P_T / sigma^2: the SNR of user u on subchannel c with MRT and the whole budget. */
export function fullPowerSnr(channel: ComplexMatrix, u: number, c: number, p: ScqosParams): number {
  const row = (u * p.subchannels + c) * p.antennas;
  let g = 0;
  for (let m = row; m < row + p.antennas; m++) g += channel.re[m] ** 2 + channel.im[m] ** 2;
  return (g * p.transmitPower) / p.noise;
}

/** A no-power, equal-bandwidth allocation in force before the first decision. */
export function idleAllocation(p: ScqosParams): Allocation {
  return {
    codec: new Int32Array(p.users),
    subchannel: Int32Array.from({ length: p.users }, (_, u) => u),
    bandwidth: new Float64Array(p.users).fill(hz(p.bandwidth / p.users)),
    beams: complexMatrix(p.users, p.antennas),
    power: new Float64Array(p.users),
  };
}

/** Observation limits: every feature is clamped to [-OBS_LIMIT, OBS_LIMIT]. */
export const OBS_LIMIT = 5;
/** dB per observation unit. */
export const OBS_DB_SCALE = 30;
/** Features per user besides the channel: sentence (2) and the last slot's outcome (4). */
const USER_FEATURES = 6;

export function observationSize(p: ScqosParams): number {
  return p.users * (p.subchannels + USER_FEATURES + (p.beamforming === 'full' ? 2 * p.subchannels * p.antennas : 0));
}

export function scqosObservationSpace(p: ScqosParams): BoxSpace {
  return box(observationSize(p), -OBS_LIMIT, OBS_LIMIT);
}

const clampObs = (x: number): number => Math.max(-OBS_LIMIT, Math.min(OBS_LIMIT, x));
/** An SNR (linear) as a feature: dB over 30, clamped. */
export const snrFeature = (snr: number): number => clampObs((10 * Math.log10(Math.max(snr, 1e-30))) / OBS_DB_SCALE);

/** What a user's last slot gave, as the agent sees it. */
export interface LastOutcome {
  snr: number;
  similarity: number;
  bits: number;
  latency: number;
}

/** The sentence a user is about to send, summarised: fraction of features above p_th, mean over p_th. */
export interface SentenceSummary {
  aboveThreshold: number;
  meanOverThreshold: number;
}

/**
 * The agent's state (001 Section V-A: channel and semantic task): per user, the full-power MRT
 * SNR on every subchannel (dB / 30), the coming sentence (fraction above p_th, mean / p_th),
 * and the last slot's link SNR, similarity, bits / max bits and log10(latency / G_th); with `full`
 * beams also the channel directions `h_{u,c} / ||h_{u,c}||`.
 */
export function observationOf(channel: ComplexMatrix, sentences: readonly SentenceSummary[], last: readonly LastOutcome[], p: ScqosParams): number[] {
  const out: number[] = [];
  const maxBits = p.bits[p.bits.length - 1];
  for (let u = 0; u < p.users; u++) {
    for (let c = 0; c < p.subchannels; c++) out.push(snrFeature(fullPowerSnr(channel, u, c, p)));
    out.push(sentences[u].aboveThreshold, clampObs(sentences[u].meanOverThreshold));
    const l = last[u];
    out.push(snrFeature(l.snr), l.similarity, l.bits / maxBits, latencyFeature(l.latency, p));
    if (p.beamforming === 'full') {
      for (let c = 0; c < p.subchannels; c++) {
        const row = (u * p.subchannels + c) * p.antennas;
        let g = 0;
        for (let m = row; m < row + p.antennas; m++) g += channel.re[m] ** 2 + channel.im[m] ** 2;
        const s = g > 0 ? 1 / Math.sqrt(g) : 0;
        for (let m = row; m < row + p.antennas; m++) out.push(channel.re[m] * s, channel.im[m] * s);
      }
    }
  }
  return out;
}

/** Latency as a feature: log10(G / G_th), clamped (invertible up to 10^5 G_th). */
export const latencyFeature = (latency: number, p: ScqosParams): number => clampObs(Math.log10(Math.max(latency, 1e-300) / p.qos.latencyThreshold));

/** Offsets of a user's block in the observation, for agents that read it (mapping-guided). */
export function userBlock(p: ScqosParams, u: number): { snrBySubchannel: number; lastSnr: number; lastSimilarity: number; lastBits: number; lastLatency: number } {
  const size = observationSize(p) / p.users;
  const at = u * size;
  const last = at + p.subchannels + 2;
  return { snrBySubchannel: at, lastSnr: last, lastSimilarity: last + 1, lastBits: last + 2, lastLatency: last + 3 };
}
