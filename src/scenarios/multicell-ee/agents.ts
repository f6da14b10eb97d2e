import { DQN_CONFIG_SCHEMA, DQN_DEFAULTS } from '../../agents/rl/dqn/config.ts';
import { Dqn } from '../../agents/rl/dqn/dqn.ts';
import { DRQN_CONFIG_SCHEMA, DRQN_DEFAULTS } from '../../agents/rl/drqn/config.ts';
import { Drqn } from '../../agents/rl/drqn/drqn.ts';
import type { AgentEntry } from '../plugin.ts';
import { multicellGreedy, multicellRandom } from './baselines.ts';
import { DQN_MULTICELL_PRESET, DRQN_MULTICELL_PRESET } from './constants.ts';
import type { MulticellParams } from './params.ts';

const DQN_CONFIG = { ...DQN_DEFAULTS, ...DQN_MULTICELL_PRESET };
const DRQN_CONFIG = { ...DRQN_DEFAULTS, ...DRQN_MULTICELL_PRESET };

/**
 * multicell-ee's agents (004 Section 5.2). Each names a team: one independent instance per BS
 * (agent ids `bs/0`, `bs/1`, ...), acting on its own observation (eq. 17) with the joint action
 * power level x symbols per word, all rewarded with the shared system EE (eq. 20).
 */
export const MULTICELL_AGENTS: Readonly<Record<string, AgentEntry<MulticellParams>>> = {
  drqn: {
    learns: true,
    description: 'DRQN-MARL (proposed): an LSTM DRQN per BS, 004 Table 2 (memory 500, batch 32, sequence 8, lr 5e-4 decay 1e-4, gamma 0.5, adaptive epsilon [0.1, 0.6], target every 100 steps)',
    config: DRQN_CONFIG,
    configSchema: DRQN_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new Drqn(spec, { ...DRQN_CONFIG, ...overrides }, random),
  },
  dqn: {
    learns: true,
    description: 'DQN-MARL: a DQN per BS (hidden 64, 32), 004 Table 2 hyperparameters',
    config: DQN_CONFIG,
    configSchema: DQN_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new Dqn(spec, { ...DQN_CONFIG, ...overrides }, random),
  },
  'dqn-no-energy': {
    learns: true,
    description: 'DQN-MARL w/o EC: the same DQN per BS rewarded by the sum of QoE, without the power term',
    config: DQN_CONFIG,
    configSchema: DQN_CONFIG_SCHEMA,
    learningReward: (_reward, info) => info.sumQoe ?? 0,
    create: ({ spec, random, overrides }) => new Dqn(spec, { ...DQN_CONFIG, ...overrides }, random),
  },
  greedy: {
    learns: false,
    description: 'greedy: p_max every slot; symbols per word that maximise a nominal user QoE at the observed SINR',
    create: ({ params }) => multicellGreedy(params),
  },
  random: {
    learns: false,
    description: 'two-step random: power level and symbols per word drawn separately and uniformly every slot',
    create: ({ params, random }) => multicellRandom(params, random),
  },
};
