import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { initBackend, type BackendName } from '../../agents/common/backend.ts';
import { InputError } from '../../scenarios/errors.ts';
import { loadScenario, type LoadedScenario } from '../../scenarios/loader.ts';
import type { RunFile } from '../../scenarios/shared-schema.ts';
import { createSink, findTrace, traceHash, type SinkKind, type TraceSink } from '../../trace/index.ts';
import { AtomicRunDir } from '../../run/run-dir.ts';
import { checkCheckpointSupport } from '../../run/checkpoint.ts';
import { CheckpointSession } from '../../run/checkpoint-session.ts';
import { agentEntryOf, evalEpisodesPerSeed, probeAgents, runScenario, type AgentSummary } from '../../run/pipeline.ts';
import { runSummary, writeReport } from '../../run/write-results.ts';
import { applySets } from '../../run/sweep/set-path.ts';
import { ProgressBar, progressModeFor } from '../progress.ts';

/** Options of `semsim run`, already parsed from flags. */
export interface RunFlags {
  readonly scenario: string;
  readonly seed?: number;
  readonly episodes?: number;
  readonly slots?: number;
  readonly agent?: string;
  readonly out?: string;
  readonly trace: SinkKind;
  readonly budget?: string;
  readonly backend?: BackendName | 'auto';
  readonly quiet: boolean;
  /** Evaluation episodes and seeds (override the file's `run.evalEpisodes` / `run.evalSeeds`). */
  readonly evalEpisodes?: number;
  readonly evalSeeds?: number;
  /** Independent training runs per learning agent (overrides the budget's or `run.trainingSeeds`). */
  readonly trainingSeeds?: number;
  /** On Ctrl-C or SIGTERM, keep the partial run as `<out>.interrupted` instead of removing it. */
  readonly keepPartial?: boolean;
  /** Write each trained team to `models/<agent>/<agent id>/` in the run directory. */
  readonly saveModels?: boolean;
  /** `semsim eval`: a run directory whose `models/` holds trained agents; they are evaluated without training. */
  readonly load?: string;
  /** `--set path=value` overrides of scenario fields, validated like the file. */
  readonly sets?: readonly string[];
  /** Save a checkpoint every this many training episodes of each learning agent, in `<out>.checkpoint/`. */
  readonly checkpointEvery?: number;
  /** A checkpoint directory to continue a killed run from. */
  readonly resume?: string;
}

/** Exit codes of `semsim run` besides 0 (success), 1 (internal failure) and 2 (bad input). */
export const EXIT_DIVERGED = 3;
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

/** Applies flags to the scenario; throws `InputError` for an unknown agent or budget. */
export function resolveRun(loaded: LoadedScenario, flags: RunFlags): { scenario: RunFile; episodes: number; agents: string[] } {
  const scenario = loaded.file;
  const s: RunFile = {
    ...scenario,
    seed: flags.seed ?? scenario.seed,
    run: { ...scenario.run, slotsPerEpisode: flags.slots ?? scenario.run.slotsPerEpisode },
  };
  let episodes = s.run.episodes;
  let evalEpisodes = s.run.evalEpisodes;
  let trainingSeeds = s.run.trainingSeeds;
  const evalSeeds = flags.evalSeeds ?? s.run.evalSeeds;
  const presetName = flags.budget ?? (flags.episodes === undefined && s.budgetPresets.default ? 'default' : undefined);
  if (presetName !== undefined) {
    const preset = Object.hasOwn(s.budgetPresets, presetName) ? s.budgetPresets[presetName] : undefined;
    if (!preset) {
      const known = Object.keys(s.budgetPresets);
      throw new InputError(`--budget ${presetName}: unknown budget; allowed: ${known.length ? known.join(', ') : '(none defined in the scenario)'}`);
    }
    episodes = preset.episodes;
    evalEpisodes = preset.evalEpisodes ?? evalEpisodes;
    trainingSeeds = preset.trainingSeeds ?? trainingSeeds;
  }
  episodes = flags.episodes ?? episodes;
  // A short run asked for with --episodes stays short: evaluation is capped at the same number of
  // episodes (at least one per evaluation seed) unless --eval-episodes says otherwise. Without it,
  // `--episodes 1 --slots 5` still ran a file's `evalEpisodes: 100000`.
  if (flags.episodes !== undefined && flags.evalEpisodes === undefined) evalEpisodes = Math.min(evalEpisodes, Math.max(flags.episodes, evalSeeds));
  evalEpisodes = flags.evalEpisodes ?? evalEpisodes;
  trainingSeeds = flags.trainingSeeds ?? trainingSeeds;
  if (flags.agent !== undefined && flags.agent.trim() === '') throw new InputError(`--agent: needs an agent name; allowed: ${Object.keys(loaded.plugin.agents).join(', ')}`);
  if (flags.agent !== undefined && !Object.hasOwn(loaded.plugin.agents, flags.agent)) {
    throw new InputError(`--agent ${flags.agent}: unknown agent for scenario ${loaded.plugin.kind}; allowed: ${Object.keys(loaded.plugin.agents).join(', ')}`);
  }
  const agents = flags.agent !== undefined ? [flags.agent] : [...s.agents];
  for (const a of agents) agentEntryOf(loaded.plugin, a);
  return { scenario: { ...s, run: { ...s.run, evalEpisodes, evalSeeds, trainingSeeds } }, episodes, agents };
}

