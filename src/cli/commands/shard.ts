import { parseArgs } from 'node:util';
import { InputError } from '../../run/sweep/errors.ts';
import { readManifest, SweepDir } from '../../run/sweep/manifest.ts';
import { startShard } from '../../run/sweep/shard.ts';
import { usage } from '../help.ts';

/** The shard index: the argument, else JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID. */
export function shardIndex(arg: string | undefined, env: NodeJS.ProcessEnv, count: number): number {
  const [raw, from] =
    arg !== undefined ? [arg, 'index'] : env.JOB_COMPLETION_INDEX !== undefined ? [env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX'] : [env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID'];
  if (raw === undefined) throw new InputError(`shard: give an index, or set JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID\n${usage()}`);
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n >= count) throw new InputError(`shard: ${from} ${raw}: allowed: an integer in [0, ${count - 1}]`);
  return n;
}

/** `semsim shard <manifest> [index]`: runs one shard (skipped if its result exists); exit 1 if it fails. */
export async function shardCommand(args: readonly string[]): Promise<number> {
  let positionals: string[];
  try {
    positionals = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true }).positionals;
  } catch (err) {
    throw new InputError(`${(err as Error).message.split('\n')[0]}\n${usage()}`);
  }
  if (positionals.length < 1 || positionals.length > 2) throw new InputError(`expected <manifest> [index]\n${usage()}`);
  const m = readManifest(positionals[0]);
  const index = shardIndex(positionals[1], process.env, m.shards.length);
  const running = startShard(SweepDir.ofManifest(positionals[0]), m, index);
  const stop = (): void => running.kill();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const o = await running.done;
    const s = m.shards[index];
    const what = `shard ${index} (point ${s.point} ${JSON.stringify(m.points[s.point].values)}, seed ${s.seed})`;
    if (o.status === 'failed') {
      console.error(`semsim shard: ${what} failed (exit ${o.code}); log ${o.log}:\n${o.tail}`);
      return 1;
    }
    if (o.status === 'killed') {
      console.error(`semsim shard: ${what} interrupted`);
      return 130;
    }
    console.log(`${what}: ${o.status === 'skipped' ? 'already finished' : 'done'} -> results/${s.hash}`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
