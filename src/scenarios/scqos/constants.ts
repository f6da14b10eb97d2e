// Paper constants of scenario "scqos" (paper 001, SPEC section 3).
import type { D3qnConfig } from '../../agents/rl/d3qn/config.ts';
import { DDPG_DEFAULTS, type DdpgConfig } from '../../agents/rl/ddpg/config.ts';
import type { DiscreteSacConfig } from '../../agents/rl/dsac/config.ts';
import type { HybridSacConfig } from '../../agents/rl/hybrid-sac/config.ts';
import { SAC_DEFAULTS, type SacConfig } from '../../agents/rl/sac/config.ts';
import { TD3_DEFAULTS, type Td3Config } from '../../agents/rl/td3/config.ts';
import { logDistancePathLossDb, type LogDistancePathLoss } from '../../models/channel/pathloss.ts';
import type { EmbeddingSourceConfig } from '../../models/semantic/embedding.ts';
import type { ScQosConfig } from '../../models/semantic/scqos.ts';
import type { Db, Metre } from '../../units.ts';
import { db, metre, seconds } from '../../units.ts';

/**
 * Paper 001 (scqos), Section VI and Table I: `PL = PL_ref - 10 phi log10(d / D_ref)` with
 * `PL_ref = 30 dB`, `phi = 3`, `D_ref = 1 m`.
 *
 * Sign convention: paper 001 writes this expression as the channel's *gain* in dB (it falls
 * with distance), and Table I lists the reference as "30 dB". Read literally that would be a
 * +30 dB gain at 1 m, which is not physical; the usual reading (and ours) is a 30 dB *loss* at
 * the reference distance, i.e. gain `-30 - 30 log10(d / 1 m)` dB. In the loss form of
 * `LogDistancePathLoss` that is `PL(d) = 30 + 30 log10(d / 1 m)` dB; `scqosPathGainDb` returns
 * the paper's gain form.
 */
export const SCQOS_PATH_LOSS: LogDistancePathLoss = { interceptDb: 30, exponent: 3, refDistance: metre(1) };

/**
 * Paper 001 path gain in dB, `PL_ref - 10 phi log10(d / D_ref)` with the reference read as
 * -30 dB (see `SCQOS_PATH_LOSS`): -30 dB at 1 m, -60 dB at 10 m.
 */
export const scqosPathGainDb = (d: Metre): Db => db(-logDistancePathLossDb(d, SCQOS_PATH_LOSS));

/**
 * Features per sentence embedding `F` (001 Table II: pool output 1 x 64): the embedding
 * dimension, and the feature count of the latency `G_u = n_u F / R_u` (001 eq. (16)).
 */
export const SCQOS_FEATURES = 64;

/**
 * The synthetic embedding source standing in for 001's Transformer + sentence embedder
 * (001 eqs. (1)-(2), Table II). 001 gives only the dimension; the rest are our choices.
 */
export const SCQOS_EMBEDDING_SOURCE: EmbeddingSourceConfig = Object.freeze({
  /** 001 Table II: pool output 1 x 64. */
  dimension: SCQOS_FEATURES,
  /** A dead ReLU unit; 001 gives no value. */
  zeroProbability: 0.1,
  /** Median non-zero feature 1, scale-free. */
  logMean: 0,
  /** Right-skewed with outliers (001 Fig. 2(a)). */
  logStd: 0.75,
  sentenceLogStd: 0.3,
});

/**
 * SC-QoS (001 eq. (17)) and reward (001 Section V-A, eqs. (20a-b)) parameters.
 * 001 Table I: `omega_P^S` = 1, `omega_P^G` = 10, `r_hat` = 3. `S_th` = 0.8 as in 001 Fig. 4
 * (Figs. 4-6 use 0.7-0.85). 001 gives no `G_th` or `phi_G`: `G_th` = 10 ms (192 bits need
 * 19.2 kbit/s), `phi_G` = 10 /s (a sentence at `G_th` costs 0.1). Latencies are capped at 1 s
 * (100 `G_th`) in (17) and (20b), so a user given no bandwidth gives a finite reward.
 */
