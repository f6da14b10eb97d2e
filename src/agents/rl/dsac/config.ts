import { z } from 'zod';
import { checkConfig, hiddenSizes, learningRate, offPolicyShape, targetEntropy } from '../../common/config-schema.ts';
import type { OffPolicyConfig } from '../../common/off-policy.ts';

/**
 * Hyperparameters of {@link DiscreteSac} (Christodoulou 2019, "Soft Actor-Critic for discrete
 * action settings"; 001 Sec. V-D, eqs. (24)-(26)). Defaults follow SB3's SAC where the discrete
 * variant has the same knob; 001 Table I is `DSAC_SCQOS_PRESET` in `src/scenarios/scqos/constants.ts`.
 *
 * The replay and update settings (`bufferSize`, `learningStarts`, `batchSize`, `gamma`, `tau`,
 * `trainFreq`, `gradientSteps`) are the off-policy ones shared with DDPG/TD3/SAC
 * (`OffPolicyConfig`); SB3 SAC defaults: replay 1e6, warm-up 100, batch 256, gamma 0.99, tau 5e-3,
 * one gradient step per env step; 001 Table I: replay 2e4.
 */
export interface DiscreteSacConfig extends OffPolicyConfig {
  /** Adam step size of actor, critics and temperature. SB3 SAC: 3e-4; 001 Table I: 1e-4. */
  readonly learningRate: number;
  /** Hidden layer widths of actor and critics. SB3 SAC: [256, 256]; 001 Table I: 3 x 512. */
  readonly hiddenSizes: readonly number[];
  /** Initial temperature alpha. SB3 `ent_coef='auto'`: 1. */
  readonly initialAlpha: number;
  /**
   * Target entropy in nats, or `'auto'` = `targetEntropyScale * log|A|` (Christodoulou: 0.98 of
   * the uniform policy's entropy). 001 Table I states -1, below any discrete entropy, so alpha
   * then decays towards 0.
   */
  readonly targetEntropy: number | 'auto';
  /** Fraction of the maximal entropy log|A| used by `'auto'`. Christodoulou 2019: 0.98. */
  readonly targetEntropyScale: number;
  /** Learn alpha by eq. (26); false keeps `initialAlpha`. */
  readonly learnAlpha: boolean;
}

export const DSAC_DEFAULTS: DiscreteSacConfig = {
  learningRate: 3e-4,
  bufferSize: 1_000_000,
  learningStarts: 100,
  batchSize: 256,
  gamma: 0.99,
  tau: 5e-3,
  trainFreq: 1,
  gradientSteps: 1,
  hiddenSizes: [256, 256],
  initialAlpha: 1,
  targetEntropy: 'auto',
  targetEntropyScale: 0.98,
  learnAlpha: true,
};

/** What a discrete SAC config may hold. */
export const DSAC_CONFIG_SCHEMA = z
  .object({
    ...offPolicyShape,
    learningRate,
    hiddenSizes,
    initialAlpha: z.number().gt(0).max(1e3),
    targetEntropy,
    targetEntropyScale: z.number().gt(0).max(1),
    learnAlpha: z.boolean(),
  })
  .strict() satisfies z.ZodType<DiscreteSacConfig>;

/** Throws a `RangeError` naming the first bad field. */
export function validateDiscreteSacConfig(c: DiscreteSacConfig): void {
  checkConfig(DSAC_CONFIG_SCHEMA, c, 'discrete SAC');
}

/** The target entropy a config resolves to for `actions` discrete choices. */
export function resolveTargetEntropy(c: DiscreteSacConfig, actions: number): number {
  return c.targetEntropy === 'auto' ? c.targetEntropyScale * Math.log(actions) : c.targetEntropy;
}
