import { z } from 'zod';
import { runFileShape } from '../shared-schema.ts';
import { SCQOS_EMBEDDING_SOURCE, SCQOS_FEATURES, SCQOS_REWARD } from './constants.ts';

/**
 * The scqos scenario file (SPEC section 3; paper 001 Sections III-VI, Table I). Units are in
 * the field names; dB and dBm appear only here and become watts and linear gains in `resolve`.
 * docs/scqos.md explains the reading of Table I's power and noise units.
 */
const real = (min: number, max: number, def: number, what: string) => z.number().min(min).max(max).default(def).describe(what);
const count = (min: number, max: number, def: number, what: string) => z.number().int().min(min).max(max).default(def).describe(what);

/** Units a noise variance may be given in; the default reading of Table I's "0.01" is picowatts (docs/scqos.md). */
export const NOISE_UNITS = { W: 1, mW: 1e-3, uW: 1e-6, nW: 1e-9, pW: 1e-12 } as const;

const synthetic = z
  .object({
    source: z.literal('synthetic'),
    zeroProbability: real(0, 0.99, SCQOS_EMBEDDING_SOURCE.zeroProbability, 'Probability a feature is exactly 0 (a dead ReLU unit; 001 gives none)'),
    logMean: real(-20, 20, SCQOS_EMBEDDING_SOURCE.logMean, 'Mean of log(feature) for non-zero features'),
    logStd: real(0, 10, SCQOS_EMBEDDING_SOURCE.logStd, 'Std of log(feature) within a sentence (right skew of 001 Fig. 2a)'),
    sentenceLogStd: real(0, 10, SCQOS_EMBEDDING_SOURCE.sentenceLogStd, 'Std of the per-sentence log offset (some sentences are richer)'),
  })
  .strict()
  .describe('Seeded synthetic sentence embeddings with the skewed distribution of 001 Fig. 2a');

const fromFile = z
  .object({
    source: z.literal('file'),
    path: z.string().min(1).max(4096).describe('CSV (one embedding per line, comma-separated) or JSON (array of arrays); relative to the working directory'),
  })
  .strict()
  .describe('Your own sentence embeddings: each slot a user sends a row drawn uniformly (seeded)');

const { dimension: _dimension, ...syntheticDefaults } = SCQOS_EMBEDDING_SOURCE;
const defaultEmbeddings = { source: 'synthetic' as const, ...syntheticDefaults };

