import { DDPG_DEFAULTS, type DdpgConfig } from '../../agents/rl/ddpg/config.ts';

/**
 * 003 Table I (scenario "toscn"): actor lr 3e-4, critic lr 5e-4, soft update 0.01, replay
 * capacity 150, batch 64, discount 0.9, Gaussian behaviour noise N(0, 0.1). The paper gives
 * no network sizes or warm-up; those stay at the SB3 defaults.
 */
export const DDPG_TOSCN_PAPER: DdpgConfig = {
  ...DDPG_DEFAULTS,
  actorLearningRate: 3e-4,
  criticLearningRate: 5e-4,
  tau: 0.01,
  bufferSize: 150,
  batchSize: 64,
  gamma: 0.9,
  noise: { kind: 'gaussian', std: 0.1 },
};

/** Synchronous workers of 003's A3C baseline, run as A2C. */
export const A2C_WORKERS = 4;
