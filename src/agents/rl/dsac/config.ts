/**
 * Hyperparameters of {@link DiscreteSac} (Christodoulou 2019, "Soft Actor-Critic for discrete
 * action settings"; 001 Sec. V-D, eqs. (24)-(26)). Defaults follow SB3's SAC where the discrete
 * variant has the same knob; {@link DSAC_SCQOS_PRESET} holds 001 Table I.
 */
export interface DiscreteSacConfig {
  /** Adam step size of actor, critics and temperature. SB3 SAC: 3e-4; 001 Table I: 1e-4. */
  readonly learningRate: number;
  /** Replay capacity. SB3: 1e6; 001 Table I: 2e4. */
  readonly bufferSize: number;
  /** Env steps of uniform random actions before learning. SB3: 100. */
  readonly learningStarts: number;
  /** Mini-batch size. SB3 SAC: 256. */
  readonly batchSize: number;
  /** Discount. SB3 and 001 Table I: 0.99. */
  readonly gamma: number;
  /** Polyak weight of the target critics. SB3 and 001 Table I: 5e-3. */
  readonly tau: number;
  /** Train every this many env steps. SB3: 1. */
  readonly trainFreq: number;
  /** Gradient steps per training round. SB3: 1. */
  readonly gradientSteps: number;
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

/** 001 Table I (DRL network parameters) for the D-SAC half of the scqos agent. */
export const DSAC_SCQOS_PRESET: Partial<DiscreteSacConfig> = {
  learningRate: 1e-4,
  bufferSize: 20_000,
  gamma: 0.99,
  tau: 5e-3,
  hiddenSizes: [512, 512, 512],
  targetEntropy: -1,
};

export function validateDiscreteSacConfig(c: DiscreteSacConfig): void {
  for (const k of ['bufferSize', 'batchSize', 'trainFreq', 'gradientSteps'] as const) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) throw new RangeError(`discrete SAC ${k} must be a positive integer, got ${c[k]}`);
  }
  if (!Number.isInteger(c.learningStarts) || c.learningStarts < 0) throw new RangeError(`discrete SAC learningStarts must be >= 0`);
  if (!(c.gamma >= 0 && c.gamma <= 1)) throw new RangeError(`discrete SAC gamma must be in [0, 1], got ${c.gamma}`);
  if (!(c.tau > 0 && c.tau <= 1)) throw new RangeError(`discrete SAC tau must be in (0, 1], got ${c.tau}`);
  if (!(c.initialAlpha > 0)) throw new RangeError(`discrete SAC initialAlpha must be > 0, got ${c.initialAlpha}`);
}

/** The target entropy a config resolves to for `actions` discrete choices. */
export function resolveTargetEntropy(c: DiscreteSacConfig, actions: number): number {
  return c.targetEntropy === 'auto' ? c.targetEntropyScale * Math.log(actions) : c.targetEntropy;
}
