import { InvalidActionError } from '../envs/action-check.ts';
import { SimParallelEnv } from '../envs/sim-parallel-env.ts';
import type { Envelope } from '../events/index.ts';
import { RootRandom } from '../random/index.ts';
import { InputError } from '../scenarios/errors.ts';
import type { LoadedScenario } from '../scenarios/loader.ts';
import type { AgentEntry } from '../scenarios/plugin.ts';
import { ContextSink, type TraceSink } from '../trace/index.ts';
import { ActionRecorder, type ActionDiagnostics } from './diagnostics.ts';
import { MetricsCollector, type EpisodeMetrics } from './episode-metrics.ts';
import { Team } from './team.ts';
import { meanValues, runEpisode, summarise, summariseBreakdowns, type AgentSummary, type BreakdownSummary } from './episode-loops.ts';
import { restoredResult, savedResult, type CheckpointOptions } from './checkpoint.ts';
import { trainRun } from './training-loop.ts';
import type { TrainingEpisode } from './training-log.ts';
import { trainingSpread, type TrainingSpread } from './training-spread.ts';

/** Progress of a run, reported once per episode. */
export interface RunProgress {
  readonly stage: 'train' | 'eval';
  readonly agent: string;
  readonly episode: number;
  readonly episodes: number;
  readonly slots: number;
  readonly lastReward: number;
  /** Which training run (0-based), when the agent is trained more than once. */
  readonly trainingRun?: number;
}

/** One evaluation episode's per-slot metrics (for box plots and bands over time). */
export interface EvaluatedEpisode {
  /** Index of the evaluation seed (into `RunResult.evalSeeds`) and of the episode under it. */
  readonly seed: number;
  readonly episode: number;
  /** Per declared metric: its value in each slot. */
  readonly perSlot: Readonly<Record<string, readonly number[]>>;
}

export type { AgentSummary, BreakdownSummary } from './episode-loops.ts';

/** What a run produces (before it is written to disk). */
export interface RunResult {
  readonly kind: string;
  readonly params: unknown;
  /** Training return per episode (a team's: mean over its members), of the first training run. */
  readonly training: Record<string, number[]>;
  /** Per learning agent: one row per training episode of its first training run (losses, schedule, action statistics, metrics). */
  readonly trainingLog: Record<string, TrainingEpisode[]>;
  /** Per agent: every evaluation episode's per-slot metrics (first training run). */
  readonly evaluation: Record<string, EvaluatedEpisode[]>;
  /** Per agent: how often each discrete choice was taken in evaluation, per agent id and component. */
  readonly actionCounts: Record<string, Record<string, number[][]>>;
  /** Every training run's curve, when an agent was trained more than once (`run.trainingSeeds`). */
  readonly trainingRuns: Record<string, number[][]>;
  /** Per learning agent: each training run's evaluation means and their spread. */
  readonly trainingSpread: Record<string, TrainingSpread>;
  readonly agents: Record<string, AgentSummary>;
  /** Per agent: the metrics a scenario breaks down per entity (per device), each entity's interval. */
  readonly breakdowns: Record<string, BreakdownSummary>;
  /** What each agent's evaluation policy did with its action space (saturation, distinct actions). */
  readonly diagnostics: Record<string, ActionDiagnostics>;
  /** Every event of each agent's first evaluation episode (of its first training run). */
  readonly firstEpisode: Record<string, Envelope[]>;
  /** Trace episode ranges: which agent and stage each episode index belongs to. */
  readonly episodes: { agent: string; stage: 'train' | 'eval'; first: number; last: number; trainingRun?: number }[];
  readonly evalSeeds: number[];
  /** Set when the run stopped early on a signal: where it was. Agents not fully evaluated are left out. */
  interrupted?: { agent: string; stage: 'train' | 'eval'; episode: number; trainingRun?: number };
  /** Set when a learning agent produced a non-finite or malformed action: the run stopped there. */
  diverged?: { agent: string; stage: 'train' | 'eval'; episode: number; updates: number; message: string };
}

export interface RunOptions {
  readonly seed: number;
  readonly episodes: number;
  readonly agents: readonly string[];
  readonly sink?: TraceSink;
  readonly onProgress?: (p: RunProgress) => void;
  /** Stops the run after the current step (checked whenever the run yields to the event loop). */
  readonly signal?: AbortSignal;
  /**
   * Called with each team before training: resolve `true` when it loaded saved weights, and
   * the team is evaluated without training (`semsim eval --load`).
   */
  readonly load?: (agent: string, team: Team) => Promise<boolean>;
  /** Called with each team after training, before evaluation (`--save-models`). */
  readonly onTrained?: (agent: string, team: Team) => Promise<void>;
  /** Save the run's state every N training episodes, and/or continue from a saved state (`checkpoint.ts`). */
  readonly checkpoints?: CheckpointOptions;
}

