/**
 * A small hybrid-action task for checking hybrid SAC: pick an arm (discrete) and a level
 * (continuous) where the best level depends on the arm and the best arm on a context, so the
 * two halves of the action must be learned jointly. The optimum is known in closed form.
 */
import { box, hybrid, multiDiscrete } from '../../common/spaces.ts';
import type { Action, BoxSpace, HybridSpace } from '../../common/spaces.ts';
import type { Env, ResetResult, StepResult } from '../../../envs/types.ts';
import { RootRandom } from '../../../random/index.ts';
import type { RandomStream } from '../../../random/index.ts';

/** Reward peak of arm k in context c: `PEAKS[c][k]`. */
export const ARM_PEAKS: readonly (readonly number[])[] = [
  [0.5, 1.0, 0.8],
  [1.0, 0.2, 0.8],
];
/** Level at which arm k peaks in context c: `LEVELS[c][k]`, in [-1, 1]. */
export const ARM_LEVELS: readonly (readonly number[])[] = [
  [-0.5, 0.6, 0.0],
  [-0.5, 0.6, 0.0],
];
/** Curvature of the reward around each peak. */
export const ARM_CURVATURE = 2;

/** Reward of arm `k` at level `x` in context `c`: `peak - curvature * (x - level)^2`. */
export function armReward(c: number, k: number, x: number): number {
  return ARM_PEAKS[c][k] - ARM_CURVATURE * (x - ARM_LEVELS[c][k]) ** 2;
}

/**
 * Observation: one-hot context (2). Action: hybrid (level in [-1, 1], arm in {0, 1, 2}).
 * Context 0: arm 1 at level 0.6 earns 1.0; context 1: arm 0 at level -0.5 earns 1.0. Choosing
 * the right arm with the other arm's level is worse than a mediocre arm at its own level
 * (e.g. context 0, arm 1 at -0.5: 1 - 2 * 1.21 = -1.42 < 0.5), so the coupling matters.
 * Episodes last `length` steps (truncated); the context is redrawn every step.
 */
export class HybridArms implements Env {
  readonly observationSpace: BoxSpace = box(2, 0, 1);
  readonly actionSpace: HybridSpace = hybrid(box(1, -1, 1), multiDiscrete([3]));
  private random: RandomStream;
  private context = 0;
  private t = 0;

  constructor(
    readonly length = 10,
    seed = 0,
  ) {
    this.random = new RootRandom(seed).stream('env/hybrid-arms');
  }

  reset(options?: { seed?: number }): ResetResult {
    if (options?.seed !== undefined) this.random = new RootRandom(options.seed).stream('env/hybrid-arms');
    this.t = 0;
    this.context = this.random.int(2);
    return { observation: this.obs(), info: {} };
  }

  step(action: Action): StepResult {
    const x = action.continuous?.[0];
    const k = action.discrete?.[0];
    if (x === undefined || !(x >= -1 && x <= 1) || k === undefined || !(k >= 0 && k < 3)) {
      throw new RangeError(`HybridArms needs a level in [-1, 1] and an arm in {0, 1, 2}, got ${x}, ${k}`);
    }
    const reward = armReward(this.context, k, x);
    this.t++;
    this.context = this.random.int(2);
    return { observation: this.obs(), reward, terminated: false, truncated: this.t >= this.length, info: {} };
  }

  private obs(): Float32Array {
    return this.context === 0 ? Float32Array.of(1, 0) : Float32Array.of(0, 1);
  }
}

