import { z } from 'zod';
import { checkConfig, hiddenSizes, integerIn, learningRate, optimiserEpsilon, unitInterval } from '../../common/config-schema.ts';
/**
 * Hyperparameters of {@link A2c}, the synchronous variant of A3C (Mnih et al. 2016), the
 * baseline of 003. Field names and defaults follow SB3's `A2C` unless noted.
 */
export interface A2cConfig {
  /** Environments stepped in turn; transitions are assigned to them round-robin. SB3 `n_envs`: 1 (Zoo CartPole: 8). */
  readonly numEnvs: number;
  /** Steps per environment between updates (the n of the n-step return). SB3: 5. */
  readonly nSteps: number;
  /** Discount. SB3: 0.99; 003 Table I (its DDPG): 0.9. */
  readonly gamma: number;
  /** Step size of RMSprop. SB3: 7e-4. */
  readonly learningRate: number;
  /** RMSprop smoothing (SB3 `alpha`): 0.99. */
  readonly rmsDecay: number;
  /** RMSprop epsilon. SB3: 1e-5. */
  readonly rmsEpsilon: number;
  /** Weight of the entropy bonus. SB3: 0; A3C (Mnih et al. 2016): 0.01, used here. */
  readonly entCoef: number;
  /** Weight of the value loss. SB3: 0.5. */
  readonly vfCoef: number;
  /** Global gradient-norm clip. SB3: 0.5. */
  readonly maxGradNorm: number;
  /** Hidden widths of the separate actor and critic. SB3: [64, 64]. */
  readonly hiddenSizes: readonly number[];
  /** Hidden activation. SB3 on-policy default: tanh. */
  readonly activation: 'tanh' | 'relu';
  /** Initial log standard deviation of the Gaussian policy (Box actions). SB3 `log_std_init`: 0. */
  readonly logStdInit: number;
  /** Standardise advantages per batch. SB3 A2C: false. */
  readonly normalizeAdvantage: boolean;
}

export const A2C_DEFAULTS: A2cConfig = {
  numEnvs: 1,
  nSteps: 5,
  gamma: 0.99,
  learningRate: 7e-4,
  rmsDecay: 0.99,
  rmsEpsilon: 1e-5,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  hiddenSizes: [64, 64],
  activation: 'tanh',
  logStdInit: 0,
  normalizeAdvantage: false,
};

/** What an A2C config may hold (`agentConfig.a2c` is checked against it, partially). */
export const A2C_CONFIG_SCHEMA = z
  .object({
    numEnvs: integerIn(1, 256),
    nSteps: integerIn(1, 100_000),
    gamma: unitInterval,
    learningRate,
    rmsDecay: z.number().min(0).lt(1),
    rmsEpsilon: optimiserEpsilon,
    entCoef: z.number().min(0).max(10),
    vfCoef: z.number().min(0).max(10),
    maxGradNorm: z.number().gt(0).max(1e6),
    hiddenSizes,
    activation: z.enum(['tanh', 'relu']),
    logStdInit: z.number().min(-20).max(5),
    normalizeAdvantage: z.boolean(),
  })
  .strict() satisfies z.ZodType<A2cConfig>;

/** Throws a `RangeError` naming the first bad field. */
export function validateA2cConfig(c: A2cConfig): void {
  checkConfig(A2C_CONFIG_SCHEMA, c, 'A2C');
}
