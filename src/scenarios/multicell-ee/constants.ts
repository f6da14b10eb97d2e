// Paper constants of scenario "multicell-ee" (paper 004); this folder will hold the full plug-in.
import type { DqnConfig } from '../../agents/rl/dqn/config.ts';
import type { DrqnConfig } from '../../agents/rl/drqn/config.ts';
import { logDistancePathLossDb, type LogDistancePathLoss } from '../../models/channel/pathloss.ts';
import type { PowerModelConfig } from '../../models/semantic/energy.ts';
import type { QoeConfig, SemanticRateConfig } from '../../models/semantic/qoe.ts';
import type { SimilaritySurrogateConfig } from '../../models/semantic/similarity-surrogate.ts';
import type { Db, Metre } from '../../units.ts';
import { metre, watt } from '../../units.ts';

/**
 * Paper 004 (multicell-ee), Section 5.1: `beta = 120.9 + 37.6 log10(d_km)` dB, distance in km.
 */
export const MULTICELL_PATH_LOSS: LogDistancePathLoss = { interceptDb: 120.9, exponent: 3.76, refDistance: metre(1000) };

/** Paper 004 path loss `120.9 + 37.6 log10(d_km)` dB; `d` in metres. */
export const pathLossMulticellDb = (d: Metre): Db => logDistancePathLossDb(d, MULTICELL_PATH_LOSS);

// dBW -> W is 10^(x/10); dBm -> W is 10^((x-30)/10). Kept local so this file has no
// dependency on the phy unit helpers.
/**
 * The fixed power terms of 004 eq. (7) from 004 Table 1: `P_BS` = 9 dBW = 7.943 W,
 * `P_UT` = 10 dBm = 10 mW, `P_AI` = 5 dBm = 3.162 mW.
 */
export const MULTICELL_POWER_MODEL: PowerModelConfig = Object.freeze({
  baseStationHardware: watt(10 ** (9 / 10)),
  terminal: watt(10 ** ((10 - 30) / 10)),
  semanticCodec: watt(10 ** ((5 - 30) / 10)),
});

/**
 * Semantic rate of 004 eq. (6): entropy `H~` = 4 (004 Table 1). 004 gives no text length
 * `Q^txt`; 10 is our choice, so that the normalised rate `H / (Q k)` crosses the requirement
 * band [0.8, 0.9] inside the compression codebook (at k ~ 0.47), which makes rate and accuracy
 * trade off.
 */
export const MULTICELL_SEMANTIC_RATE: SemanticRateConfig = Object.freeze({ entropy: 4, textLength: 10 });

/**
 * QoE of 004 eq. (8). 004 gives no balance or growth factors: `w` = 0.5, `alpha` = 10 (rate
 * satisfaction 0.73 at +0.1 above the requirement), `beta` = 20 (accuracy satisfaction 0.88 at
 * +0.1 above the requirement). Requirements inside 004 Table 1's ranges: `varsigma_req` = 0.85
 * (the midpoint of [0.8, 0.9]), `xi_req` = 0.9 (of [80, 100] %).
 */
export const MULTICELL_QOE: QoeConfig = Object.freeze({
  rateWeight: 0.5,
  rateGrowth: 10,
  accuracyGrowth: 20,
  rateRequirement: 0.85,
  accuracyRequirement: 0.9,
});

/**
 * The semantic-accuracy surrogate standing in for 004 eq. (5). 004 publishes no curve; these
 * documented choices mimic DeepSC's similarity-vs-SNR shape (a floor at very low SNR, a knee a
 * few dB wide, a ceiling that rises with the symbols per word).
 */
export const MULTICELL_SIMILARITY_SURROGATE: SimilaritySurrogateConfig = Object.freeze({
  /** Unrelated sentences still share words. */
  floor: 0.1,
  /** Almost everything compressed away at `k -> 0`. */
  ceilingAtZeroK: 0.4,
  /** DeepSC's high-SNR similarity. */
  ceilingMax: 0.98,
  ceilingScale: 0.25,
  midpointDbAtZeroK: 8,
  /** More redundancy survives lower SINR at `k = 1`. */
  midpointDbAtFullK: 0,
  widthDb: 3,
});

/**
 * The per-base-station DQN of the multi-cell EE paper (004, Table 2): memory 500, batch 32,
 * lr 5e-4 with decay 1e-4, discount 0.5, adaptive epsilon in [0.1, 0.6], target update every
 * 100 steps, depth 3 (two hidden layers of 64 and 32 plus the output), ReLU. Algorithm 1 acts
 * randomly until the first target update (T_b = 100 steps) and trains on every step; eq. (15)
 * is a squared loss. The paper does not name the adaptive rule: see `AdaptiveEpsilonConfig`.
 */
export const DQN_MULTICELL_PRESET: Partial<DqnConfig> = {
  learningRate: 5e-4,
  learningRateDecay: 1e-4,
  bufferSize: 500,
  learningStarts: 100,
  batchSize: 32,
  gamma: 0.5,
  trainFreq: 1,
  gradientSteps: 1,
  targetUpdateInterval: 100,
  tau: 1,
  exploration: { kind: 'adaptive', min: 0.1, max: 0.6, sigma: 1, delta: 0.01 },
  hiddenSizes: [64, 32],
  activation: 'relu',
  loss: 'mse',
};

/** 004 Table 2 / Algorithm 1, per base station (see `DQN_MULTICELL_PRESET` for the shared choices). */
export const DRQN_MULTICELL_PRESET: Partial<DrqnConfig> = {
  learningRate: 5e-4,
  learningRateDecay: 1e-4,
  bufferSize: 500,
  sequenceLength: 8,
  learningStarts: 100,
  batchSize: 32,
  gamma: 0.5,
  trainFreq: 1,
  gradientSteps: 1,
  targetUpdateInterval: 100,
  exploration: { kind: 'adaptive', min: 0.1, max: 0.6, sigma: 1, delta: 0.01 },
  preHiddenSizes: [64],
  lstmSize: 32,
  loss: 'mse',
};
