/**
 * The synchronous multi-environment loop A2C expects: `envs` are stepped one after the other,
 * each step's transition observed right away, so an agent configured with
 * `numEnvs = envs.length` sees them round-robin (environment i at every i-th transition).
 * It replaces A3C's asynchronous workers with a deterministic order (A2C, Wu et al. 2017).
 */
import type { Agent } from '../../agent.ts';
import type { Env } from '../../../envs/types.ts';

export interface InTurnOptions {
  /** Total environment steps over all environments. */
  readonly steps: number;
  /** Environment i is first reset with seed `seed + i`. */
  readonly seed: number;
  /** Called after each finished episode of any environment. */
  readonly onEpisode?: (e: { env: number; episodeReturn: number; step: number }) => void;
}

export interface InTurnResult {
  readonly steps: number;
  readonly episodeReturns: readonly number[];
  readonly updates: number;
}

export function trainInTurn(envs: readonly Env[], agent: Agent, options: InTurnOptions): InTurnResult {
  const obs = envs.map((e, i) => e.reset({ seed: options.seed + i }).observation);
  const running = envs.map(() => 0);
  const episodeReturns: number[] = [];
  let step = 0;
  let updates = 0;
  while (step < options.steps) {
    for (let i = 0; i < envs.length && step < options.steps; i++) {
      const action = agent.act(obs[i], true);
      const r = envs[i].step(action);
      agent.observe({ observation: obs[i], action, reward: r.reward, nextObservation: r.observation, terminated: r.terminated, truncated: r.truncated });
      step++;
      running[i] += r.reward;
      if (agent.update() !== undefined) updates++;
      if (r.terminated || r.truncated) {
        episodeReturns.push(running[i]);
        options.onEpisode?.({ env: i, episodeReturn: running[i], step });
        running[i] = 0;
        obs[i] = envs[i].reset().observation;
      } else {
        obs[i] = r.observation;
      }
    }
  }
  return { steps: step, episodeReturns, updates };
}
