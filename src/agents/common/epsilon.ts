/**
 * Exploration-rate (epsilon-greedy) schedules. The fixed schedules are pure functions of the
 * step count; the adaptive one is a pure reducer over TD errors, so agents stay deterministic
 * and tests can compute every value by hand.
 */

/** Linear decay from `start` to `end` over `duration` steps, then constant (SB3 `get_linear_fn`). */
export interface LinearEpsilonConfig {
  readonly kind: 'linear';
  /** Value at step 0. SB3 DQN `exploration_initial_eps`: 1.0. */
  readonly start: number;
  /** Value from step `duration` on. SB3 DQN `exploration_final_eps`: 0.05 (RL Zoo CartPole: 0.04). */
  readonly end: number;
  /** Steps of the decay. SB3: `exploration_fraction` (0.1; Zoo CartPole 0.16) x total steps. */
  readonly duration: number;
}

/** Exponential decay `end + (start - end) * exp(-step / timeConstant)`. */
export interface ExponentialEpsilonConfig {
  readonly kind: 'exponential';
  /** Value at step 0. */
  readonly start: number;
  /** Asymptote. */
  readonly end: number;
  /** Steps for the excess over `end` to shrink by a factor e. */
  readonly timeConstant: number;
}

/**
 * Adaptive epsilon in `[min, max]` driven by value differences (VDBE, Tokic 2010, "Adaptive
 * epsilon-greedy exploration in reinforcement learning based on value differences"). Paper 004
 * Table 2 gives only the range "adaptive greedy strategy [0.1, 0.6]"; VDBE is our choice of rule:
 * large TD errors (the Q-function still changing) push epsilon up, small ones let it fall, so
 * exploration returns by itself when the environment drifts. With function approximation the
 * per-state epsilon of the original becomes one global value.
 */
export interface AdaptiveEpsilonConfig {
  readonly kind: 'adaptive';
  /** Lower clamp. 004 Table 2: 0.1. */
  readonly min: number;
  /** Upper clamp and initial value. 004 Table 2: 0.6. */
  readonly max: number;
  /**
   * Inverse sensitivity sigma: a mean |TD error| of sigma maps to f = tanh(1/2) ~ 0.46.
   * Set it to the scale of the rewards; Tokic's experiments use values around 1.
   */
  readonly sigma: number;
  /** Mixing weight delta of each new TD observation. Tokic: 1/|A|; default 0.01 to average over updates. */
  readonly delta: number;
}

export type EpsilonConfig = LinearEpsilonConfig | ExponentialEpsilonConfig | AdaptiveEpsilonConfig;

/** Epsilon of a linear schedule at `step`. */
export function linearEpsilon(c: LinearEpsilonConfig, step: number): number {
  if (c.duration <= 0 || step >= c.duration) return c.end;
  return c.start + (c.end - c.start) * (Math.max(step, 0) / c.duration);
}

/** Epsilon of an exponential schedule at `step`. */
export function exponentialEpsilon(c: ExponentialEpsilonConfig, step: number): number {
  return c.end + (c.start - c.end) * Math.exp(-Math.max(step, 0) / c.timeConstant);
}

/**
 * VDBE's Boltzmann-like squashing of a TD error into [0, 1):
 * `f = (1 - e^{-|td|/sigma}) / (1 + e^{-|td|/sigma})`, which equals `tanh(|td| / (2 sigma))`.
 */
export function vdbeSquash(tdError: number, sigma: number): number {
  const e = Math.exp(-Math.abs(tdError) / sigma);
  return (1 - e) / (1 + e);
}

/** One VDBE step: `eps' = clamp(delta * f(td) + (1 - delta) * eps, min, max)`. */
export function adaptiveEpsilonStep(c: AdaptiveEpsilonConfig, epsilon: number, meanAbsTdError: number): number {
  if (!Number.isFinite(meanAbsTdError)) return epsilon;
  const next = c.delta * vdbeSquash(meanAbsTdError, c.sigma) + (1 - c.delta) * epsilon;
  return Math.min(c.max, Math.max(c.min, next));
}

/**
 * Stateful holder that agents use: `value` is read when acting, `onStep` after every environment
 * step, `onTdError` after every gradient step (only the adaptive rule uses it).
 */
export class Epsilon {
  private steps = 0;
  private adaptive: number;

  constructor(readonly config: EpsilonConfig) {
    if (config.kind === 'adaptive' && !(config.min <= config.max)) throw new RangeError('adaptive epsilon needs min <= max');
    this.adaptive = config.kind === 'adaptive' ? config.max : NaN;
  }

  get value(): number {
    switch (this.config.kind) {
      case 'linear':
        return linearEpsilon(this.config, this.steps);
      case 'exponential':
        return exponentialEpsilon(this.config, this.steps);
      case 'adaptive':
        return this.adaptive;
    }
  }

  onStep(): void {
    this.steps++;
  }

  onTdError(meanAbsTdError: number): void {
    if (this.config.kind === 'adaptive') this.adaptive = adaptiveEpsilonStep(this.config, this.adaptive, meanAbsTdError);
  }

  /** For checkpoints: the step counter and the adaptive value. */
  getState(): { steps: number; adaptive: number } {
    return { steps: this.steps, adaptive: this.adaptive };
  }

  setState(s: { steps: number; adaptive: number }): void {
    this.steps = s.steps;
    this.adaptive = s.adaptive;
  }
}
