/**
 * Local execution: at most `workers` shards at once, each a `semsim run` child process.
 * `abort()` (on SIGINT) stops the children and starts nothing new, so an interrupted sweep
 * loses only the shards in flight.
 */
import type { Manifest, SweepDir } from './manifest.ts';
import { startShard, type RunningShard, type ShardOutcome } from './shard.ts';

/** Callbacks for progress displays. */
export interface PoolHooks {
  onStart?(index: number): void;
  onEnd?(outcome: ShardOutcome): void;
}

/** A running pool. */
export interface Pool {
  /** Every outcome, in shard order, once all have ended (killed ones included after `abort`). */
  readonly done: Promise<ShardOutcome[]>;
  abort(): void;
}

/** Runs the shards `indices` of the manifest with `workers` processes. */
export function runPool(dir: SweepDir, m: Manifest, indices: readonly number[], workers: number, hooks: PoolHooks = {}): Pool {
  const running = new Map<number, RunningShard>();
  const outcomes: ShardOutcome[] = [];
  let next = 0;
  let aborted = false;
  let settle!: (o: ShardOutcome[]) => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<ShardOutcome[]>((res, rej) => ((settle = res), (fail = rej)));

  const pump = (): void => {
    try {
      while (!aborted && running.size < workers && next < indices.length) {
        const index = indices[next++];
        const shard = startShard(dir, m, index);
        running.set(index, shard);
        hooks.onStart?.(index);
        void shard.done.then((o) => {
          running.delete(index);
          outcomes.push(o);
          pump(); // start the next shard first, so that displays count it as running
          hooks.onEnd?.(o);
        });
      }
      if (running.size === 0 && (aborted || next >= indices.length)) settle(outcomes.sort((a, b) => a.index - b.index));
    } catch (err) {
      aborted = true;
      for (const r of running.values()) r.kill();
      fail(err);
    }
  };
  pump();
  return {
    done,
    abort: () => {
      if (aborted) return;
      aborted = true;
      for (const r of running.values()) r.kill();
      pump();
    },
  };
}
