import { describe, expect, it } from 'vitest';
import { createParallelEnv } from '../../src/create-env.ts';
import type { SimParallelEnv } from '../../src/envs/sim-parallel-env.ts';

const scenario = { scenario: 'toscn', seed: 3, run: { slotsPerEpisode: 4 } };

/** Rewards of one episode with seed `seed` and the all-zero action (the box centre). */
function episodeRewards(env: SimParallelEnv, seed: number): number[] {
  env.reset({ seed });
  const id = env.possibleAgents[0];
  const size = (env.actionSpace(id) as { size: number }).size; // toscn: a box
  const rewards: number[] = [];
  for (let done = false; !done; ) {
    const r = env.step({ [id]: { continuous: new Float32Array(size) } });
    rewards.push(r.rewards[id]);
    done = r.truncations[id];
  }
  return rewards;
}

describe('SimParallelEnv after a failed episode', () => {
  it('a bad decision that bypasses step() fails that episode only: reset() runs the next one as a fresh env would', () => {
    const env = createParallelEnv(scenario);
    env.reset({ seed: 1 });
    const id = env.possibleAgents[0];
    const size = (env.actionSpace(id) as { size: number }).size;
    // What a caller holding the simulation could do: emit a decision with NaN straight into the scheduler.
    const { scheduler } = env.sim;
    scheduler.emit(id, { type: 'decision.made', payload: { episode: env.episodeIndex, forSlot: 0, agent: id, action: { continuous: Array(size).fill(NaN) }, fallback: false } });
    expect(() => env.step({ [id]: { continuous: new Float32Array(size) } })).toThrow(/action\[0\] is NaN/);

    const reference = createParallelEnv(scenario);
    reference.reset({ seed: 1 });
    expect(episodeRewards(env, 7)).toEqual(episodeRewards(reference, 7));
    expect(episodeRewards(env, 8)).toEqual(episodeRewards(reference, 8));
  });
});
