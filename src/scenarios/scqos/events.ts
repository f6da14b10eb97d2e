import { z } from 'zod';
import { defineEvents, type EventsOf, type KernelEvent, type PhaseTick } from '../../events/index.ts';
import type { PhaseDefinition } from '../../scheduler/index.ts';

const num = z.number();
const int = z.number().int();
const vec = z.array(num);

/**
 * The steps of the semantic path after the codec (001 Fig. 1), each a phase of its own so a
 * slot's trace reads in the order a sentence travels: encode (codec 60), modulate, channel
 * (transmission 70), decode, compensate, measure, then the reward (80).
 */
export const SCQOS_PHASES: readonly PhaseDefinition[] = [
  { name: 'modulation', rank: 64 },
  { name: 'decoding', rank: 72 },
  { name: 'compensation', rank: 74 },
  { name: 'similarity', rank: 76 },
];

/** Time since the slot start at which the step completes, s (the transmission latency G_u is the only delay modelled). */
const at = num;

/**
 * scqos's own events. The decision exchange uses the kernel's `decision.requested`,
 * `decision.made` and `decision.applied` (`applied`: codec index, bits, subchannel, bandwidth
 * Hz, beam power W and link SNR dB per user) and `reward.computed`.
 */
export const SCQOS_EVENTS = defineEvents({
  /** Users dropped for the episode: distance (m), path gain (linear) and LoS angle (rad) per user. */
  'users.placed': { phase: 'inherit', payload: z.object({ distance: vec, pathGain: vec, angle: vec }) },
  /** The channel of the slot: full-power MRT SNR (dB) of user u on subchannel c at `[u * C + c]`. */
  'link.measured': { phase: 'channel', payload: z.object({ slot: int, fullPowerSnrDb: vec }) },
  /** User `user`'s sentence of the slot: its F features, how many exceed p_th, their mean over p_th. */
  'semantic.embedded': { phase: 'traffic', payload: z.object({ user: int, slot: int, features: int, aboveThreshold: num, meanOverThreshold: num, at_s: at }) },
  /** SBQ encoding (001 eqs. (6), (8)) with n bits per feature: `bitsSent` = F n. */
  'codec.encoded': { phase: 'codec', payload: z.object({ user: int, slot: int, bits: int, threshold: num, bitsSent: int, at_s: at }) },
  /** 16-QAM Gray mapping of the bits: 4 bits per symbol, the last one zero-padded. */
  'modulation.mapped': { phase: 'modulation', payload: z.object({ user: int, slot: int, bits: int, symbols: int, at_s: at }) },
  /**
   * The 16-QAM link at the user's SNR (001 eq. (15)): bits sent and flipped, the exact 16-QAM
   * BER at that SNR, rate R_u = b_u log2(1 + SNR) and latency G_u (001 eq. (16)); `at_s` = G_u
   * (capped at the latency cap, so it stays finite).
   */
  'channel.transmitted': {
    phase: 'transmission',
    payload: z.object({ user: int, slot: int, bits: int, subchannel: int, bandwidth: num, snrDb: num, expectedBer: num, bitsSent: int, bitErrors: int, rate: num, latency: num, at_s: at }),
  },
  /** SBQ decoding (001 eqs. (7), (9)): cosine of sent and decoded embeddings before compensation. */
  'codec.decoded': { phase: 'decoding', payload: z.object({ user: int, slot: int, bits: int, bitErrors: int, codeErrors: int, similarity: num, at_s: at }) },
  /** The offset compensator (001 eq. (10)); with it off, the decoded embedding passes unchanged. */
  'codec.compensated': { phase: 'compensation', payload: z.object({ user: int, slot: int, bits: int, enabled: z.boolean(), similarity: num, at_s: at }) },
  /** Semantic similarity S (001 eq. (13), cosine), SQE (14), latency (16) and whether S_th and G_th were met. */
  'semantic.measured': {
    phase: 'similarity',
    payload: z.object({ user: int, slot: int, bits: int, bitsSent: int, bitErrors: int, snrDb: num, similarity: num, sqe: num, latency: num, similarityMet: z.boolean(), latencyMet: z.boolean(), at_s: at }),
  },
});

export const SCQOS_CATALOGUE = [SCQOS_EVENTS] as const;

export type ScqosOwnEvent = EventsOf<typeof SCQOS_EVENTS>;
export type ScqosEvent = ScqosOwnEvent | KernelEvent;
export type ScqosEventOf<T extends ScqosEvent['type']> = Extract<ScqosEvent, { type: T }>;
export type { PhaseTick };

/** The one agent: the base station's resource allocator. */
export const SCQOS_AGENT = 'bs';
