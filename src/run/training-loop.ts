import { SimParallelEnv, type EnvPosition } from '../envs/sim-parallel-env.ts';
import type { RootRandom } from '../random/index.ts';
import type { AgentEntry, AnyScenarioPlugin } from '../scenarios/plugin.ts';
import type { ContextSink } from '../trace/index.ts';
import { checkpointDue } from './checkpoint.ts';
import { runEpisodesInTurn, type BetweenSlots } from './episode-loops.ts';
import { MetricsCollector } from './episode-metrics.ts';
import type { RunProgress, RunResult } from './pipeline.ts';
import type { Team } from './team.ts';
import { EpisodeAccumulator, type TrainingEpisode } from './training-log.ts';

/** One training run of one learning agent, as the pipeline hands it over. */
export interface TrainingRun {
  readonly name: string;
  readonly entry: AgentEntry<unknown>;
  readonly plugin: AnyScenarioPlugin;
  readonly params: unknown;
  /** The run's (traced) environment and its metrics collector; extra workers are built here. */
  readonly env: SimParallelEnv;
  readonly metrics: MetricsCollector;
  readonly team: Team;
  readonly runRoot: RootRandom;
  readonly run: number;
  readonly episodes: number;
  readonly result: RunResult;
  readonly traced?: ContextSink;
  readonly tag: { trainingRun?: number };
  readonly onProgress?: (p: RunProgress) => void;
  /** Called before each batch of episodes (yields to the event loop; throws to stop the run). */
  readonly pause: (episode: number) => Promise<void>;
  /** Awaited after every slot (yields to the event loop; throws to stop the run). */
  readonly between?: BetweenSlots;
  /** Continue this run from a checkpoint: episodes done, first trace episode, environment positions. */
  readonly resume?: { readonly episode: number; readonly trainFirst: number; readonly envs: readonly EnvPosition[] };
  /** Checkpoints: `save` is called after every `every` training episodes. */
  readonly checkpoint?: { readonly every: number; readonly save: (episode: number, trainFirst: number, workers: readonly SimParallelEnv[]) => Promise<void> };
}

/**
 * Trains `team` for `episodes` episodes (one per worker environment at a time, stepped in turn),
 * appending the training curve and log to `result`, and the training range to `result.episodes`.
 * Episode e of the run plays with seed `runRoot.child('train').seedOf('episode/e')`.
 */
export async function trainRun(t: TrainingRun): Promise<void> {
  const { name, env, result, run, resume } = t;
  const first = resume?.trainFirst ?? env.episodeIndex + 1;
  const trainRoot = t.runRoot.child('train');
  let curve: number[] = [];
  let log: TrainingEpisode[] = [];
  if (resume && run === 0) [curve, log] = [result.training[name], result.trainingLog[name]];
  else if (resume) curve = result.trainingRuns[name][run];
  else if (run === 0) [result.training[name], result.trainingLog[name]] = [curve, log];
  else (result.trainingRuns[name] ??= [result.training[name]]).push(curve);
  const workers = [env, ...Array.from({ length: (t.entry.workers ?? 1) - 1 }, () => new SimParallelEnv(t.plugin, t.params))];
  if (resume) workers.forEach((w, i) => w.restorePosition(resume.envs[i]));
  const collectors = workers.map((w, i) => (i === 0 ? t.metrics : new MetricsCollector(w.sim.scheduler, t.plugin.metrics)));
  for (let e = resume?.episode ?? 0; e < t.episodes; e += workers.length) {
    await t.pause(e);
    const batch = workers.slice(0, Math.min(workers.length, t.episodes - e));
    // Only the first worker (this env) is traced; its episode is e.
    t.traced?.setContext({ agent: name, stage: 'train', seed: trainRoot.seedOf(`episode/${e}`) });
    for (const c of collectors) c.clear();
    const logs = batch.map(() => new EpisodeAccumulator());
    const returns = await runEpisodesInTurn(batch, t.team, (i) => trainRoot.seedOf(`episode/${e + i}`), logs, t.between);
    const stats = t.team.trainingStats();
    for (const [i, ret] of returns.entries()) {
      curve.push(ret.reward);
      log.push(logs[i].finish(e + i, ret.reward, ret.slots, stats, collectors[i].episode().values));
      t.onProgress?.({ stage: 'train', agent: name, episode: e + i + 1, episodes: t.episodes, slots: ret.slots, lastReward: ret.reward, ...t.tag });
    }
    if (t.checkpoint && checkpointDue(t.checkpoint.every, e, batch.length)) await t.checkpoint.save(e + batch.length, first, workers);
  }
  result.episodes.push({ agent: name, stage: 'train', first, last: env.episodeIndex, ...t.tag });
}
