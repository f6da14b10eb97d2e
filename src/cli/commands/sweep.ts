import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { cliCommand, semsimVersion } from '../../run/sweep/cli-child.ts';
import { InputError } from '../../run/sweep/errors.ts';
import { expandPoints, expandShards } from '../../run/sweep/expand.ts';
import { checkK8sFlags, renderIndexedJob } from '../../run/sweep/k8s.ts';
import { loadSweep } from '../../run/sweep/load.ts';
import { writeAtomic } from '../../run/sweep/manifest.ts';
import { runPool } from '../../run/sweep/pool.ts';
import { SweepProgress } from '../../run/sweep/progress.ts';
import { checkNotShipped, reproduceFile } from '../../run/sweep/reproduce.ts';
import { sweepJsonSchema } from '../../run/sweep/schema.ts';
import { cleanStale } from '../../run/sweep/shard.ts';
import { checkSlurmFlags, renderSbatch } from '../../run/sweep/slurm.ts';
import { collectSweep, prepareSweep, type PreparedSweep } from '../../run/sweep/sweep.ts';
import { parseChoice, parseIntFlag } from '../flags.ts';
import { usage } from '../help.ts';

const OPTIONS = {
  workers: { type: 'string' },
  out: { type: 'string' },
  budget: { type: 'string' },
  set: { type: 'string', multiple: true },
  emit: { type: 'string' },
  collect: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  schema: { type: 'boolean' },
  quiet: { type: 'boolean' },
  throttle: { type: 'string' },
  time: { type: 'string' },
  mem: { type: 'string' },
  partition: { type: 'string' },
  image: { type: 'string' },
  pvc: { type: 'string' },
  mount: { type: 'string' },
  parallelism: { type: 'string' },
} as const;

const SLURM_ONLY = ['throttle', 'time', 'partition'];
const K8S_ONLY = ['image', 'pvc', 'mount', 'parallelism'];

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

function parse(args: readonly string[], options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (err) {
    throw new InputError(`${(err as Error).message.split('\n')[0]}\n${usage()}`);
  }
}

/** `semsim sweep`: returns the exit code (1 when shards failed). */
export async function sweepCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (values.schema) {
    if (positionals.length) throw new InputError(`--schema takes no sweep file\n${usage()}`);
    console.log(JSON.stringify(sweepJsonSchema(), null, 2));
    return 0;
  }
  if (positionals.length !== 1) throw new InputError(`expected 1 argument (the sweep file), got ${positionals.length}\n${usage()}`);
  return runSweep(positionals[0], values);
}

/** `semsim reproduce <scenario> [--budget quick|paper] [--out DIR] [--workers N] [--emit ...]`. */
export async function reproduceCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS);
  if (positionals.length !== 1) throw new InputError(`expected 1 argument (the scenario), got ${positionals.length}\n${usage()}`);
  const scenario = positionals[0];
  const file = reproduceFile(scenario);
  const budget = parseChoice('--budget', values.budget ?? 'quick', ['quick', 'paper'] as const);
  const out = values.out ?? join('runs', 'reproduce', `${scenario}-${budget}`);
  checkNotShipped(out);
  return runSweep(file, { ...values, budget, out });
}