export const ScqosScenarioSchema = z
  .object({
    scenario: z.literal('scqos'),
    slotLength_s: real(1e-4, 10, 0.05, 'Slot length (001 gives none): one sentence per user per slot'),
    antennas: count(1, 64, 6, 'M, base-station antennas (001 Table I: 6)'),
    users: count(1, 5, 3, 'U, single-antenna users (001 Section VI: 3); the joint discrete action has N^U C! choices'),
    subchannels: count(1, 5, 3, 'C, OFDM subchannels; each user gets one, all distinct (001 Section VI: 3); at most 5 (C! permutations)'),
    bandwidth_khz: real(0.001, 1e6, 90, 'B, total bandwidth shared by the users (001 Table I: 90 kHz)'),
    transmitPower_dbm: real(-100, 60, -10, 'P_T, base-station transmit power budget sum ||f_u||^2 (001 Table I: -10 dBm)'),
    noiseVariance: z.number().gt(0).max(1e6).default(0.01).describe('sigma^2 at each user, in noiseUnit (001 Table I: 0.01, unit not given)'),
    noiseUnit: z.enum(['W', 'mW', 'uW', 'nW', 'pW']).default('pW').describe('Unit of noiseVariance; pW puts link SNRs in 0-30 dB (docs/scqos.md); W is the literal reading (about -80 dB)'),
    pathLoss: z
      .object({
        reference_db: real(0, 200, 30, 'PL_ref: loss at the reference distance (001 Table I: 30 dB, read as a loss)'),
        exponent: real(0, 10, 3, 'phi, path-loss exponent (001 Table I: 3)'),
        referenceDistance_m: real(0.01, 1000, 1, 'D_ref (001 Table I: 1 m)'),
      })
      .strict()
      .default({ reference_db: 30, exponent: 3, referenceDistance_m: 1 }),
    distance_m: z
      .object({ min: z.number().gt(0).max(1e5), max: z.number().gt(0).max(1e5) })
      .strict()
      .refine((r) => r.min <= r.max, { message: 'min must be <= max' })
      .default({ min: 50, max: 200 })
      .describe('User distances, drawn uniformly per user and episode (001 gives none)'),
    fading: z
      .object({
        kFactor_db: real(-50, 50, 3, 'Rician K-factor (001: Rician, no K given)'),
        rho: real(0, 1, 0.9, 'Gauss-Markov correlation of the scattered part from slot to slot (001 gives none)'),
      })
      .strict()
      .default({ kFactor_db: 3, rho: 0.9 }),
    beamforming: z
      .enum(['mrt-power', 'full'])
      .default('mrt-power')
      .describe('mrt-power: the agent sets each beam power, directions are MRT on the assigned subchannel; full: the agent outputs every beam entry (2 M U reals)'),
    codec: z
      .object({
        bits: z.array(z.number().int().min(1).max(16)).min(1).max(8).default([1, 2, 3]).describe('SBQ codecs: bits per feature n (001: N = 3 codecs, 1, 2, 3 bits)'),
        features: count(1, 4096, SCQOS_FEATURES, 'F, features per sentence embedding (001 Table II: 64)'),
        threshold: z.union([z.literal('median'), z.number().gt(0).max(1e6)]).default('median').describe("p_th: 'median' of the source's features (001 Section III-B) or a value"),
        compensator: z.boolean().default(true).describe('Offset compensator after SBQ decoding (001 Section III-B-2)'),
        compensatorSentences: count(1, 100_000, 256, 'Sentences the compensator is fitted on, per codec, before the run'),
        compensatorSnr_db: z
          .object({ min: z.number().min(-50).max(100), max: z.number().min(-50).max(100) })
          .strict()
          .refine((r) => r.min <= r.max, { message: 'min must be <= max' })
          .default({ min: 0, max: 30 })
          .describe('Link SNRs the compensator is fitted over (uniform in dB)'),
        latencyCountsFeatures: z.boolean().default(true).describe('G_u = n_u F / R_u (true) or the literal n_u / R_u of 001 eq. (16) (false)'),
      })
      .strict()
      .default({ bits: [1, 2, 3], features: SCQOS_FEATURES, threshold: 'median', compensator: true, compensatorSentences: 256, compensatorSnr_db: { min: 0, max: 30 }, latencyCountsFeatures: true }),
    embeddings: z.discriminatedUnion('source', [synthetic, fromFile]).default(defaultEmbeddings),
    qos: z
      .object({
        similarityThreshold: real(0, 1, SCQOS_REWARD.similarityThreshold, 'S_th (001 Figs. 4-6: 0.7-0.85)'),
        latencyThreshold_ms: real(0.001, 1e6, SCQOS_REWARD.latencyThreshold * 1000, 'G_th (001 gives none)'),
        latencyCap_s: real(0.001, 1e6, SCQOS_REWARD.latencyCap, 'Latencies above this count as this in (17) and (20b) (a user without bandwidth)'),
        latencyWeight: real(0, 1e6, SCQOS_REWARD.latencyWeight, 'phi_G of eq. (17), per second (001 gives none)'),
        similarityPenaltyWeight: real(0, 1e6, SCQOS_REWARD.similarityPenaltyWeight, 'omega_P^S (001 Table I: 1)'),
        latencyPenaltyWeight: real(0, 1e6, SCQOS_REWARD.latencyPenaltyWeight, 'omega_P^G (001 Table I: 10)'),
        metReward: real(0, 1e6, SCQOS_REWARD.metReward, 'r_hat, reward when a requirement is met (001 Table I: 3)'),
      })
      .strict()
      .default({
        similarityThreshold: SCQOS_REWARD.similarityThreshold,
        latencyThreshold_ms: SCQOS_REWARD.latencyThreshold * 1000,
        latencyCap_s: SCQOS_REWARD.latencyCap,
        latencyWeight: SCQOS_REWARD.latencyWeight,
        similarityPenaltyWeight: SCQOS_REWARD.similarityPenaltyWeight,
        latencyPenaltyWeight: SCQOS_REWARD.latencyPenaltyWeight,
        metReward: SCQOS_REWARD.metReward,
      }),
    ...runFileShape({
      name: 'scqos',
      slotsPerEpisode: 50,
      episodes: 60,
      evalEpisodes: 10,
      evalSeeds: 5,
      agents: ['hybrid-sac', 'd3qn', 'ddpg', 'td3', 'rate-only', 'random', 'mapping-guided'],
      source: '001 gives no episode length',
    }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.users > s.subchannels) ctx.addIssue({ code: 'custom', path: ['users'], message: `each user needs its own subchannel: users must be <= subchannels (${s.subchannels})` });
    const b = s.codec.bits;
    b.forEach((n, i) => {
      if (i > 0 && !(n > b[i - 1])) ctx.addIssue({ code: 'custom', path: ['codec', 'bits', i], message: 'bits must increase from codec to codec' });
    });
  });

export type ScqosScenario = z.infer<typeof ScqosScenarioSchema>;
