import { createParallelEnv } from '../../../src/create-env.ts';
import type { SimParallelEnv } from '../../../src/envs/sim-parallel-env.ts';
import { MemorySink, type TraceRecord } from '../../../src/trace/index.ts';

/** A small multicell-ee scenario object (as a file would give it). */
export function scenario(cells: number, slots: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { scenario: 'multicell-ee', cells: { count: cells }, run: { slotsPerEpisode: slots }, ...extra };
}

/** A parallel env over a small scenario, recording every event. */
export function tracedEnv(cells: number, slots: number, extra: Record<string, unknown> = {}): { env: SimParallelEnv; sink: MemorySink } {
  const sink = new MemorySink();
  return { env: createParallelEnv(scenario(cells, slots, extra), { sink }), sink };
}

/** One joint action per agent per step: `[power level, symbols index]`. */
export type Plan = readonly (readonly [number, number])[][];

/**
 * Runs whole episodes from `seed`, answering step `t` with `plan[t % plan.length]` (one pair
 * per BS, in `possibleAgents` order). Returns the env's per-step rewards.
 */
export function runPlan(env: SimParallelEnv, plan: Plan, episodes: number, seed = 1): Record<string, number>[] {
  const rewards: Record<string, number>[] = [];
  let t = 0;
  for (let e = 0; e < episodes; e++) {
    env.reset({ seed: seed + e });
    while (env.agents.length > 0) {
      const step = plan[t++ % plan.length];
      const actions = Object.fromEntries(env.possibleAgents.map((id, m) => [id, { discrete: Int32Array.of(...step[m]) }]));
      rewards.push(env.step(actions).rewards);
    }
  }
  return rewards;
}

/** Payloads of events of `type`, in trace order. */
export function payloads<P>(trace: readonly TraceRecord[], type: string): (P & { episode: number })[] {
  return trace.filter((r) => r.type === type).map((r) => ({ ...(r.payload as P), episode: r.episode }));
}
