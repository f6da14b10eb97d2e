import type { Agent } from '../../src/agents/agent.ts';

/**
 * One agent-verification case: train an algorithm on a task for one seed and return the
 * final evaluation return, to be compared with a published reference (RL Zoo benchmarks).
 */
export interface VerifyCase {
  /** Registry name of the algorithm (`sac`, `dqn`, ...); `--only` matches it. */
  algo: string;
  /** Task name, e.g. `Pendulum-v1`. */
  env: string;
  /** Environment steps of training per seed. */
  steps: number;
  /** Published mean return to compare with, and where it comes from; `null` when there is none. */
  reference: { mean: number; source: string } | null;
  /**
   * Seeds when `--seeds` is not given (3 otherwise). DQN and D3QN on CartPole set 10: their
   * final returns are bimodal (a run holds 500 or has slid back to ~100), and with 3 seeds
   * whether the reference lies within one std is mostly luck of the draw.
   */
  defaultSeeds?: number;
  /** The case's agent with the case's own settings, untrained (to list its config fields). */
  probe(): Agent;
  /**
   * Train with `seed` and return the mean return of the final evaluation. `overrides` (from
   * `--config`) are merged over the case's own agent config, for tuning experiments.
   */
  run(seed: number, log: (msg: string) => void, overrides: AgentOverrides): Promise<number>;
}

/** Agent config fields to change from a case's settings, e.g. `{ learningRate: 1e-3 }`. */
export type AgentOverrides = Readonly<Record<string, unknown>>;
