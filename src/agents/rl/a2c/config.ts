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

export function validateA2cConfig(c: A2cConfig): void {
  for (const k of ['numEnvs', 'nSteps'] as const) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) throw new RangeError(`A2C ${k} must be a positive integer, got ${c[k]}`);
  }
  if (!(c.gamma >= 0 && c.gamma <= 1)) throw new RangeError(`A2C gamma must be in [0, 1], got ${c.gamma}`);
  if (!(c.learningRate > 0)) throw new RangeError(`A2C learningRate must be > 0, got ${c.learningRate}`);
}
