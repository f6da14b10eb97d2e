import { z } from 'zod';
import { integerIn } from '../../../agents/common/config-schema.ts';
import type { AgentEnvSpec } from '../../../agents/agent.ts';
import type { Action } from '../../../agents/common/spaces.ts';
import { RootRandom, type RandomStream } from '../../../random/index.ts';
import type { ToscnParams } from '../params.ts';
import { resolveBaselineConfig, ToscnBaseline } from './base.ts';

/** Config of the random baseline. */
export type RandomBaselineConfig = {
  /**
   * Root seed used only when no `RootRandom` is passed to the constructor (ours; 0). With a
   * root, the draws come from its `agent/random` stream, like every other agent's streams.
   */
  readonly seed: number;
};

export const RANDOM_BASELINE_DEFAULTS: RandomBaselineConfig = Object.freeze({ seed: 0 });

/** What `agentConfig.random` may hold. */
export const RANDOM_BASELINE_CONFIG_SCHEMA = z.object({ seed: integerIn(0, 0xffffffff) }).strict() satisfies z.ZodType<RandomBaselineConfig>;

/**
 * The random baseline: every action entry uniform in [-1, 1] (compression, bandwidth and power
 * logits alike), in explore and evaluation mode. A floor for every comparison; the only
 * baseline that may break the accuracy floor (large random compression).
 *
 * The draw position is not saved: `load` restores the config, not the stream.
 */
export class RandomBaseline extends ToscnBaseline<RandomBaselineConfig> {
  private readonly stream: RandomStream;

  constructor(spec: AgentEnvSpec, params: ToscnParams, config: Partial<RandomBaselineConfig> = {}, random?: RootRandom) {
    const c = resolveRandom(config);
    super('random', spec, params, c);
    this.stream = (random ?? new RootRandom(c.seed)).stream('agent/random');
  }

  act(_observation: Float32Array, _explore: boolean): Action {
    const action = new Float32Array(3 * this.params.devices);
    // Math.fround can round 1 - 2^-53 up to 1, still inside the box.
    for (let i = 0; i < action.length; i++) action[i] = this.stream.uniformIn(-1, 1);
    return { continuous: action };
  }

  protected resolve(overrides: Record<string, unknown>): RandomBaselineConfig {
    return resolveRandom(overrides);
  }
}

function resolveRandom(overrides: Record<string, unknown>): RandomBaselineConfig {
  const c = resolveBaselineConfig('random', RANDOM_BASELINE_DEFAULTS, RANDOM_BASELINE_CONFIG_SCHEMA, overrides);
  return c;
}
