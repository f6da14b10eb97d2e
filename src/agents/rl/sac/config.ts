import { z } from 'zod';
import { actorCriticShape, checkConfig, integerIn, learningRate, targetEntropy } from '../../common/config-schema.ts';
import type { OffPolicyConfig } from '../../common/off-policy.ts';

/**
 * SAC hyperparameters (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications",
 * with learned temperature; 001 eqs. 21-23). Defaults are SB3's `SAC` (stable-baselines3 v2)
 * unless a field says otherwise.
 */
export interface SacConfig extends OffPolicyConfig {
  /** Hidden widths of the policy network (outputs mean and log-std). SB3 SAC `net_arch`: [256, 256]. */
  readonly actorHiddenSizes: readonly number[];
  /** Hidden widths of each of the two soft Q networks. SB3: [256, 256]. */
  readonly criticHiddenSizes: readonly number[];
  /** Adam step size of the policy, loss (21). SB3 `learning_rate`: 3e-4. */
  readonly actorLearningRate: number;
  /** Adam step size of the twin critics, loss (22). SB3: 3e-4. */
  readonly criticLearningRate: number;
  /** Adam step size of log(alpha), loss (23). SB3: 3e-4 (the shared `learning_rate`). */
  readonly entropyLearningRate: number;
  /** Temperature alpha: `'auto'` learns it by (23); a number fixes it. SB3 `ent_coef`: 'auto'. */
  readonly entCoef: 'auto' | number;
  /** Starting alpha when learned. SB3 `'auto'` starts at 1.0. */
  readonly initialEntCoef: number;
  /** Target entropy H~ of (23); `'auto'` = -|A| (SB3 and Haarnoja et al.). */
  readonly targetEntropy: 'auto' | number;
  /** Soft-update the target critics every this many gradient steps. SB3 `target_update_interval`: 1. */
  readonly targetUpdateInterval: number;
  /** Clamp range of the policy's log-std. SB3 `LOG_STD_MIN`/`LOG_STD_MAX`: -20, 2. */
  readonly logStdMin: number;
  readonly logStdMax: number;
  /**
   * Last-layer init range U(-s, s) of all nets, so the initial policy is centred with unit
   * std and tanh is not saturated (rlkit's SAC uses 3e-3); `undefined` = Mlp default init.
   */
  readonly finalLayerInitScale?: number;
  /** Adam epsilon. PyTorch's (SB3's) default 1e-8. */
  readonly adamEpsilon: number;
}

/**
 * SB3 `SAC` defaults: lr 3e-4, batch 256, tau 0.005, gamma 0.99, learning starts 100, one
 * gradient step per env step, alpha learned from 1.0 towards entropy -|A|. `bufferSize` is
 * 1e5 instead of SB3's 1e6 (a million scenario transitions would not fit comfortably in memory).
 */
export const SAC_DEFAULTS: SacConfig = {
  actorHiddenSizes: [256, 256],
  criticHiddenSizes: [256, 256],
  actorLearningRate: 3e-4,
  criticLearningRate: 3e-4,
  entropyLearningRate: 3e-4,
  bufferSize: 100_000,
  learningStarts: 100,
  batchSize: 256,
  gamma: 0.99,
  tau: 0.005,
  trainFreq: 1,
  gradientSteps: 1,
  entCoef: 'auto',
  initialEntCoef: 1,
  targetEntropy: 'auto',
  targetUpdateInterval: 1,
  logStdMin: -20,
  logStdMax: 2,
  finalLayerInitScale: 3e-3,
  adamEpsilon: 1e-8,
};

/** What a SAC config may hold (`agentConfig.sac` is checked against it, partially). */
export const SAC_CONFIG_SCHEMA = z
  .object({
    ...actorCriticShape,
    entropyLearningRate: learningRate,
    entCoef: z.union([z.literal('auto'), z.number().min(0).max(1e3)]),
    initialEntCoef: z.number().gt(0).max(1e3),
    targetEntropy,
    targetUpdateInterval: integerIn(1, 1_000_000),
    logStdMin: z.number().min(-100).max(10),
    logStdMax: z.number().min(-100).max(10),
  })
  .strict()
  .refine((c) => c.logStdMin < c.logStdMax, { message: 'logStdMin must be < logStdMax', path: ['logStdMin'] }) satisfies z.ZodType<SacConfig>;

/** Defaults overridden by `partial`, validated. */
export function resolveSacConfig(partial: Partial<SacConfig> = {}): SacConfig {
  const c: SacConfig = { ...SAC_DEFAULTS, ...partial };
  checkConfig(SAC_CONFIG_SCHEMA, c, 'sac');
  return c;
}
