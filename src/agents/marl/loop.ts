/**
 * Training and evaluation loops for {@link IndependentLearners} on a `ParallelEnv`. The agents
 * of these environments live and end together: an episode ends as soon as any agent is
 * terminated or truncated.
 */
import type { ParallelEnv } from '../../envs/types.ts';
import type { IndependentLearners } from './independent.ts';

export interface ParallelTrainOptions {
  /** Joint environment steps. */
  readonly steps: number;
  /** Seed of the first reset. */
  readonly seed: number;
  /** Called at the end of every episode with the team's (summed over agents) return. */
  readonly onEpisode?: (e: { episode: number; step: number; teamReturn: number }) => void;
}

/** Act, step, observe, update; returns each episode's team return (rewards summed over agents). */
export function trainParallel(env: ParallelEnv, learners: IndependentLearners, options: ParallelTrainOptions): number[] {
  let { observations } = env.reset({ seed: options.seed });
  const returns: number[] = [];
  let running = 0;
  for (let step = 1; step <= options.steps; step++) {
    const actions = learners.act(observations, true);
    const r = env.step(actions);
    learners.observe({ observations, actions, rewards: r.rewards, nextObservations: r.observations, terminations: r.terminations, truncations: r.truncations });
    learners.update();
    running += learners.agentIds.reduce((s, id) => s + r.rewards[id], 0);
    const done = learners.agentIds.some((id) => r.terminations[id] || r.truncations[id]);
    if (done) {
      learners.onEpisodeEnd();
      returns.push(running);
      options.onEpisode?.({ episode: returns.length, step, teamReturn: running });
      running = 0;
      observations = env.reset().observations;
    } else {
      observations = r.observations;
    }
  }
  return returns;
}

/** Team returns of `episodes` episodes with every agent's evaluation policy. */
export function evaluateParallel(env: ParallelEnv, learners: IndependentLearners, options: { episodes: number; seed: number; maxEpisodeSteps?: number }): number[] {
  const cap = options.maxEpisodeSteps ?? 100_000;
  const returns: number[] = [];
  for (let ep = 0; ep < options.episodes; ep++) {
    let { observations } = env.reset(ep === 0 ? { seed: options.seed } : {});
    let total = 0;
    for (let t = 0; t < cap; t++) {
      const r = env.step(learners.act(observations, false));
      total += learners.agentIds.reduce((s, id) => s + r.rewards[id], 0);
      observations = r.observations;
      if (learners.agentIds.some((id) => r.terminations[id] || r.truncations[id])) break;
    }
    learners.onEpisodeEnd();
    returns.push(total);
  }
  return returns;
}
