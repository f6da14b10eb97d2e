/**
 * Dueling double DQN (D3QN): the DQN training loop of `../dqn/dqn.ts` with a
 * {@link DuelingQNetwork} and double-DQN targets
 * `y = r + gamma * Q_target(s', argmax_a Q_online(s', a))` (van Hasselt et al. 2016), which
 * removes the max operator's overestimation bias. The scqos paper (001) uses it as a baseline.
 */
import type { AgentEnvSpec } from '../../agent.ts';
import { RootRandom } from '../../../random/index.ts';
import { Dqn } from '../dqn/dqn.ts';
import type { DqnVariant } from '../dqn/dqn.ts';
import { D3QN_DEFAULTS } from './config.ts';
import type { D3qnConfig } from './config.ts';
import { duelingQNetwork } from './dueling.ts';

export const D3QN_VARIANT: DqnVariant = { name: 'd3qn', defaults: D3QN_DEFAULTS, network: duelingQNetwork };

export class D3qn extends Dqn {
  constructor(spec: AgentEnvSpec, config: Partial<D3qnConfig> = {}, random: RootRandom = new RootRandom(0)) {
    super(spec, config, random, D3QN_VARIANT);
  }
}