/** Lets signal handlers run: the pipeline yields after every slot (`BetweenSlots`) and before every episode. */
const yieldToEventLoop = (): Promise<void> => new Promise((done) => setImmediate(done));

/** Thrown inside the loops to unwind to the agent loop when the run must stop. */
class StopRun extends Error {}

/** A scenario's agent entry by name (own keys only); bad input naming the allowed names otherwise. */
export function agentEntryOf(plugin: LoadedScenario['plugin'], name: string): AgentEntry<unknown> {
  if (!Object.hasOwn(plugin.agents, name)) throw new InputError(`agent '${name}' is not in scenario ${plugin.kind}'s catalogue; allowed: ${Object.keys(plugin.agents).join(', ')}`);
  return plugin.agents[name];
}

/** Seeds of the evaluation episodes: held out from training (a different child of the root). */
export function evaluationSeeds(root: RootRandom, count: number): number[] {
  const evalRoot = root.child('eval');
  return Array.from({ length: count }, (_, k) => evalRoot.seedOf(`seed/${k}`));
}

/** Evaluation episodes per evaluation seed: `evalEpisodes` spread over the seeds, rounded up, at least one. */
export function evalEpisodesPerSeed(run: { readonly evalEpisodes: number; readonly evalSeeds: number }): number {
  return Math.max(1, Math.ceil(run.evalEpisodes / run.evalSeeds));
}

/**
 * The run pipeline of every scenario plug-in: trains the learning agents, then evaluates
 * every agent on the same held-out seeds. Everything runs on one simulation, so one trace
 * holds the whole run (A2C's extra workers are untraced).
 */
