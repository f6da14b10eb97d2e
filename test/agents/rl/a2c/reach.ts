import { box } from '../../../../src/agents/common/spaces.ts';
import type { Action } from '../../../../src/agents/common/spaces.ts';
import type { Env, ResetResult, StepResult } from '../../../../src/envs/types.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import type { RandomStream } from '../../../../src/random/index.ts';

/**
 * Continuous toy: observe a target t ~ U(-1.5, 1.5) and output a in [-2, 2]; reward
 * -(a - t)^2. The optimal deterministic policy a = t earns 0; always answering 0 earns
 * -E[t^2] = -0.75 per step. Episodes last 5 steps (truncated).
 */
export class Reach implements Env {
  readonly observationSpace = box(1, -1.5, 1.5);
  readonly actionSpace = box(1, -2, 2);
  private random: RandomStream;
  private target = 0;
  private t = 0;

  constructor(seed = 0) {
    this.random = new RootRandom(seed).stream('reach');
  }

  reset(options?: { seed?: number }): ResetResult {
    if (options?.seed !== undefined) this.random = new RootRandom(options.seed).stream('reach');
    this.t = 0;
    this.target = this.random.uniformIn(-1.5, 1.5);
    return { observation: Float32Array.of(this.target), info: {} };
  }

  step(action: Action): StepResult {
    const reward = -((action.continuous![0] - this.target) ** 2);
    this.t++;
    this.target = this.random.uniformIn(-1.5, 1.5);
    return { observation: Float32Array.of(this.target), reward, terminated: false, truncated: this.t >= 5, info: {} };
  }
}
