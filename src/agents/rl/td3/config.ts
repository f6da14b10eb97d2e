import { z } from 'zod';
import { checkConfig, deterministicActorShape, integerIn } from '../../common/config-schema.ts';
import type { NoiseConfig } from '../../common/noise.ts';
import type { OffPolicyConfig } from '../../common/off-policy.ts';

/**
 * TD3 hyperparameters (Fujimoto et al. 2018, "Addressing Function Approximation Error in
 * Actor-Critic Methods"). Defaults are SB3's `TD3` (stable-baselines3 v2) unless a field says otherwise.
 */
export interface Td3Config extends OffPolicyConfig {
  /** Hidden widths of the actor. SB3 TD3 `net_arch`: [400, 300]. */
  readonly actorHiddenSizes: readonly number[];
  /** Hidden widths of each of the two critics. SB3: [400, 300]. */
  readonly criticHiddenSizes: readonly number[];
  /** Adam step size of the actor. SB3 `learning_rate`: 1e-3. */
  readonly actorLearningRate: number;
  /** Adam step size of the twin critics (one optimiser over both). SB3: 1e-3. */
  readonly criticLearningRate: number;
  /** Actor and target updates happen every this many critic steps. SB3 `policy_delay`: 2. */
  readonly policyDelay: number;
  /** Std of the Gaussian smoothing noise on target actions (unit box). SB3 `target_policy_noise`: 0.2. */
  readonly targetPolicyNoise: number;
  /** Smoothing noise is clipped to [-c, c]. SB3 `target_noise_clip`: 0.5. */
  readonly targetNoiseClip: number;
  /** Exploration noise (unit box). SB3 default is none; RL Zoo uses Gaussian N(0, 0.1), as we do. */
  readonly noise: NoiseConfig;
  /** Last-layer init range U(-s, s) (Lillicrap et al. 2016: 3e-3); `undefined` = Mlp default. */
  readonly finalLayerInitScale?: number;
  /** Adam epsilon. PyTorch's (SB3's) default 1e-8. */
  readonly adamEpsilon: number;
  /** lambda of the actor-loss penalty on pre-tanh outputs, as DDPG's `preTanhPenalty` (ours; 0 = off). */
  readonly preTanhPenalty?: number;
}

/**
 * SB3 `TD3` defaults, with `bufferSize` 1e5 instead of 1e6 (memory; see DDPG_DEFAULTS):
 * gamma 0.99, tau 0.005, batch 256, learning starts 100, one gradient step per env step.
 */
export const TD3_DEFAULTS: Td3Config = {
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
  policyDelay: 2,
  targetPolicyNoise: 0.2,
  targetNoiseClip: 0.5,
  noise: { kind: 'gaussian', std: 0.1 },
  finalLayerInitScale: 3e-3,
  adamEpsilon: 1e-8,
  preTanhPenalty: 0,
};

/** What a TD3 config may hold (`agentConfig.td3` is checked against it, partially). */
export const TD3_CONFIG_SCHEMA = z
  .object({
    ...deterministicActorShape,
    policyDelay: integerIn(1, 1000),
    targetPolicyNoise: z.number().min(0).max(10),
    targetNoiseClip: z.number().min(0).max(10),
  })
  .strict() satisfies z.ZodType<Td3Config>;

/** Defaults overridden by `partial`, validated. */
export function resolveTd3Config(partial: Partial<Td3Config> = {}): Td3Config {
  const c: Td3Config = { ...TD3_DEFAULTS, ...partial };
  checkConfig(TD3_CONFIG_SCHEMA, c, 'td3');
  return c;
}