export async function runScenario({ plugin, file }: LoadedScenario, options: RunOptions): Promise<RunResult> {
  const params = plugin.resolve(file);
  const root = new RootRandom(options.seed);
  // Every traced event carries the agent, stage and seed it belongs to (set before each episode).
  const traced = options.sink ? new ContextSink(options.sink) : undefined;
  const env = new SimParallelEnv(plugin, params, { sink: traced });
  const metrics = new MetricsCollector(env.sim.scheduler, plugin.metrics);
  const seeds = evaluationSeeds(root, file.run.evalSeeds);
  const perSeed = evalEpisodesPerSeed(file.run);
  const ckpt = options.checkpoints;
  const resume = ckpt?.resume;
  const result: RunResult = resume
    ? restoredResult(resume.result, params)
    : { kind: plugin.kind, params, training: {}, trainingRuns: {}, trainingSpread: {}, trainingLog: {}, evaluation: {}, actionCounts: {}, agents: {}, breakdowns: {}, diagnostics: {}, firstEpisode: {}, episodes: [], evalSeeds: seeds };

  for (const [index, name] of options.agents.entries()) {
    // A resumed run starts at the checkpoint's agent; the results of the agents before it came with the checkpoint.
    if (resume && index < resume.agentIndex) continue;
    const resuming = resume?.agentIndex === index ? resume : undefined;
    const entry = agentEntryOf(plugin, name);
    const overrides = file.agentConfig[name] ?? {};
    let team = Team.create(name, entry, env, root, overrides);
    let stage: 'train' | 'eval' = 'train';
    let episode = 0;
    let run = 0;
    const yieldOrStop = async (): Promise<void> => {
      await yieldToEventLoop();
      if (options.signal?.aborted) {
        result.interrupted = { agent: name, stage, episode, ...(run > 0 ? { trainingRun: run } : {}) };
        throw new StopRun();
      }
    };
    try {
      const loaded = (await options.load?.(name, team)) === true;
      const learns = entry.learns && !loaded;
      const runs = learns ? file.run.trainingSeeds : 1;
      // Episodes of every training run at evaluation seed k (pooled), and per run (the spread).
      const pooled: EpisodeMetrics[][] = resuming?.pooled ?? seeds.map(() => []);
      const perRun: EpisodeMetrics[][][] = resuming?.perRun ?? [];
      const recorder = new ActionRecorder();
      if (resuming) recorder.restore(resuming.recorder);
      for (run = resuming?.run ?? 0; run < runs; run++) {
        // Run 0 keeps the root's streams, so a one-run file traces exactly as before.
        const runRoot = run === 0 ? root : root.child(`training-run/${run}`);
        if (run > 0) {
          if (resuming?.run === run) team.dispose(); // built above from the root; this run's members draw from runRoot
          team = Team.create(name, entry, env, runRoot, overrides);
        }
        if (resuming?.run === run) {
          await team.loadState(resuming.team);
          team.updates = resuming.teamUpdates;
        }
        stage = 'train';
        const tag = runs > 1 ? { trainingRun: run } : {};
        if (learns) {
          const save = async (done: number, trainFirst: number, workers: readonly SimParallelEnv[]): Promise<void> =>
            ckpt!.save({ agentIndex: index, agent: name, run, episode: done, trainFirst, result: savedResult(result), pooled, perRun, recorder: recorder.state(), envs: workers.map((w) => w.position()), team: await team.saveState(), teamUpdates: team.updates });
          const resumeRun = resuming?.run === run ? resuming : undefined;
          const pause = (e: number): Promise<void> => ((episode = e), yieldOrStop());
          await trainRun({ name, entry, plugin, params, env, metrics, team, runRoot, run, episodes: options.episodes, result, traced, tag, onProgress: options.onProgress, pause, between: yieldOrStop, resume: resumeRun, checkpoint: ckpt && { every: ckpt.every, save } });
        }
        if (run === 0) await options.onTrained?.(name, team);
        stage = 'eval';
        const first = env.episodeIndex + 1;
        const bySeed: EpisodeMetrics[][] = [];
        if (run === 0) result.evaluation[name] = [];
        for (const [k, seed] of seeds.entries()) {
          const seedRoot = new RootRandom(seed);
          bySeed.push([]);
          for (let i = 0; i < perSeed; i++) {
            episode = k * perSeed + i;
            await yieldOrStop();
            const record: Envelope[] | undefined = run === 0 && k === 0 && i === 0 ? [] : undefined;
            const subscription = record ? env.sim.scheduler.events$.subscribe((e) => record.push(e)) : undefined;
            metrics.clear();
            traced?.setContext({ agent: name, stage: 'eval', seed });
            try {
              await runEpisode(env, team, seedRoot.seedOf(`episode/${i}`), recorder, yieldOrStop);
            } finally {
              subscription?.unsubscribe();
            }
            if (record) result.firstEpisode[name] = record;
            const m = metrics.episode();
            bySeed[k].push(m);
            pooled[k].push(m);
            if (run === 0) result.evaluation[name].push({ seed: k, episode: i, perSlot: m.perSlot });
            options.onProgress?.({ stage: 'eval', agent: name, episode: k * perSeed + i + 1, episodes: seeds.length * perSeed, slots: m.slots, lastReward: m.values.reward ?? 0, ...tag });
          }
        }
        result.episodes.push({ agent: name, stage: 'eval', first, last: env.episodeIndex, ...tag });
        perRun.push(bySeed);
        if (run < runs - 1) team.dispose();
      }
      const metricNames = plugin.metrics.map((m) => m.name);
      result.agents[name] = summarise(metricNames, pooled);
      const brokenDown = plugin.metrics.filter((m) => m.breakdown !== undefined).map((m) => m.name);
      if (brokenDown.length) result.breakdowns[name] = summariseBreakdowns(brokenDown, pooled);
      result.diagnostics[name] = recorder.summary(entry.learns, entry.stateIndependent === true);
      result.actionCounts[name] = recorder.discreteCounts();
      if (learns) result.trainingSpread[name] = trainingSpread(metricNames, perRun.map((bySeed) => bySeed.map((eps) => meanValues(metricNames, eps))));
    } catch (err) {
      if (err instanceof StopRun) break;
      // A learner's malformed action is divergence (keep what the run completed), not bad input.
      if (err instanceof InvalidActionError && entry.learns) {
        result.diverged = { agent: name, stage, episode, updates: team.updates, message: err.message };
        break;
      }
      throw err;
    } finally {
      team.dispose();
    }
  }
  return result;
}

/**
 * Builds (and disposes) every agent once before a run, so a bad `agentConfig` value fails at
 * once as bad input naming `agentConfig.<agent>` instead of after the agents before it trained.
 */
export function probeAgents({ plugin, file }: LoadedScenario, agents: readonly string[]): void {
  const env = new SimParallelEnv(plugin, plugin.resolve(file));
  const root = new RootRandom(0);
  for (const name of agents) {
    const entry = agentEntryOf(plugin, name);
    let team: Team;
    try {
      team = Team.create(name, entry, env, root, file.agentConfig[name] ?? {});
    } catch (err) {
      if (err instanceof RangeError || err instanceof TypeError) throw new InputError(`agentConfig.${name}: ${err.message}`);
      throw err;
    }
    team.dispose();
  }
}
