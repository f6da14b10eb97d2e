import { z } from 'zod';
import { checkConfig, hiddenSizes, learningRate, offPolicyShape, targetEntropy } from '../../common/config-schema.ts';
import type { OffPolicyConfig } from '../../common/off-policy.ts';

/**
 * Hyperparameters of {@link HybridSac} (001 Algorithm 4: SAC for the continuous part, D-SAC
 * for the discrete part, trained on one replay). Defaults follow SB3's SAC; 001 Table I is
 * `HYBRID_SAC_SCQOS_PRESET` in `src/scenarios/scqos/constants.ts`.
 *
 * The replay and update settings (`bufferSize`, `learningStarts`, `batchSize`, `gamma`, `tau`,
 * `trainFreq`, `gradientSteps`) are the off-policy ones shared with DDPG/TD3/SAC
 * (`OffPolicyConfig`); SB3 SAC defaults: replay 1e6, warm-up 100, batch 256, gamma 0.99, tau 5e-3,
 * one gradient step per env step; 001 Table I: replay 2e4.
 */
export interface HybridSacConfig extends OffPolicyConfig {
  /** Adam step size of both actors, the critics and both temperatures. SB3: 3e-4; 001 Table I: 1e-4. */
  readonly learningRate: number;
  /** Hidden widths of actors and critics. SB3: [256, 256]; 001 Table I: 3 x 512. */
  readonly hiddenSizes: readonly number[];
  /** Initial temperatures of both halves. SB3 `ent_coef='auto'`: 1. */
  readonly initialAlpha: number;
  /** Continuous target entropy, or `'auto'` = -(continuous dims) (SB3). 001 Table I: -1. */
  readonly targetEntropyContinuous: number | 'auto';
  /** Discrete target entropy, or `'auto'` = `discreteEntropyScale * log K` (K joint choices). 001 Table I: -1. */
  readonly targetEntropyDiscrete: number | 'auto';
  /** Fraction of log K used by `'auto'`. Christodoulou 2019: 0.98. */
  readonly discreteEntropyScale: number;
  /** Clamp of the Gaussian's log standard deviation (SB3: [-20, 2]). */
  readonly logStdMin: number;
  readonly logStdMax: number;
}

export const HYBRID_SAC_DEFAULTS: HybridSacConfig = {
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
  targetEntropyContinuous: 'auto',
  targetEntropyDiscrete: 'auto',
  discreteEntropyScale: 0.98,
  logStdMin: -20,
  logStdMax: 2,
};

/** What a hybrid SAC config may hold. */
export const HYBRID_SAC_CONFIG_SCHEMA = z
  .object({
    ...offPolicyShape,
    learningRate,
    hiddenSizes,
    initialAlpha: z.number().gt(0).max(1e3),
    targetEntropyContinuous: targetEntropy,
    targetEntropyDiscrete: targetEntropy,
    discreteEntropyScale: z.number().gt(0).max(1),
    logStdMin: z.number().min(-100).max(10),
    logStdMax: z.number().min(-100).max(10),
  })
  .strict()
  .refine((c) => c.logStdMin < c.logStdMax, { message: 'logStdMin must be < logStdMax', path: ['logStdMin'] }) satisfies z.ZodType<HybridSacConfig>;

/** Throws a `RangeError` naming the first bad field. */
export function validateHybridSacConfig(c: HybridSacConfig): void {
  checkConfig(HYBRID_SAC_CONFIG_SCHEMA, c, 'hybrid SAC');
}
