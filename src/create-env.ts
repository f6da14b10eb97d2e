import { SimEnv } from './envs/sim-env.ts';
import { SimParallelEnv, type SimEnvOptions } from './envs/sim-parallel-env.ts';
import { validateScenario } from './scenarios/loader.ts';

/**
 * A Gymnasium-shaped environment from a scenario object, as a scenario file would give it
 * (`{ scenario: 'toscn', budgets: { bandwidth_mhz: 2 } }`): validated, resolved and built.
 */
export function createEnv(scenario: Record<string, unknown>, options: SimEnvOptions = {}): SimEnv {
  const { plugin, file } = validateScenario(scenario, 'createEnv');
  return new SimEnv(plugin, plugin.resolve(file), options);
}

/** A PettingZoo-parallel-shaped environment from a scenario object (any number of agents). */
export function createParallelEnv(scenario: Record<string, unknown>, options: SimEnvOptions = {}): SimParallelEnv {
  const { plugin, file } = validateScenario(scenario, 'createParallelEnv');
  return new SimParallelEnv(plugin, plugin.resolve(file), options);
}
