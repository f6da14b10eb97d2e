import { BASELINES } from './baselines/index.ts';
import { registerAgent } from './registry.ts';
import { A2c } from './rl/a2c/a2c.ts';
import { Ddpg } from './rl/ddpg/ddpg.ts';
import { DDPG_TOSCN_PAPER } from './rl/ddpg/config.ts';
import { PinnedActionAgent } from './wrappers/pinned-action.ts';

/**
 * Registers the built-in agents of the toscn scenario (003 Section IV-A). Kept apart from the
 * registry so that the registry module does not depend on every agent.
 *
 * - `ddpg`: the proposed scheme, 003 Table I hyperparameters.
 * - `greedy`, `greedy-compression`: 003's greedy schemes as the paper builds them — the same
 *   DDPG with discount 0 (myopic), the first with the compression ratio pinned to 0.
 * - `planner`, `planner-compression`: the exact one-slot optimum of those greedy objectives,
 *   solved from the observation with the scenario's physics (model-based, training-free): a
 *   stronger reference than the paper's learned greedy schemes.
 * - `a2c`: 003's A3C baseline as synchronous A2C with 4 workers.
 * - `random`: uniform actions.
 */
registerAgent('greedy', {
  learns: true,
  description: "003's greedy scheme: DDPG with discount 0 and compression pinned to 0 (maximises this slot's packets)",
  create: (spec, params, random, overrides) => {
    const inner = new Ddpg(spec, { ...DDPG_TOSCN_PAPER, gamma: 0, ...overrides }, random);
    const pins = new Map(Array.from({ length: params.devices }, (_, u) => [u, -1] as [number, number]));
    return new PinnedActionAgent('greedy', inner, pins);
  },
});
const A2C_WORKERS = 4;
registerAgent('a2c', {
  learns: true,
  workers: A2C_WORKERS,
  description: "003's A3C baseline as synchronous A2C: 4 environments stepped in turn, n-step returns, discount 0.9",
  create: (spec, _params, random, overrides) => new A2c(spec, { numEnvs: A2C_WORKERS, gamma: 0.9, ...overrides }, random),
});
registerAgent('greedy-compression', {
  learns: true,
  description: "003's greedy scheme with compression: DDPG with discount 0 (maximises this slot's task efficiency)",
  create: (spec, _params, random, overrides) => new Ddpg(spec, { ...DDPG_TOSCN_PAPER, gamma: 0, ...overrides }, random),
});

const PLANNER_NAMES: Record<string, { name: string; description: string }> = {
  greedy: { name: 'planner', description: "exact one-slot optimum without compression (model-based; stronger than 003's greedy)" },
  'greedy-compression': {
    name: 'planner-compression',
    description: "exact one-slot optimum of the task efficiency subject to A_min (model-based; stronger than 003's greedy)",
  },
  random: { name: 'random', description: 'uniform random actions in the action box (seeded)' },
};

for (const [key, create] of Object.entries(BASELINES)) {
  const { name, description } = PLANNER_NAMES[key] ?? { name: key, description: key };
  registerAgent(name, { learns: false, description, create: (spec, params, random, overrides) => create(spec, params, overrides, random) });
}
