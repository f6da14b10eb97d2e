import { box, discrete } from '../agents/common/spaces.ts';
import type { Action, BoxSpace, DiscreteSpace } from '../agents/common/spaces.ts';
import { RootRandom } from '../random/index.ts';
import type { RandomStream } from '../random/index.ts';
import type { Env, ResetResult, StepResult } from './types.ts';

/** Physical constants and limits of CartPole-v1 (Gymnasium `CartPoleEnv`, Barto, Sutton & Anderson 1983). */
export interface CartPoleConfig {
  /** Gravitational acceleration, m/s^2. Gymnasium: 9.8. */
  readonly gravity: number;
  /** Cart mass, kg. Gymnasium: 1.0. */
  readonly massCart: number;
  /** Pole mass, kg. Gymnasium: 0.1. */
  readonly massPole: number;
  /** Half the pole length, m (Gymnasium calls it `length`). Gymnasium: 0.5. */
  readonly length: number;
  /** Magnitude of the push, N. Gymnasium: 10. */
  readonly forceMag: number;
  /** Euler integration step, s. Gymnasium: 0.02. */
  readonly tau: number;
  /** The episode terminates when |theta| exceeds this, rad. Gymnasium: 12 degrees. */
  readonly thetaThreshold: number;
  /** The episode terminates when |x| exceeds this, m. Gymnasium: 2.4. */
  readonly xThreshold: number;
  /** Time limit (truncation), steps. CartPole-v1 registers 500. */
  readonly maxEpisodeSteps: number;
  /**
   * `'full'` observes (x, x_dot, theta, theta_dot) as in Gymnasium; `'position'` hides the two
   * velocities, making a POMDP that a memoryless policy cannot solve well (the usual DRQN test).
   */
  readonly observe: 'full' | 'position';
  /** Seed used when `reset` is called without one. */
  readonly seed: number;
}

export const CARTPOLE_DEFAULTS: CartPoleConfig = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  length: 0.5,
  forceMag: 10.0,
  tau: 0.02,
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  maxEpisodeSteps: 500,
  observe: 'full',
  seed: 0,
};

/** The CartPole state (x, x_dot, theta, theta_dot). */
export type CartPoleState = readonly [number, number, number, number];

/**
 * One Euler step of the cart-pole dynamics, exactly as Gymnasium integrates them
 * (`kinematics_integrator = "euler"`): positions advance with the old velocities.
 * `push` is 1 for right, 0 for left.
 */
export function cartPoleDynamics(state: CartPoleState, push: number, c: CartPoleConfig = CARTPOLE_DEFAULTS): CartPoleState {
  const [x, xDot, theta, thetaDot] = state;
  const force = push === 1 ? c.forceMag : -c.forceMag;
  const totalMass = c.massCart + c.massPole;
  const poleMassLength = c.massPole * c.length;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
  const thetaAcc = (c.gravity * sin - cos * temp) / (c.length * (4 / 3 - (c.massPole * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  return [x + c.tau * xDot, xDot + c.tau * xAcc, theta + c.tau * thetaDot, thetaDot + c.tau * thetaAcc];
}

/**
 * Gymnasium's CartPole-v1: push the cart left (0) or right (1); reward 1 on every step,
 * including the terminating one; terminated when the pole falls past 12 degrees or the cart
 * leaves +-2.4 m; truncated after 500 steps. Initial state U(-0.05, 0.05) per component.
 */
export class CartPole implements Env {
  readonly config: CartPoleConfig;
  readonly observationSpace: BoxSpace;
  readonly actionSpace: DiscreteSpace = discrete(2);
  private random: RandomStream;
  private state: CartPoleState = [0, 0, 0, 0];
  private steps = 0;
  private done = true;

  constructor(config: Partial<CartPoleConfig> = {}) {
    this.config = { ...CARTPOLE_DEFAULTS, ...config };
    const c = this.config;
    // Gymnasium's bounds: twice the termination thresholds, float32 max for velocities.
    const big = 3.4028234663852886e38;
    this.observationSpace =
      c.observe === 'full'
        ? box(4, [-2 * c.xThreshold, -big, -2 * c.thetaThreshold, -big], [2 * c.xThreshold, big, 2 * c.thetaThreshold, big])
        : box(2, [-2 * c.xThreshold, -2 * c.thetaThreshold], [2 * c.xThreshold, 2 * c.thetaThreshold]);
    this.random = CartPole.initStream(c.seed);
  }

  private static initStream(seed: number): RandomStream {
    return new RootRandom(seed).stream('env/cartpole');
  }

  /** The full (hidden) state, for tests and rendering. */
  get currentState(): CartPoleState {
    return this.state;
  }

  reset(options?: { seed?: number }): ResetResult {
    if (options?.seed !== undefined) this.random = CartPole.initStream(options.seed);
    const r = this.random;
    this.state = [r.uniformIn(-0.05, 0.05), r.uniformIn(-0.05, 0.05), r.uniformIn(-0.05, 0.05), r.uniformIn(-0.05, 0.05)];
    this.steps = 0;
    this.done = false;
    return { observation: this.observation(), info: {} };
  }

  step(action: Action): StepResult {
    if (this.done) throw new Error('CartPole.step called on a finished episode: call reset() first');
    const a = action.discrete?.[0];
    if (a !== 0 && a !== 1) throw new RangeError(`CartPole action must be discrete 0 or 1, got ${a}`);
    this.state = cartPoleDynamics(this.state, a, this.config);
    this.steps++;
    const [x, , theta] = this.state;
    const c = this.config;
    const terminated = x < -c.xThreshold || x > c.xThreshold || theta < -c.thetaThreshold || theta > c.thetaThreshold;
    // Gymnasium's TimeLimit sets truncated independently of terminated.
    const truncated = this.steps >= c.maxEpisodeSteps;
    this.done = terminated || truncated;
    return { observation: this.observation(), reward: 1, terminated, truncated, info: {} };
  }

  private observation(): Float32Array {
    const [x, xDot, theta, thetaDot] = this.state;
    return this.config.observe === 'full' ? Float32Array.of(x, xDot, theta, thetaDot) : Float32Array.of(x, theta);
  }
}
