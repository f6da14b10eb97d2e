import type { Action } from '../../agents/common/spaces.ts';
import { DQN_CONFIG_SCHEMA, DQN_DEFAULTS, type DqnConfig } from '../../agents/rl/dqn/config.ts';
import { Dqn } from '../../agents/rl/dqn/dqn.ts';
import { RuleAgent } from '../../agents/wrappers/rule-agent.ts';
import type { AgentEntry } from '../plugin.ts';
import type { EdgeQueueParams } from './schema.ts';

/** An action choosing rate level `a`. */
const level = (a: number): Action => ({ discrete: Int32Array.of(a) });

/** DQN per device: RL Zoo's set (`DQN_DEFAULTS`) with a shorter horizon and smaller nets. */
export const DQN_EDGE: DqnConfig = { ...DQN_DEFAULTS, gamma: 0.9, hiddenSizes: [64, 64] };

/** edge-queue's agents. A team has one instance per device (`device/<k>`), each with its own random root. */
export const EDGE_AGENTS: Readonly<Record<string, AgentEntry<EdgeQueueParams>>> = {
  dqn: {
    learns: true,
    description: 'DQN per device: independent learners, each on its own reward',
    config: DQN_EDGE,
    configSchema: DQN_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new Dqn(spec, { ...DQN_EDGE, ...overrides }, random),
  },
  greedy: {
    learns: false,
    description: 'offers its whole queue (up to level L-1): most packets this slot, whatever the energy and the congestion',
    create: ({ params: p }) => new RuleAgent('greedy', (obs) => level(Math.min(p.levels - 1, Math.round(obs[0] * p.bufferCapacity_packets)))),
  },
  random: {
    learns: false,
    description: 'a uniform random rate level every slot (seeded)',
    create: ({ params, random }) => {
      const stream = random.stream('agent/random');
      return new RuleAgent('random', () => level(stream.int(params.levels)));
    },
  },
};