export const SCQOS_REWARD: ScQosConfig = Object.freeze({
  similarityThreshold: 0.8,
  latencyThreshold: seconds(0.01),
  latencyCap: seconds(1),
  latencyWeight: 10,
  similarityPenaltyWeight: 1,
  latencyPenaltyWeight: 10,
  metReward: 3,
});

/**
 * 001 Table I: gamma 0.99, soft update 5e-3, target entropy -1, replay 2e4, learning rates
 * 1e-4 (actor, critics, entropy), 3 hidden layers of 512 neurons. Batch size is not given and
 * stays at SB3's 256.
 */
export const SAC_SCQOS_PAPER: SacConfig = {
  ...SAC_DEFAULTS,
  actorHiddenSizes: [512, 512, 512],
  criticHiddenSizes: [512, 512, 512],
  actorLearningRate: 1e-4,
  criticLearningRate: 1e-4,
  entropyLearningRate: 1e-4,
  gamma: 0.99,
  tau: 5e-3,
  targetEntropy: -1,
  bufferSize: 20_000,
};

/**
 * 001 Table III baseline: DDPG with policy and Q-network lr 2e-4, and the network shape and RL
 * settings of that paper's SAC (Table I: 3 hidden layers of 512, gamma 0.99, soft update 5e-3,
 * replay 2e4).
 */
export const DDPG_SCQOS_PAPER: DdpgConfig = {
  ...DDPG_DEFAULTS,
  actorHiddenSizes: [512, 512, 512],
  criticHiddenSizes: [512, 512, 512],
  actorLearningRate: 2e-4,
  criticLearningRate: 2e-4,
  gamma: 0.99,
  tau: 5e-3,
  bufferSize: 20_000,
};

/**
 * 001 Table III baseline: actor and critic lr 3e-4, with the network shape and RL settings of
 * that paper's SAC (Table I: 3 hidden layers of 512, gamma 0.99, soft update 5e-3, replay 2e4).
 */
export const TD3_SCQOS_PAPER: Td3Config = {
  ...TD3_DEFAULTS,
  actorHiddenSizes: [512, 512, 512],
  criticHiddenSizes: [512, 512, 512],
  actorLearningRate: 3e-4,
  criticLearningRate: 3e-4,
  gamma: 0.99,
  tau: 5e-3,
  bufferSize: 20_000,
};

/** 001 Table I (DRL network parameters) for the D-SAC half of the scqos agent. */
export const DSAC_SCQOS_PRESET: Partial<DiscreteSacConfig> = {
  learningRate: 1e-4,
  bufferSize: 20_000,
  gamma: 0.99,
  tau: 5e-3,
  hiddenSizes: [512, 512, 512],
  targetEntropy: -1,
};

/** 001 Table I (DRL network parameters) for the hybrid SAC agent (001 Algorithm 4). */
export const HYBRID_SAC_SCQOS_PRESET: Partial<HybridSacConfig> = {
  learningRate: 1e-4,
  bufferSize: 20_000,
  gamma: 0.99,
  tau: 5e-3,
  hiddenSizes: [512, 512, 512],
  targetEntropyContinuous: -1,
  targetEntropyDiscrete: -1,
};

/**
 * The D3QN baseline of the scqos paper (001): Table III gives lr 3e-4 and says layers and
 * neurons match SAC's (Table I: 3 hidden layers of 512); discount 0.99, replay 2e4 and soft
 * target updates with 5e-3 every step are SAC's Table I values, which the paper implies but does
 * not state for D3QN.
 */
export const D3QN_SCQOS_PRESET: Partial<D3qnConfig> = {
  learningRate: 3e-4,
  hiddenSizes: [512, 512, 512],
  gamma: 0.99,
  bufferSize: 20_000,
  tau: 5e-3,
  targetUpdateInterval: 1,
  trainFreq: 1,
  gradientSteps: 1,
  doubleQ: true,
};
