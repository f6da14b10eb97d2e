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
