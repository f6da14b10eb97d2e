import type { Transition } from '../../agents/agent.ts';
import type { Action } from '../../agents/common/spaces.ts';
import { scQosReward } from '../../models/semantic/scqos.ts';
import { RootRandom } from '../../random/index.ts';
import { seconds } from '../../units.ts';
import { LOGIT_SCALE, OBS_DB_SCALE, userBlock } from './logic.ts';
import type { ScqosParams } from './params.ts';
import { transmitSentence } from './path.ts';

/**
 * A pre-recorded S(n, SNR) table (the mapping of 001's mapping-guided paradigm, Section VI-D):
 * the mean similarity of each codec, measured offline through the full path (SBQ, 16-QAM,
 * compensator) at SNRs `resolutionDb` apart. Read at the nearest recorded SNR, so a coarser
 * record misjudges SNRs between its points.
 */
export interface SimilarityRecord {
  readonly resolutionDb: number;
  readonly minDb: number;
  /** values[codec][k]: mean S at minDb + k resolutionDb. */
  readonly values: readonly Float64Array[];
}

export function recordSimilarity(p: ScqosParams, resolutionDb: number, range: { min: number; max: number }, sentences: number): SimilarityRecord {
  if (!(resolutionDb > 0)) throw new RangeError(`snrResolution_db must be > 0, got ${resolutionDb}`);
  const points = Math.floor((range.max - range.min) / resolutionDb) + 1;
  const root = new RootRandom(1);
  const values = p.bits.map((n, i) => {
    const row = new Float64Array(points);
    for (let k = 0; k < points; k++) {
      const text = root.stream(`record/${n}/${k}/sentences`);
      const noise = root.stream(`record/${n}/${k}/noise`);
      const snr = 10 ** ((range.min + k * resolutionDb) / 10);
      let sum = 0;
      for (let s = 0; s < sentences; s++) sum += transmitSentence(p.source.draw(text), n, p.threshold, snr, p.compensators?.[i] ?? null, noise).similarity;
      row[k] = sum / sentences;
    }
    return row;
  });
  return { resolutionDb, minDb: range.min, values };
}

/** The recorded S of codec `codec` at `snrDb`: the nearest recorded point (clamped to the record). */
export function lookupSimilarity(r: SimilarityRecord, codec: number, snrDb: number): number {
  const row = r.values[codec];
  const k = Math.round((snrDb - r.minDb) / r.resolutionDb);
  return row[Math.max(0, Math.min(row.length - 1, Number.isFinite(k) ? k : snrDb > 0 ? row.length - 1 : 0))];
}

/** The cheapest codec whose recorded S meets S_th at `snrDb`; the most similar one if none does. */
export function guidedCodec(r: SimilarityRecord, snrDb: number, p: ScqosParams): number {
  let best = 0;
  for (let i = 0; i < p.bits.length; i++) {
    const s = lookupSimilarity(r, i, snrDb);
    if (s >= p.qos.similarityThreshold) return i;
    if (s > lookupSimilarity(r, best, snrDb)) best = i;
  }
  return best;
}

/**
 * The SNR a guided agent expects for user u before acting: the observed full-power MRT SNR of
 * the subchannel it picks, times the beam's power share (softmax of its power logits; 1/U with
 * `full` beams, whose gain it cannot predict).
 */
export function expectedSnrDb(observation: Float32Array, resource: Action, subchannel: ArrayLike<number>, u: number, p: ScqosParams): number {
  const full = observation[userBlock(p, u).snrBySubchannel + subchannel[u]] * OBS_DB_SCALE;
  if (p.beamforming !== 'mrt-power') return full - 10 * Math.log10(p.users);
  const x = resource.continuous!;
  let sum = 0;
  for (let v = 0; v < p.users; v++) sum += Math.exp(LOGIT_SCALE * Math.max(-1, Math.min(1, x[p.users + v])));
  const share = Math.exp(LOGIT_SCALE * Math.max(-1, Math.min(1, x[p.users + u]))) / sum;
  return full + 10 * Math.log10(share);
}

/**
 * The reward a mapping-guided learner believes it got: 001's reward with each user's S read
 * from the record at the SNR and codec the slot had (from the next observation's last-outcome
 * features) instead of the measured similarity.
 */
export function estimatedReward(r: SimilarityRecord, t: Transition, action: Action, p: ScqosParams): number {
  const next = t.nextObservation;
  const users = Array.from({ length: p.users }, (_, u) => {
    const at = userBlock(p, u);
    const codec = action.discrete![u];
    return {
      similarity: lookupSimilarity(r, codec, next[at.lastSnr] * OBS_DB_SCALE),
      bits: p.bits[codec],
      latency: seconds(p.qos.latencyThreshold * 10 ** next[at.lastLatency]),
    };
  });
  return scQosReward(users, p.qos);
}
