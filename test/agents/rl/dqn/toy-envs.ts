/**
 * Tiny environments for agent smoke tests, with optimal policies known by construction.
 */
import { box, discrete, multiDiscrete } from '../../../../src/agents/common/spaces.ts';
import type { Action, Space } from '../../../../src/agents/common/spaces.ts';
import type { Env, ResetResult, StepResult } from '../../../../src/envs/types.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import type { RandomStream } from '../../../../src/random/index.ts';

/**
 * Contextual bandit: the observation one-hot encodes a context c in {0, .., C-1}; the reward is
 * 1 when the (joint) action equals `best(c)`, else 0. Episodes last `length` steps (truncated),
 * contexts are redrawn every step, so the optimal return is `length`.
 */
export class ContextBandit implements Env {
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  private random: RandomStream;
  private context = 0;
  private t = 0;

  constructor(
    readonly contexts: number,
    actionSpace: Space,
    readonly best: (c: number) => readonly number[],
    readonly length = 10,
    seed = 0,
  ) {
    this.observationSpace = box(contexts, 0, 1);
    this.actionSpace = actionSpace;
    this.random = new RootRandom(seed).stream('bandit');
  }

  static simple(seed = 0): ContextBandit {
    return new ContextBandit(3, discrete(4), (c) => [(c * 3 + 1) % 4], 10, seed);
  }

  static multi(seed = 0): ContextBandit {
    return new ContextBandit(2, multiDiscrete([3, 2]), (c) => (c === 0 ? [2, 0] : [0, 1]), 10, seed);
  }

  reset(options?: { seed?: number }): ResetResult {
    if (options?.seed !== undefined) this.random = new RootRandom(options.seed).stream('bandit');
    this.t = 0;
    this.context = this.random.int(this.contexts);
    return { observation: this.obs(), info: {} };
  }

  step(action: Action): StepResult {
    const want = this.best(this.context);
    const d = action.discrete!;
    const reward = want.every((w, i) => d[i] === w) ? 1 : 0;
    this.t++;
    this.context = this.random.int(this.contexts);
    return { observation: this.obs(), reward, terminated: false, truncated: this.t >= this.length, info: {} };
  }

  private obs(): Float32Array {
    const o = new Float32Array(this.contexts);
    o[this.context] = 1;
    return o;
  }
}
