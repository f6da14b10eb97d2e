import { PinnedActionAgent } from '../../agents/wrappers/pinned-action.ts';
import { A2C_CONFIG_SCHEMA } from '../../agents/rl/a2c/config.ts';
import { DDPG_CONFIG_SCHEMA } from '../../agents/rl/ddpg/config.ts';
import { A2c } from '../../agents/rl/a2c/a2c.ts';
import { Ddpg } from '../../agents/rl/ddpg/ddpg.ts';
import { TD3_CONFIG_SCHEMA } from '../../agents/rl/td3/config.ts';
import { Td3 } from '../../agents/rl/td3/td3.ts';
import type { AgentEntry } from '../plugin.ts';
import { GreedyBaseline, GREEDY_CONFIG_SCHEMA, GREEDY_DEFAULTS } from './baselines/greedy.ts';
import { GreedyCompressionBaseline, GREEDY_COMPRESSION_CONFIG_SCHEMA, GREEDY_COMPRESSION_DEFAULTS } from './baselines/greedy-compression.ts';
import { RandomBaseline, RANDOM_BASELINE_CONFIG_SCHEMA, RANDOM_BASELINE_DEFAULTS } from './baselines/random.ts';
import { ConstantBaseline, CONSTANT_CONFIG_SCHEMA, CONSTANT_DEFAULTS } from './baselines/constant.ts';
import { A2C_TOSCN, A2C_WORKERS, DDPG_TOSCN, TD3_TOSCN } from './constants.ts';
import type { ToscnParams } from './params.ts';

/**
 * toscn's agents (003 Section IV-A):
 * - `ddpg`: the proposed scheme, 003 Table I hyperparameters.
 * - `greedy`, `greedy-compression`: 003's greedy schemes as the paper builds them — the same
 *   DDPG with discount 0 (myopic), the first with the compression ratio pinned to 0.
 * - `planner`, `planner-compression`: the exact one-slot optimum of those greedy objectives,
 *   solved from the observation with the scenario's physics (model-based, training-free): a
 *   stronger reference than the paper's learned greedy schemes.
 * - `td3`: not in 003; DDPG's settings with TD3's twin critics and delayed actor updates.
 * - `a2c`: 003's A3C baseline as synchronous A2C with 4 workers.
 * - `random`: uniform actions.
 * - `constant`: the best state-blind policy (equal shares, one compression ratio), searched on
 *   the training seeds: the reference a learning agent must beat (issue 14).
 */
export const TOSCN_AGENTS: Readonly<Record<string, AgentEntry<ToscnParams>>> = {
  ddpg: {
    learns: true,
    description: 'DDPG with 003 Table I hyperparameters (actor 3e-4, critic 5e-4, tau 0.01, replay 150, batch 64, gamma 0.9, N(0, 0.1) noise) plus a pre-tanh penalty 1 (ours; keeps the policy out of the corners of its box)',
    config: DDPG_TOSCN,
    configSchema: DDPG_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new Ddpg(spec, { ...DDPG_TOSCN, ...overrides }, random),
  },
  a2c: {
    learns: true,
    workers: A2C_WORKERS,
    description: "003's A3C baseline as synchronous A2C: 4 environments stepped in turn, n-step returns, discount 0.9, initial policy std 0.37, standardised advantages",
    config: A2C_TOSCN,
    // The pipeline steps `workers` environments and the agent keeps one rollout per env: the two must agree.
    configSchema: A2C_CONFIG_SCHEMA.refine((c) => c.numEnvs === A2C_WORKERS, {
      path: ['numEnvs'],
      message: `must be ${A2C_WORKERS}: toscn trains a2c on ${A2C_WORKERS} environments stepped in turn`,
    }),
    create: ({ spec, random, overrides }) => new A2c(spec, { ...A2C_TOSCN, ...overrides }, random),
  },
  td3: {
    learns: true,
    description: "TD3 (not in 003) with toscn's DDPG settings (003 Table I rates, replay 150, batch 64, gamma 0.9, pre-tanh penalty 1), twin critics, delayed actor updates",
    config: TD3_TOSCN,
    configSchema: TD3_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new Td3(spec, { ...TD3_TOSCN, ...overrides }, random),
  },
  greedy: {
    learns: true,
    description: "003's greedy scheme: DDPG with discount 0 and compression pinned to 0 (maximises this slot's packets)",
    config: DDPG_TOSCN,
    configSchema: DDPG_CONFIG_SCHEMA,
    create: ({ spec, params, random, overrides }) => {
      const inner = new Ddpg(spec, { ...DDPG_TOSCN, gamma: 0, ...overrides }, random);
      const pins = new Map(Array.from({ length: params.devices }, (_, u) => [u, -1] as [number, number]));
      return new PinnedActionAgent('greedy', inner, pins);
    },
  },
  'greedy-compression': {
    learns: true,
    description: "003's greedy scheme with compression: DDPG with discount 0 (maximises this slot's task efficiency)",
    config: DDPG_TOSCN,
    configSchema: DDPG_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new Ddpg(spec, { ...DDPG_TOSCN, gamma: 0, ...overrides }, random),
  },
  planner: {
    learns: false,
    description: "exact one-slot optimum without compression (model-based; stronger than 003's greedy)",
    config: GREEDY_DEFAULTS,
    configSchema: GREEDY_CONFIG_SCHEMA,
    create: ({ spec, params, random, overrides }) => new GreedyBaseline(spec, params, overrides, random),
  },
  'planner-compression': {
    learns: false,
    description: "exact one-slot optimum of the task efficiency subject to A_min (model-based; stronger than 003's greedy)",
    config: GREEDY_COMPRESSION_DEFAULTS,
    configSchema: GREEDY_COMPRESSION_CONFIG_SCHEMA,
    create: ({ spec, params, random, overrides }) => new GreedyCompressionBaseline(spec, params, overrides, random),
  },
  constant: {
    learns: true,
    stateIndependent: true,
    description: 'best constant action: equal shares x one compression ratio, searched over a grid on the training seeds only',
    config: CONSTANT_DEFAULTS,
    configSchema: CONSTANT_CONFIG_SCHEMA,
    create: ({ spec, params, overrides }) => new ConstantBaseline(spec, params, overrides),
  },
  random: {
    learns: false,
    description: 'uniform random actions in the action box (seeded)',
    config: RANDOM_BASELINE_DEFAULTS,
    configSchema: RANDOM_BASELINE_CONFIG_SCHEMA,
    create: ({ spec, params, random, overrides }) => new RandomBaseline(spec, params, overrides, random),
  },
};
