import type { AgentState } from '../agents/common/checkpoint-state.ts';
import { SimParallelEnv, type EnvPosition } from '../envs/sim-parallel-env.ts';
import { RootRandom } from '../random/index.ts';
import { InputError } from '../scenarios/errors.ts';
import type { LoadedScenario } from '../scenarios/loader.ts';
import type { RecorderState } from './diagnostics.ts';
import type { EpisodeMetrics } from './episode-metrics.ts';
import type { RunResult } from './pipeline.ts';
import { Team } from './team.ts';

/**
 * Run checkpoints inside the pipeline: what a checkpoint holds and when one is due. Writing it
 * to disk, the trace journal and resuming from the command line are `checkpoint-store.ts`,
 * `checkpoint-journal.ts` and the `run` command.
 */

/** Where a run stood after a training episode: everything the pipeline needs to continue from there. */
export interface PipelineCheckpoint {
  /** Index (in the run's agent list) and name of the agent being trained. */
  readonly agentIndex: number;
  readonly agent: string;
  /** Its training run (`run.trainingSeeds`) and the training episodes of that run already done. */
  readonly run: number;
  readonly episode: number;
  /** Trace episode index of this training run's first episode (its range in `episodes`). */
  readonly trainFirst: number;
  /** The results so far (agents before this one are complete); `params` is recomputed on resume. */
  readonly result: Omit<RunResult, 'params'>;
  /** This agent's evaluation episodes of its earlier training runs, and its evaluation action record. */
  readonly pooled: EpisodeMetrics[][];
  readonly perRun: EpisodeMetrics[][][];
  readonly recorder: RecorderState;
  /** Position of the environment and of each extra worker environment (A2C). */
  readonly envs: EnvPosition[];
  /** Every team member's training state, and the team's update count. */
  readonly team: Record<string, AgentState>;
  readonly teamUpdates: number;
}

/** `RunOptions.checkpoints`: how often to save, where to, and what to resume from. */
export interface CheckpointOptions {
  /** Save after every this many training episodes of a learning agent (per training run). */
  readonly every: number;
  readonly save: (state: PipelineCheckpoint) => Promise<void>;
  readonly resume?: PipelineCheckpoint;
}

/** Whether a checkpoint is due after training episodes [done, done + batch) (A2C trains several at once). */
export function checkpointDue(every: number, done: number, batch: number): boolean {
  return Math.floor((done + batch) / every) > Math.floor(done / every);
}

/** The result to continue with: the checkpoint's, with the scenario's resolved parameters. */
export function restoredResult(saved: Omit<RunResult, 'params'>, params: unknown): RunResult {
  return { ...saved, params };
}

/** The result as a checkpoint stores it (without the parameters, which the scenario file gives). */
export function savedResult(result: RunResult): Omit<RunResult, 'params'> {
  const { params: _params, ...rest } = result;
  return rest;
}

/**
 * Bad input unless every member of every learning agent's team can write its training state:
 * asked before the run starts, so `--checkpoint-every` never fails at the first checkpoint.
 */
export function checkCheckpointSupport({ plugin, file }: LoadedScenario, agents: readonly string[]): void {
  const env = new SimParallelEnv(plugin, plugin.resolve(file));
  for (const name of agents) {
    const entry = plugin.agents[name];
    if (!entry.learns) continue;
    const team = Team.create(name, entry, env, new RootRandom(0), file.agentConfig[name] ?? {});
    const missing = team.membersWithoutState();
    team.dispose();
    if (missing.length > 0) {
      throw new InputError(
        `--checkpoint-every: agent '${name}' cannot be checkpointed: its agent class has no saveState/loadState (see docs/agents.md, "Checkpoints"); run it without --checkpoint-every or choose other agents with --agent`,
      );
    }
  }
}
