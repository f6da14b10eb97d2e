/**
 * Runs one shard: `semsim run <resolved scenario> --seed S --out <tmp> --quiet --trace none`
 * as a child process, then renames the run directory to `results/<hash>/` (atomic: a result
 * exists completely or not at all). Temporary directories are `results/.tmp-*`, tagged with
 * their owner (host, pid) and the child's pid so that a later sweep can clean up after a kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { alive } from '../run-dir.ts';
import { cliCommand } from './cli-child.ts';
import type { Manifest, SweepDir } from './manifest.ts';

/** How a shard ended. */
export type ShardOutcome =
  | { readonly status: 'done' | 'skipped'; readonly index: number }
  | { readonly status: 'failed'; readonly index: number; readonly code: number; readonly log: string; readonly tail: string }
  | { readonly status: 'killed'; readonly index: number };

/** A shard in progress. */
export interface RunningShard {
  readonly index: number;
  readonly done: Promise<ShardOutcome>;
  /** Stops the child (SIGTERM); `done` then resolves as 'killed' and the temporary directory is gone. */
  kill(): void;
}

/** The `semsim run` arguments of a shard (after the CLI script). */
export function shardRunArgs(dir: SweepDir, m: Manifest, index: number, out: string): string[] {
  const s = m.shards[index];
  const args = ['run', dir.scenario(m, s.point), '--seed', String(s.seed), '--out', out, '--quiet', '--trace', 'none'];
  if (m.run.budget !== null) args.push('--budget', m.run.budget);
  if (m.run.episodes !== null) args.push('--episodes', String(m.run.episodes));
  if (m.run.slots !== null) args.push('--slots', String(m.run.slots));
  return args;
}

/** Starts shard `index` of the manifest (resolves 'skipped' at once when its result exists). */
export function startShard(dir: SweepDir, m: Manifest, index: number): RunningShard {
  const shard = m.shards[index];
  if (!shard) throw new RangeError(`shard ${index} out of range: the manifest has ${m.shards.length} shards (0..${m.shards.length - 1})`);
  if (dir.done(shard.hash)) return { index, done: Promise.resolve({ status: 'skipped', index }), kill: () => undefined };
  mkdirSync(dir.results, { recursive: true });
  mkdirSync(dir.logs, { recursive: true });
  const tmp = mkdtempSync(join(dir.results, `.tmp-${shard.hash.slice(0, 12)}-`));
  writeFileSync(join(tmp, 'owner.json'), JSON.stringify({ host: hostname(), pid: process.pid }));
  const log = dir.log(shard);
  const fd = openSync(log, 'w');
  const [node, script] = cliCommand();
  let child: ChildProcess;
  try {
    child = spawn(node, [script, ...shardRunArgs(dir, m, index, join(tmp, 'run'))], { stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (child.pid !== undefined) writeFileSync(join(tmp, 'child.pid'), String(child.pid));
  let killed = false;
  const done = new Promise<ShardOutcome>((resolveDone) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      try {
        if (killed) return resolveDone({ status: 'killed', index });
        if (code === 0 && existsSync(join(tmp, 'run', 'summary.json'))) {
          commit(dir, m, index, join(tmp, 'run'));
          return resolveDone({ status: 'done', index });
        }
        resolveDone({ status: 'failed', index, code: code ?? (signal ? 128 : 1), log, tail: tailOf(log) });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    };
    child.on('error', () => finish(1, null));
    child.on('close', finish);
  });
  return {
    index,
    done,
    kill: () => {
      killed = true;
      child.kill('SIGTERM');
    },
  };
}

function commit(dir: SweepDir, m: Manifest, index: number, run: string): void {
  const s = m.shards[index];
  const meta = { ...s, values: m.points[s.point].values, sweep: m.sweep, version: m.version, scenario: m.points[s.point].file, run: m.run };
  writeFileSync(join(run, 'shard.json'), JSON.stringify(meta, null, 2) + '\n');
  const target = dir.result(s.hash);
  if (existsSync(target)) return; // finished meanwhile by another process: same content address, same result
  renameSync(run, target);
}

function tailOf(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}


/**
 * Removes temporary directories left by killed shards of this host whose owner is gone,
 * first stopping an orphaned `semsim run` child still writing there. Directories owned by a
 * live process or by another host (a cluster node) are left alone. Returns how many it removed.
 */
export function cleanStale(dir: SweepDir): number {
  if (!existsSync(dir.results)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir.results)) {
    if (!name.startsWith('.tmp-')) continue;
    const tmp = join(dir.results, name);
    let owner: { host?: string; pid?: number } = {};
    try {
      owner = JSON.parse(readFileSync(join(tmp, 'owner.json'), 'utf8')) as typeof owner;
    } catch {
      // no owner file: killed before it was written
    }
    if (owner.host !== undefined && owner.host !== hostname()) continue;
    if (owner.pid !== undefined && owner.pid !== process.pid && alive(owner.pid)) continue;
    stopOrphan(tmp);
    rmSync(tmp, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function stopOrphan(tmp: string): void {
  try {
    const pid = Number(readFileSync(join(tmp, 'child.pid'), 'utf8'));
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.includes(tmp)) process.kill(pid, 'SIGKILL');
  } catch {
    // no pid file, no such process, or not Linux: nothing to stop
  }
}
