import { box } from '../agents/common/spaces.ts';
import type { Action, BoxSpace } from '../agents/common/spaces.ts';
import { RootRandom } from '../random/index.ts';
import type { RandomStream } from '../random/index.ts';
import type { Env, ResetResult, StepResult } from './types.ts';

/**
 * Physical constants and limits of Pendulum-v1, defaults exactly Gymnasium's
 * (`gymnasium/envs/classic_control/pendulum.py`, registered with `max_episode_steps=200`).
 */
export interface PendulumConfig {
  /** Angular speed limit [rad/s]. Gymnasium: 8. */
  readonly maxSpeed: number;
  /** Torque limit [N m]; the action space is [-maxTorque, maxTorque]. Gymnasium: 2. */
  readonly maxTorque: number;
  /** Integration step [s]. Gymnasium: 0.05. */
  readonly dt: number;
  /** Gravity [m/s^2]. Gymnasium: 10. */
  readonly g: number;
  /** Mass [kg]. Gymnasium: 1. */
  readonly m: number;
  /** Length [m]. Gymnasium: 1. */
  readonly l: number;
  /** Steps before the episode is truncated (TimeLimit wrapper). Gymnasium: 200. */
  readonly maxEpisodeSteps: number;
}

export const PENDULUM_DEFAULTS: PendulumConfig = { maxSpeed: 8, maxTorque: 2, dt: 0.05, g: 10, m: 1, l: 1, maxEpisodeSteps: 200 };

/** Angle wrapped to [-pi, pi) like Gymnasium's `angle_normalize` (Python's `%` is floored). */
export function angleNormalize(x: number): number {
  const twoPi = 2 * Math.PI;
  return x + Math.PI - twoPi * Math.floor((x + Math.PI) / twoPi) - Math.PI;
}

/** One pendulum state. */
export interface PendulumState {
  readonly th: number;
  readonly thdot: number;
}

/**
 * One step of Gymnasium's dynamics (semi-implicit Euler): the cost uses the state before the
 * step, the speed is clipped before the angle integrates it. `u` is clipped to the torque limit.
 */
export function pendulumStep(s: PendulumState, u: number, c: PendulumConfig = PENDULUM_DEFAULTS): { state: PendulumState; reward: number } {
  const torque = Math.min(c.maxTorque, Math.max(-c.maxTorque, u));
  const cost = angleNormalize(s.th) ** 2 + 0.1 * s.thdot ** 2 + 0.001 * torque ** 2;
  let thdot = s.thdot + ((3 * c.g) / (2 * c.l) * Math.sin(s.th) + (3 / (c.m * c.l * c.l)) * torque) * c.dt;
  thdot = Math.min(c.maxSpeed, Math.max(-c.maxSpeed, thdot));
  return { state: { th: s.th + thdot * c.dt, thdot }, reward: -cost };
}

/**
 * Pendulum-v1 swing-up: observation `[cos th, sin th, thdot]`, action `[torque]`, reward
 * `-(th^2 + 0.1 thdot^2 + 0.001 u^2)` (th wrapped), never terminates, truncated after 200 steps.
 * `reset({ seed })` reseeds the start-state generator; `reset()` continues it, as in Gymnasium.
 */
export class PendulumEnv implements Env {
  readonly config: PendulumConfig;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: BoxSpace;
  private random: RandomStream;
  private state: PendulumState = { th: 0, thdot: 0 };
  private steps = 0;
  private started = false;

  constructor(config: Partial<PendulumConfig> = {}, seed = 0) {
    this.config = { ...PENDULUM_DEFAULTS, ...config };
    const { maxSpeed, maxTorque } = this.config;
    this.observationSpace = box(3, [-1, -1, -maxSpeed], [1, 1, maxSpeed]);
    this.actionSpace = box(1, -maxTorque, maxTorque);
    this.random = PendulumEnv.streamFor(seed);
  }

  private static streamFor(seed: number): RandomStream {
    return new RootRandom(seed >>> 0).stream('env/pendulum/reset');
  }

  /** The current physical state (for tests and rendering). */
  get currentState(): PendulumState {
    return this.state;
  }

  reset(options: { seed?: number } = {}): ResetResult {
    if (options.seed !== undefined) this.random = PendulumEnv.streamFor(options.seed);
    this.state = { th: this.random.uniformIn(-Math.PI, Math.PI), thdot: this.random.uniformIn(-1, 1) };
    this.steps = 0;
    this.started = true;
    return { observation: this.observe(), info: {} };
  }

  /** Start from a chosen state (tests, demonstrations). */
  resetTo(state: PendulumState): ResetResult {
    this.state = state;
    this.steps = 0;
    this.started = true;
    return { observation: this.observe(), info: {} };
  }

  step(action: Action): StepResult {
    if (!this.started) throw new Error('PendulumEnv.step called before reset');
    const a = action.continuous;
    if (!a || a.length !== 1) throw new RangeError(`Pendulum expects a continuous action of length 1, got ${a ? a.length : 'none'}`);
    if (!Number.isFinite(a[0])) throw new RangeError(`Pendulum torque must be finite, got ${a[0]}`);
    const { state, reward } = pendulumStep(this.state, a[0], this.config);
    this.state = state;
    this.steps++;
    const truncated = this.steps >= this.config.maxEpisodeSteps;
    if (truncated) this.started = false;
    return { observation: this.observe(), reward, terminated: false, truncated, info: {} };
  }

  private observe(): Float32Array {
    return Float32Array.of(Math.cos(this.state.th), Math.sin(this.state.th), this.state.thdot);
  }
}
