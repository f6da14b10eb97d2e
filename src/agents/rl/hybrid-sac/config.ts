/**
 * Hyperparameters of {@link HybridSac} (001 Algorithm 4: SAC for the continuous part, D-SAC
 * for the discrete part, trained on one replay). Defaults follow SB3's SAC; 001 Table I is
 * {@link HYBRID_SAC_SCQOS_PRESET}.
 */
export interface HybridSacConfig {
  /** Adam step size of both actors, the critics and both temperatures. SB3: 3e-4; 001 Table I: 1e-4. */
  readonly learningRate: number;
  /** Replay capacity. SB3: 1e6; 001 Table I: 2e4. */
  readonly bufferSize: number;
  /** Env steps of uniformly random actions before learning. SB3: 100. */
  readonly learningStarts: number;
  /** Mini-batch size. SB3: 256. */
  readonly batchSize: number;
  /** Discount. SB3 and 001: 0.99. */
  readonly gamma: number;
  /** Polyak weight of the target critics. SB3 and 001: 5e-3. */
  readonly tau: number;
  /** Train every this many env steps. SB3: 1. */
  readonly trainFreq: number;
  /** Gradient steps per training round. SB3: 1. */
  readonly gradientSteps: number;
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

/** 001 Table I (DRL network parameters). */
export const HYBRID_SAC_SCQOS_PRESET: Partial<HybridSacConfig> = {
  learningRate: 1e-4,
  bufferSize: 20_000,
  gamma: 0.99,
  tau: 5e-3,
  hiddenSizes: [512, 512, 512],
  targetEntropyContinuous: -1,
  targetEntropyDiscrete: -1,
};

export function validateHybridSacConfig(c: HybridSacConfig): void {
  for (const k of ['bufferSize', 'batchSize', 'trainFreq', 'gradientSteps'] as const) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) throw new RangeError(`hybrid SAC ${k} must be a positive integer, got ${c[k]}`);
  }
  if (!Number.isInteger(c.learningStarts) || c.learningStarts < 0) throw new RangeError('hybrid SAC learningStarts must be >= 0');
  if (!(c.gamma >= 0 && c.gamma <= 1)) throw new RangeError(`hybrid SAC gamma must be in [0, 1], got ${c.gamma}`);
  if (!(c.tau > 0 && c.tau <= 1)) throw new RangeError(`hybrid SAC tau must be in (0, 1], got ${c.tau}`);
  if (!(c.initialAlpha > 0)) throw new RangeError('hybrid SAC initialAlpha must be > 0');
}