/** The default run directory: `base`, or `base-2`, `base-3`, ... if taken (an explicit --out must be new). */
export function freshRunDir(base: string): string {
  if (!existsSync(base)) return base;
  for (let i = 2; ; i++) if (!existsSync(`${base}-${i}`)) return `${base}-${i}`;
}

function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const v: Record<string, string> = { node: process.version };
  for (const pkg of ['xstate', 'rxjs', '@tensorflow/tfjs', '@duckdb/node-api', 'zod']) {
    try {
      v[pkg] = (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      v[pkg] = 'unknown';
    }
  }
  v.semsim = (require('../../../package.json') as { version: string }).version;
  return v;
}

/**
 * The git commit of the semsim checkout this CLI runs from, or undefined (an installed
 * package, no git on PATH). Read here, at the CLI, so nothing in the models depends on it.
 */
function semsimCommit(): string | undefined {
  try {
    const root = dirname(fileURLToPath(import.meta.url));
    const out = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
    return /^[0-9a-f]{7,40}$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** The content hash of the trace just written, or undefined without one. */
async function writtenTraceHash(dir: string, kind: SinkKind): Promise<string | undefined> {
  if (kind === 'none') return undefined;
  try {
    return await traceHash(await findTrace(dir));
  } catch {
    return undefined;
  }
}

/** Initialises TF.js; an unavailable backend is a usage error (exit 2). */
async function backendFor(flags: RunFlags): Promise<string> {
  try {
    return await initBackend(flags.backend ?? 'auto');
  } catch (err) {
    throw new InputError(`--backend ${flags.backend ?? 'auto'}: ${(err as Error).message}`);
  }
}

/**
 * `semsim run`: trains, evaluates and writes the run directory atomically. Returns the exit
 * code: 0, or 3 when a learning agent diverged (what completed is kept), or 130/143 when
 * interrupted by SIGINT/SIGTERM (the partial run is removed, or kept with --keep-partial).
 */
export async function runCommand(flags: RunFlags): Promise<number> {
  const sets = flags.sets ?? [];
  const loaded = loadScenario(flags.scenario, sets.length ? (raw) => applySets(raw, sets) : undefined);
  const { plugin } = loaded;
  const { scenario, episodes, agents } = resolveRun(loaded, flags);
  const checkpoints = new CheckpointSession(flags.resume, flags.checkpointEvery, flags.out);
  const out = checkpoints.target(() => freshRunDir(`runs/${scenario.name}-seed${scenario.seed}`));
  const dir = new AtomicRunDir(out);
  for (const stale of dir.staleRemoved) console.error(`semsim: removed ${stale}, left by a run that was killed`);
  let sink: TraceSink | undefined;
  const abort = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) process.exit(signal === 'SIGINT' ? EXIT_SIGINT : EXIT_SIGTERM); // a second signal: stop now
    signalled = signal;
    console.error(`\nsemsim: ${signal}: finishing the current step, then stopping (send it again to stop at once)`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const backend = agents.some((a) => plugin.agents[a].learns) ? await backendFor(flags) : 'none';
    probeAgents({ plugin, file: scenario }, agents);
    if (checkpoints.every !== undefined) checkCheckpointSupport({ plugin, file: scenario }, agents);
    checkpoints.identify({ scenario, seed: scenario.seed, episodes, agents, trace: flags.trace, backend, version: versions().semsim });
    // Not waiting for the trace writer to open its file: records queue meanwhile, and an error opening it is reported by close().
    sink = createSink(flags.trace, dir.tmp);
    let traceEvents = checkpoints.resumed?.traceEvents ?? 0;
    const counting: TraceSink = { write: (r) => (traceEvents++, sink!.write(r)), registerEvents: (c) => sink!.registerEvents?.(c), close: () => sink!.close() };
    const runSink = await checkpoints.open(flags.trace, counting, sink);
    if (checkpoints.every !== undefined) {
      console.error(`semsim: checkpoints every ${checkpoints.every} training episodes in ${checkpoints.dir}; if the run is killed, continue it with the same command and --resume ${checkpoints.dir}`);
    }
    const bar = new ProgressBar(process.stderr, progressModeFor(flags.quiet, process.stderr.isTTY === true));
    if (!flags.quiet) {
      const perSeed = evalEpisodesPerSeed(scenario.run);
      console.log(
        `semsim run ${flags.scenario}: seed ${scenario.seed}, ${episodes} training episodes x ${scenario.run.slotsPerEpisode} slots, ` +
          `evaluation ${scenario.run.evalSeeds} seeds x ${perSeed} episodes, agents ${agents.join(', ')}, backend ${backend}`,
      );
    }
    let lastStage = '';
    const modelsIn = flags.load !== undefined ? join(flags.load, 'models') : undefined;
    const result = await runScenario({ plugin, file: scenario }, {
      seed: scenario.seed,
      episodes,
      agents,
      sink: runSink,
      signal: abort.signal,
      checkpoints: checkpoints.options(dir.target, () => traceEvents),
      load: modelsIn
        ? async (name, team) => {
            if (!plugin.agents[name].learns) return false;
            const from = join(modelsIn, name);
            if (!existsSync(from)) throw new InputError(`--load ${flags.load}: no saved models for agent '${name}' (expected ${from}); run with --save-models first, or choose agents with --agent`);
            try {
              await team.load(from);
            } catch (err) {
              throw new InputError(`--load ${flags.load}: agent '${name}': ${(err as Error).message}`);
            }
            return true;
          }
        : undefined,
      onTrained: flags.saveModels ? (name, team) => team.save(dir.path(join('models', name))) : undefined,
      onProgress: (p) => {
        const stage = `${p.stage} ${p.agent}${p.trainingRun !== undefined ? ` #${p.trainingRun + 1}` : ''}`;
        if (stage !== lastStage && lastStage) bar.finish();
        lastStage = stage;
        bar.update(stage.padEnd(28), p.episode, p.episodes, p.slots, `reward ${p.lastReward.toFixed(2)}`);
      },
    });
    bar.finish();
    await sink.close();
    sink = undefined;
    const meta = { seed: scenario.seed, episodes, wallSeconds: bar.elapsedSeconds, traceEvents, scenarioName: scenario.name };
    writeFileSync(dir.path('summary.json'), JSON.stringify(runSummary(plugin, result, meta), null, 2) + '\n');
    writeFileSync(
      dir.path('config.json'),
      JSON.stringify({ scenario, seed: scenario.seed, trainingEpisodes: episodes, agents, trace: flags.trace, backend, versions: versions() }, null, 2) + '\n',
    );
    const semsimVersion = versions().semsim;
    await writeReport((n) => dir.path(n), plugin, result, { ...meta, version: semsimVersion, commit: semsimCommit(), traceHash: await writtenTraceHash(dir.tmp, flags.trace) });
    if (result.interrupted) {
      const where = `${result.interrupted.stage} ${result.interrupted.agent}, episode ${result.interrupted.episode + 1}`;
      if (checkpoints.saved) console.error(`semsim: the last checkpoint is kept in ${checkpoints.dir}; continue with the same command and --resume ${checkpoints.dir}`);
      if (flags.keepPartial) console.error(`semsim: interrupted during ${where}; partial run kept in ${dir.commit(`${dir.target}.interrupted`)}`);
      else {
        dir.abort();
        console.error(`semsim: interrupted during ${where}; partial run removed (--keep-partial keeps it)`);
      }
      if (Object.keys(result.agents).length) printTable(plugin.metrics.map((m) => m.name), result.agents, '(removed)');
      return signalled === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
    }
    const final = dir.commit();
    checkpoints.completed();
    if (!flags.quiet) printTable(plugin.metrics.map((m) => m.name), result.agents, final);
    else console.log(final);
    for (const [name, d] of Object.entries(result.diagnostics)) for (const w of d.warnings) console.error(`semsim: warning: ${name}: ${w}`);
    if (result.diverged) {
      const d = result.diverged;
      console.error(`semsim: agent ${d.agent} diverged at update ${d.updates} (${d.stage}, episode ${d.episode + 1}): ${d.message}\nwhat completed is in ${final}`);
      return EXIT_DIVERGED;
    }
    return 0;
  } catch (err) {
    if (sink) await sink.close().catch(() => undefined);
    dir.abort();
    throw err;
  } finally {
    checkpoints.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function printTable(metrics: readonly string[], agents: Record<string, AgentSummary>, dir: string): void {
  const f = (i: I): string => {
    const d = Math.abs(i.mean) < 10 ? 3 : Math.abs(i.mean) < 1000 ? 2 : 1;
    return `${i.mean.toFixed(d)} ±${((i.ci95[1] - i.ci95[0]) / 2).toFixed(d)}`;
  };
  const rows = Object.entries(agents).map(([n, a]) => [n, ...metrics.map((m) => f(a[m])), String(a.violations)]);
  const head = ['agent', ...metrics, 'violations'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
  console.log(`\n(per evaluation episode; ± = half-width of the 95 % interval over evaluation seeds)\nrun directory: ${dir}`);
}

type I = { mean: number; ci95: readonly [number, number] };
