import { DQN_DEFAULTS } from '../dqn/config';
import type { DqnConfig } from '../dqn/config';

/**
 * D3QN = dueling network + double-DQN targets, trained by the DQN loop, so its config is a
 * {@link DqnConfig} with `doubleQ: true`. Defaults: the RL Zoo CartPole DQN set with 001's
 * D3QN learning rate (Table III: 3e-4).
 */
export type D3qnConfig = DqnConfig;

export const D3QN_DEFAULTS: D3qnConfig = { ...DQN_DEFAULTS, learningRate: 3e-4, doubleQ: true };

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
