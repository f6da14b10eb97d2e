import type { NoiseConfig } from '../../common/noise.ts';
import { validateOffPolicy } from '../../common/off-policy.ts';
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
  readonly finalLayerInitScale: number | undefined;
  /** Adam epsilon. PyTorch's (SB3's) default 1e-8. */
  readonly adamEpsilon: number;
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
};

/** Defaults overridden by `partial`, validated. */
export function resolveTd3Config(partial: Partial<Td3Config> = {}): Td3Config {
  const c: Td3Config = { ...TD3_DEFAULTS, ...partial };
  validateOffPolicy(c, 'td3');
  if (!Number.isInteger(c.policyDelay) || c.policyDelay < 1) throw new RangeError(`td3: policyDelay must be a positive integer, got ${c.policyDelay}`);
  for (const k of ['actorLearningRate', 'criticLearningRate', 'adamEpsilon'] as const) {
    if (!(c[k] > 0) || !Number.isFinite(c[k])) throw new RangeError(`td3: ${k} must be > 0, got ${c[k]}`);
  }
  for (const k of ['targetPolicyNoise', 'targetNoiseClip'] as const) {
    if (!(c[k] >= 0) || !Number.isFinite(c[k])) throw new RangeError(`td3: ${k} must be >= 0, got ${c[k]}`);
  }
  return c;
}
