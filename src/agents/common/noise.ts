import type { RandomStream } from '../../random/index.ts';

/** Exploration noise added to a deterministic policy's action (DDPG/TD3). */
export interface ActionNoise {
  /** Fill `out` with the next noise vector and return it. */
  sample(out: Float32Array): Float32Array;
  /** Restart the process (episode boundary); stateless noises ignore it. */
  reset(): void;
  /** Checkpoints: the process's current value, when it has one (OU). */
  state?(): Float64Array;
  setState?(x: Float64Array): void;
}

/** Which exploration noise to use, as written in agent configs. */
export type NoiseConfig =
  | { readonly kind: 'none' }
  /** i.i.d. N(mean, std^2) per dimension (003 eq. 24: mean 0, std 0.1). */
  | { readonly kind: 'gaussian'; readonly std: number; readonly mean?: number }
  /** Ornstein-Uhlenbeck process (Lillicrap et al. 2016; SB3 defaults theta 0.15, dt 1e-2). */
  | { readonly kind: 'ornstein-uhlenbeck'; readonly sigma: number; readonly theta?: number; readonly dt?: number; readonly mean?: number };

/** Independent Gaussian noise N(mean, std^2) in every dimension. */
export class GaussianNoise implements ActionNoise {
  constructor(
    private readonly random: RandomStream,
    readonly std: number,
    readonly mean = 0,
  ) {
    if (!(std >= 0) || !Number.isFinite(std)) throw new RangeError(`noise std must be finite and >= 0, got ${std}`);
  }

  sample(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.random.normal(this.mean, this.std);
    return out;
  }

  reset(): void {}
}

/**
 * Discretised Ornstein-Uhlenbeck process, as in SB3's `OrnsteinUhlenbeckActionNoise`:
 * `x <- x + theta (mean - x) dt + sigma sqrt(dt) N(0, 1)`. It is an AR(1) process with
 * lag-1 autocorrelation `1 - theta dt` and stationary variance `sigma^2 dt / (1 - (1 - theta dt)^2)`;
 * temporally correlated noise explores further in physical control tasks with inertia.
 */
export class OrnsteinUhlenbeckNoise implements ActionNoise {
  readonly theta: number;
  readonly dt: number;
  readonly mean: number;
  private readonly x: Float64Array;

  constructor(
    private readonly random: RandomStream,
    readonly size: number,
    readonly sigma: number,
    options: { theta?: number; dt?: number; mean?: number } = {},
  ) {
    this.theta = options.theta ?? 0.15;
    this.dt = options.dt ?? 1e-2;
    this.mean = options.mean ?? 0;
    if (!(sigma >= 0) || !(this.theta >= 0) || !(this.dt > 0)) {
      throw new RangeError(`OU noise needs sigma >= 0, theta >= 0, dt > 0 (got ${sigma}, ${this.theta}, ${this.dt})`);
    }
    this.x = new Float64Array(size).fill(this.mean);
  }

  sample(out: Float32Array): Float32Array {
    if (out.length !== this.size) throw new RangeError(`OU noise has size ${this.size}, asked for ${out.length}`);
    const s = this.sigma * Math.sqrt(this.dt);
    for (let i = 0; i < this.size; i++) {
      this.x[i] += this.theta * (this.mean - this.x[i]) * this.dt + s * this.random.normal();
      out[i] = this.x[i];
    }
    return out;
  }

  reset(): void {
    this.x.fill(this.mean);
  }

  state(): Float64Array {
    return Float64Array.from(this.x);
  }

  setState(x: Float64Array): void {
    if (x.length !== this.size) throw new RangeError(`OU noise state has ${x.length} values, expected ${this.size}`);
    this.x.set(x);
  }
}

/** Build the noise a config asks for (`undefined` for `none`). */
export function makeNoise(config: NoiseConfig, size: number, random: RandomStream): ActionNoise | undefined {
  switch (config.kind) {
    case 'none':
      return undefined;
    case 'gaussian':
      return new GaussianNoise(random, config.std, config.mean ?? 0);
    case 'ornstein-uhlenbeck':
      return new OrnsteinUhlenbeckNoise(random, size, config.sigma, config);
    default:
      // Configs also come from files: an unknown kind must not silently turn exploration off.
      throw new RangeError(`noise kind must be one of none, gaussian, ornstein-uhlenbeck, got ${JSON.stringify((config as { kind?: unknown }).kind)}`);
  }
}
