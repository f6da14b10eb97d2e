import { z } from 'zod';
import { checkConfig, deterministicActorShape } from '../../common/config-schema.ts';
import type { NoiseConfig } from '../../common/noise.ts';
import type { OffPolicyConfig } from '../../common/off-policy.ts';

/**
 * DDPG hyperparameters (Lillicrap et al. 2016; 003 eqs. 24-34). Defaults are SB3's `DDPG`
 * (stable-baselines3 v2, which shares TD3's implementation) unless a field says otherwise.
 */
export interface DdpgConfig extends OffPolicyConfig {
  /** Hidden widths of the actor mu(s). SB3 TD3/DDPG `net_arch`: [400, 300]. */
  readonly actorHiddenSizes: readonly number[];
  /** Hidden widths of the critic C(s, a) (input: observation and action concatenated). SB3: [400, 300]. */
  readonly criticHiddenSizes: readonly number[];
  /** Adam step size of the actor, alpha_actor in (32). SB3 `learning_rate`: 1e-3. */
  readonly actorLearningRate: number;
  /** Adam step size of the critic (loss (28)). SB3 `learning_rate`: 1e-3. */
  readonly criticLearningRate: number;
  /**
   * Behaviour noise N_t of (24), added in the unit action box and clipped to it. SB3's
   * default is no noise, which rarely explores; we default to the RL Zoo's and 003's choice,
   * Gaussian N(0, 0.1).
   */
  readonly noise: NoiseConfig;
  /**
   * The last layer of actor and critic starts in U(-s, s) so early actions sit near the box
   * centre and tanh is not saturated (Lillicrap et al. 2016, Sec. 7: 3e-3). SB3 uses PyTorch's
   * default init instead; `undefined` selects the Mlp's default init.
   */
  readonly finalLayerInitScale?: number;
  /** Adam epsilon. PyTorch's (SB3's) default 1e-8; TF.js would otherwise use 1e-7. */
  readonly adamEpsilon: number;
  /**
   * lambda of an actor-loss term lambda x mean(u^2) on the pre-tanh outputs u (ours, not in
   * 003 or SB3; 0 = off). A saturated tanh passes almost no gradient, so once the critic has
   * pushed an output into a corner of the box it stays there; the term pulls u back unless the
   * critic's gain outweighs it (issue 14: toscn's DDPG policy sat in one corner).
   */
  readonly preTanhPenalty?: number;
}

/**
 * SB3 `DDPG` defaults. `bufferSize` is 1e5 instead of SB3's 1e6: a million transitions of a
 * scenario observation do not fit comfortably in memory, and no task here runs that long.
 * `gamma` 0.99, `tau` 0.005, `batchSize` 256, `learningStarts` 100, one gradient step per env step.
 */
export const DDPG_DEFAULTS: DdpgConfig = {
  actorHiddenSizes: [400, 300],
  criticHiddenSizes: [400, 300],
  actorLearningRate: 1e-3,
  criticLearningRate: 1e-3,
  bufferSize: 100_000,
  learningStarts: 100,
  batchSize: 256,
  gamma: 0.99,
  tau: 0.005,
  trainFreq: 1,
  gradientSteps: 1,
  noise: { kind: 'gaussian', std: 0.1 },
  finalLayerInitScale: 3e-3,
  adamEpsilon: 1e-8,
  preTanhPenalty: 0,
};

/** What a DDPG config may hold (`agentConfig.ddpg` is checked against it, partially). */
export const DDPG_CONFIG_SCHEMA = z
  .object({
    ...deterministicActorShape,
  })
  .strict() satisfies z.ZodType<DdpgConfig>;

/** Defaults overridden by `partial`, validated. */
export function resolveDdpgConfig(partial: Partial<DdpgConfig> = {}): DdpgConfig {
  const c: DdpgConfig = { ...DDPG_DEFAULTS, ...partial };
  checkConfig(DDPG_CONFIG_SCHEMA, c, 'ddpg');
  return c;
}