async function runSweep(file: string, v: Values): Promise<number> {
  const workers = parseIntFlag('--workers', v.workers, 1, 1024) ?? availableParallelism();
  const emit = v.emit === undefined ? undefined : parseChoice('--emit', v.emit, ['slurm', 'k8s'] as const);
  if (emit && v.collect) throw new InputError('--emit and --collect: choose one');
  if (emit === 'slurm') checkSlurmFlags({ time: v.time, mem: v.mem, partition: v.partition });
  if (emit === 'k8s') checkK8sFlags({ mem: v.mem, image: v.image, pvc: v.pvc });
  const misplaced = Object.keys(v).filter((k) => (emit !== 'slurm' && SLURM_ONLY.includes(k)) || (emit !== 'k8s' && K8S_ONLY.includes(k)) || (!emit && k === 'mem'));
  if (misplaced.length) throw new InputError(`--${misplaced[0]}: only with --emit ${K8S_ONLY.includes(misplaced[0]) ? 'k8s' : 'slurm'}${misplaced[0] === 'mem' ? ' or k8s' : ''}`);
  const throttle = parseIntFlag('--throttle', v.throttle, 1, 100_000);
  const parallelism = parseIntFlag('--parallelism', v.parallelism, 1, 100_000);
  const load = { preset: v.budget, sets: v.set ?? [] };
  if (v['dry-run']) return dryRun(file, load);
  const prepared = await prepareSweep(file, { ...load, out: v.out, workers, check: !v.collect });
  const { manifest: m, dir } = prepared;
  const pending = m.shards.filter((s) => !dir.done(s.hash)).map((s) => s.index);
  const shown = display(dir.root);
  if (emit === 'slurm') {
    if (pending.length === 0) return say(`${shown}: all ${m.shards.length} shards are finished; nothing to submit (collect with --collect)`);
    const path = join(dir.root, 'sweep.sbatch');
    writeAtomic(path, renderSbatch({ manifest: dir.manifest, indices: pending, jobName: `semsim-${m.sweep}`, logDir: dir.logs, command: cliCommand(), throttle, time: v.time, mem: v.mem, partition: v.partition }));
    return say(`${shown}: ${pending.length} of ${m.shards.length} shards to run; submit with: sbatch ${display(path)}`);
  }
  if (emit === 'k8s') {
    const path = join(dir.root, 'sweep-job.yaml');
    writeAtomic(path, renderIndexedJob({ name: m.sweep, shards: m.shards.length, parallelism, image: v.image ?? `semsim:${semsimVersion()}`, pvc: v.pvc ?? 'semsim-sweep', mount: v.mount ?? '/sweep', memory: v.mem }));
    return say(`${shown}: Indexed Job over ${m.shards.length} shards (${pending.length} unfinished); apply with: kubectl apply -f ${display(path)}`);
  }
  if (!v.collect) {
    const code = await runLocal(prepared, pending, workers, v.quiet === true);
    if (code === 130) return code;
  }
  const r = await collectSweep(dir, m);
  for (const w of r.warnings) console.error(`semsim sweep: warning: ${w}`);
  console.log(`${shown}: ${r.done.length}/${m.shards.length} shards collected -> sweep.duckdb, results.parquet, aggregate.csv, summary.md${r.files.some((f) => f.startsWith('figures/')) ? ', figures/' : ''}`);
  if (r.failed.length) console.error(`semsim sweep: ${r.failed.length} shard(s) failed or unfinished (${r.failed.join(', ')}); logs in ${display(dir.logs)}; rerun to retry`);
  return r.failed.length && !v.collect ? 1 : 0;
}

/** A path relative to the working directory when it is below it, else absolute. */
function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

function say(line: string): number {
  console.log(line);
  return 0;
}

async function runLocal({ manifest: m, dir }: PreparedSweep, pending: number[], workers: number, quiet: boolean): Promise<number> {
  const removed = cleanStale(dir);
  if (removed && !quiet) console.error(`semsim sweep: removed ${removed} unfinished shard director${removed === 1 ? 'y' : 'ies'} of an earlier, interrupted sweep`);
  if (!quiet) console.error(`semsim sweep ${m.sweep}: ${m.points.length} points x ${m.shards.length / Math.max(1, m.points.length)} seeds = ${m.shards.length} shards, ${m.shards.length - pending.length} finished before, ${workers} workers`);
  const progress = new SweepProgress(process.stderr, pending.length, m.shards.length - pending.length, !quiet && process.stderr.isTTY === true);
  const pool = runPool(dir, m, pending, workers, {
    onStart: () => !quiet && progress.started(),
    onEnd: (o) => {
      if (!quiet) progress.ended(o.status === 'skipped' ? 'done' : o.status);
      if (o.status === 'failed') console.error(`\nsemsim sweep: shard ${o.index} failed (exit ${o.code}); log ${display(o.log)}:\n${o.tail}`);
    },
  });
  let interrupted = false;
  const stop = (): void => {
    interrupted = true;
    pool.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await pool.done;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (!quiet) progress.finish();
  }
  if (interrupted) {
    console.error('semsim sweep: interrupted; finished shards are kept, rerun the same command to resume');
    return 130;
  }
  return 0;
}

function dryRun(file: string, load: { preset?: string; sets: string[] }): number {
  const sweep = loadSweep(file, load);
  const points = expandPoints(sweep);
  const shards = expandShards(sweep, points, semsimVersion());
  console.log(`${sweep.name}: ${points.length} points x ${sweep.seeds.length} seeds = ${shards.length} shards`);
  for (const p of points) console.log(`  point ${p.index}: ${JSON.stringify(p.values)}`);
  return 0;
}
