import type { StateReader, StateWriter } from './common/checkpoint-state.ts';
import type { Action, Space } from './common/spaces.ts';

/** One environment transition as an agent learns from it. */
export interface Transition {
  readonly observation: Float32Array;
  readonly action: Action;
  readonly reward: number;
  readonly nextObservation: Float32Array;
  /** The episode ended in a terminal state (no bootstrapping). */
  readonly terminated: boolean;
  /** The episode was cut by a time limit (bootstrap from `nextObservation`). */
  readonly truncated: boolean;
  /**
   * Which of the learner's parallel environments produced it (A2C's synchronous workers,
   * stepped in turn); absent with one environment.
   */
  readonly env?: number;
}

/** What an agent needs to know about the environment it acts in. */
export interface AgentEnvSpec {
  readonly observationSpace: Space;
  readonly actionSpace: Space;
}

/** Result of one learning step, for logging. Keys are loss names (`critic`, `actor`, `alpha`, ...). */
export type UpdateInfo = Readonly<Record<string, number>>;

/**
 * The one interface every agent implements (DESIGN.md "Agents"): learning agents, baselines
 * and user agents alike. `act` is synchronous on purpose: inference of small nets is
 * cheaper than a promise round-trip and keeps runs deterministic.
 */
export interface Agent {
  /** Registry name, e.g. `ddpg`, `greedy`. */
  readonly name: string;
  /**
   * Choose an action. `explore` = training behaviour (noise, sampling, epsilon);
   * `false` = the deterministic evaluation policy. `env`: which of a learner's parallel
   * environments the step is for (A2C's workers; see `Transition.env`), absent with one.
   */
  act(observation: Float32Array, explore: boolean, env?: number): Action;
  /** Record a transition (replay buffer or rollout). */
  observe(transition: Transition): void;
  /** Run the learning updates due now; returns losses when an update ran, else `undefined`. */
  update(): UpdateInfo | undefined;
  /**
   * The agent's training schedule as it stands now, for the run's training log
   * (`training/<agent>.csv`): exploration (`epsilon`, `noiseStd`), entropy coefficient
   * (`alpha`), learning rates. Read once per training episode, at its end; losses are not
   * repeated here (they come from `update()`). Optional: agents without a schedule omit it.
   */
  trainingStats?(): UpdateInfo;
  /** Called at episode boundaries (recurrent state reset, epsilon schedules). */
  onEpisodeEnd?(): void;
  /** Save the evaluation policy (and weights) to a directory. */
  save(dir: string): Promise<void>;
  /** Load what `save` wrote. */
  load(dir: string): Promise<void>;
  /**
   * Optional (run checkpoints, `--checkpoint-every`): write the full training state at an
   * episode boundary: weights, optimiser state, replay, RNG stream positions, schedules and
   * counters. An agent without it cannot be checkpointed (the run refuses `--checkpoint-every`).
   */
  saveState?(out: StateWriter): Promise<void>;
  /** Restore what `saveState` wrote into this freshly built agent (same config, spaces and seed). */
  loadState?(from: StateReader): Promise<void>;
  /** Release tensors. */
  dispose(): void;
}
