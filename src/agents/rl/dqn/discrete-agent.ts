/**
 * Pieces the agents over joint discrete actions (DQN, D3QN, DRQN, discrete and hybrid SAC)
 * share: how a transition enters replay, how they explore, and how the Q-learners restore a
 * checkpoint. They live next to `joint-action.ts` because they all act on joint indices.
 */
import type { Transition } from '../../agent.ts';
import type { tf } from '../../common/backend.ts';
import type { Epsilon } from '../../common/epsilon.ts';
import { expectedWeights, loadWeights, restoreWeights } from '../../common/persistence.ts';
import type { WeightHolder } from '../../common/persistence.ts';
import type { StoredTransition } from '../../common/replay-buffer.ts';
import type { Space } from '../../common/spaces.ts';
import type { RandomStream } from '../../../random/index.ts';
import { encodeJointAction } from './joint-action.ts';
import { polyakUpdate } from './q-network.ts';

/** The replay row of a transition whose (multi-)discrete action in `space` is stored as one joint index. */
export function discreteTransition(space: Space, t: Transition): StoredTransition {
  return {
    observation: t.observation,
    discreteAction: [encodeJointAction(space, t.action)],
    reward: t.reward,
    nextObservation: t.nextObservation,
    terminated: t.terminated,
    truncated: t.truncated,
  };
}

/**
 * The random half of SB3 DQN's epsilon-greedy acting: a uniformly random joint index among
 * `actions` during warm-up, and with probability `epsilon` after it; `undefined` means act
 * greedily. Past warm-up it draws one `uniform()`, then an `int()` only when it explores;
 * seeded runs depend on exactly this order of draws.
 */
export function epsilonExploration(rng: RandomStream, actions: number, warmingUp: boolean, epsilon: number): number | undefined {
  return warmingUp || rng.uniform() < epsilon ? rng.int(actions) : undefined;
}

/**
 * Inverse-CDF draw of an index from the categorical distribution `probs` with `u` uniform in
 * [0, 1). When float32 probabilities sum to slightly less than 1, the leftover mass goes to
 * the last index, so a valid index always comes out.
 */
export function sampleCategorical(probs: ArrayLike<number>, u: number): number {
  let a = 0;
  while (a < probs.length - 1 && u >= probs[a]) u -= probs[a++];
  return a;
}

/** A Q-network as checkpoints see it: flat weights plus the variables a target copies. */
export type CheckpointedQ = WeightHolder & { readonly variables: tf.Variable[] };

/**
 * Restores a DQN or DRQN checkpoint: the online network from the arrays `q/0, q/1, ...` (any
 * other or missing array is refused), the target as an exact copy of it, and the epsilon
 * schedule's state when the checkpoint carries one.
 */
export async function loadQCheckpoint(dir: string, online: CheckpointedQ, target: CheckpointedQ, epsilon: Epsilon): Promise<void> {
  const { arrays, metadata } = await loadWeights(dir, expectedWeights('q', online));
  restoreWeights('q', online, arrays);
  polyakUpdate(target.variables, online.variables, 1);
  const state = metadata.epsilon as { steps: number; adaptive: number } | undefined;
  if (state) epsilon.setState(state);
}
