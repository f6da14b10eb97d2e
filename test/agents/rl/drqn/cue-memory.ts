import { box, discrete } from '../../../../src/agents/common/spaces.ts';
import type { Action } from '../../../../src/agents/common/spaces.ts';
import type { Env, ResetResult, StepResult } from '../../../../src/envs/types.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import type { RandomStream } from '../../../../src/random/index.ts';

/**
 * A memory task: step 0 shows a cue (one of two), `delay` blank steps follow, then a query
 * step asks for the cue; answering it earns 1 and ends the episode. Observations are
 * `[cue0, cue1, query]`. Without memory the query step looks the same for both cues, so a
 * memoryless policy answers right half the time; an agent with memory answers right always.
 */
export class CueMemory implements Env {
  readonly observationSpace = box(3, 0, 1);
  readonly actionSpace = discrete(2);
  private random: RandomStream;
  private cue = 0;
  private t = 0;

  constructor(
    readonly delay = 2,
    seed = 0,
  ) {
    this.random = new RootRandom(seed).stream('cue');
  }

  reset(options?: { seed?: number }): ResetResult {
    if (options?.seed !== undefined) this.random = new RootRandom(options.seed).stream('cue');
    this.cue = this.random.int(2);
    this.t = 0;
    return { observation: this.cue === 0 ? Float32Array.of(1, 0, 0) : Float32Array.of(0, 1, 0), info: {} };
  }

  step(action: Action): StepResult {
    const queried = this.t === this.delay + 1;
    this.t++;
    if (queried) {
      return { observation: new Float32Array(3), reward: action.discrete![0] === this.cue ? 1 : 0, terminated: true, truncated: false, info: {} };
    }
    const query = this.t === this.delay + 1 ? 1 : 0;
    return { observation: Float32Array.of(0, 0, query), reward: 0, terminated: false, truncated: false, info: {} };
  }
}
