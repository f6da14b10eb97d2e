import { DQN_DEFAULTS } from '../dqn/config.ts';
import type { DqnConfig } from '../dqn/config.ts';

/**
 * D3QN = dueling network + double-DQN targets, trained by the DQN loop, so its config is a
 * {@link DqnConfig} with `doubleQ: true`. Defaults: the RL Zoo CartPole DQN set with 001's
 * D3QN learning rate (Table III: 3e-4).
 */
export type D3qnConfig = DqnConfig;

export const D3QN_DEFAULTS: D3qnConfig = { ...DQN_DEFAULTS, learningRate: 3e-4, doubleQ: true };

/**
 * D3QN on CartPole-v1 in 5e4 steps (the `verify:agents` case): the Zoo DQN loop with the Zoo's
 * lr 2.3e-3 annealed linearly to 0 over the run, the Zoo's `lin_<lr>` form. With a constant
 * lr, runs reach 500 and slide back to a ~100-step policy before the end; the anneal holds
 * what was learned. Chosen on seeds 100-119 with `bench/reference/dqn_family_sweep.py`,
 * validated on seeds 0-9 (docs/agents.md). The anneal length must match the training budget.
 */
export const D3QN_CARTPOLE_PRESET: Partial<D3qnConfig> = { learningRate: 2.3e-3, learningRateAnnealSteps: 50_000 };

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
