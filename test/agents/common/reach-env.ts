import { box } from '../../../src/agents/common/spaces.ts';
import type { Action, BoxSpace } from '../../../src/agents/common/spaces.ts';
import type { Env, ResetResult, StepResult } from '../../../src/envs/types.ts';
import { RootRandom } from '../../../src/random/index.ts';
import type { RandomStream } from '../../../src/random/index.ts';

/**
 * A tiny continuous control task for fast learning smoke tests: a point on [-1, 1] must reach
 * a target. Observation `[x, goal]`, action `v` in [-1, 1], `x' = clip(x + 0.25 v)`, reward
 * `-|x' - goal|`, 25 steps per episode (truncated). The optimal policy, `v = clip(4 (goal - x))`,
 * earns about -1 per episode; uniform random actions about -12 (measured in reach-env.test.ts).
 */
export class ReachEnv implements Env {
  readonly observationSpace: BoxSpace = box(2, -1, 1);
  readonly actionSpace: BoxSpace = box(1, -1, 1);
  readonly episodeSteps = 25;
  private random: RandomStream;
  private x = 0;
  private goal = 0;
  private t = 0;

  constructor(seed = 0) {
    this.random = new RootRandom(seed).stream('env/reach');
  }

  reset(options: { seed?: number } = {}): ResetResult {
    if (options.seed !== undefined) this.random = new RootRandom(options.seed).stream('env/reach');
    this.x = this.random.uniformIn(-1, 1);
    this.goal = this.random.uniformIn(-0.8, 0.8);
    this.t = 0;
    return { observation: Float32Array.of(this.x, this.goal), info: {} };
  }

  step(action: Action): StepResult {
    const v = Math.min(1, Math.max(-1, action.continuous![0]));
    this.x = Math.min(1, Math.max(-1, this.x + 0.25 * v));
    this.t++;
    return { observation: Float32Array.of(this.x, this.goal), reward: -Math.abs(this.x - this.goal), terminated: false, truncated: this.t >= this.episodeSteps, info: {} };
  }
}
