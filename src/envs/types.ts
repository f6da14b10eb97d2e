import type { Action, Space } from '../agents/common/spaces.ts';

/** What `reset` returns (Gymnasium shape). */
export interface ResetResult<Info = Record<string, unknown>> {
  readonly observation: Float32Array;
  readonly info: Info;
}

/** What `step` returns (Gymnasium shape). */
export interface StepResult<Info = Record<string, unknown>> {
  readonly observation: Float32Array;
  readonly reward: number;
  /** Reached a terminal state of the MDP. */
  readonly terminated: boolean;
  /** Cut by a time limit; the state is not terminal. */
  readonly truncated: boolean;
  readonly info: Info;
}

/**
 * A single-agent environment with the Gymnasium API, used for the built-in control tasks
 * (Pendulum, CartPole) and as the adapter over semsim scenarios.
 */
export interface Env<Info = Record<string, unknown>> {
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  reset(options?: { seed?: number }): ResetResult<Info>;
  step(action: Action): StepResult<Info>;
  close?(): void;
}

/**
 * A multi-agent environment shaped like PettingZoo's parallel API: every agent acts each
 * step; observations, rewards and flags are keyed by agent id.
 */
export interface ParallelEnv<Info = Record<string, unknown>> {
  /** The live agents (PettingZoo: empty once the episode is over). */
  readonly agents: readonly string[];
  /** Every agent id the environment can have (PettingZoo's `possible_agents`). */
  readonly possibleAgents?: readonly string[];
  observationSpace(agent: string): Space;
  actionSpace(agent: string): Space;
  reset(options?: { seed?: number }): { observations: Record<string, Float32Array>; infos: Record<string, Info> };
  step(actions: Record<string, Action>): {
    observations: Record<string, Float32Array>;
    rewards: Record<string, number>;
    terminations: Record<string, boolean>;
    truncations: Record<string, boolean>;
    infos: Record<string, Info>;
  };
  close?(): void;
}
