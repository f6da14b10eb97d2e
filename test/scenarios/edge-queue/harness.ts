/** Builds and drives edge-queue simulations for the tests, through the real schema and plug-in. */
import type { Action } from '../../../src/agents/common/spaces.ts';
import { SimParallelEnv } from '../../../src/envs/sim-parallel-env.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { findScenario } from '../../../src/scenarios/registry.ts';
import { EdgeQueueSchema, resolveEdgeQueue, type EdgeQueueParams } from '../../../src/scenarios/edge-queue/schema.ts';
import { MemorySink, type TraceRecord } from '../../../src/trace/index.ts';

/** Parameters from a partial scenario file (schema defaults for the rest). */
export function edgeParams(file: Record<string, unknown> = {}): EdgeQueueParams {
  return resolveEdgeQueue(EdgeQueueSchema.parse({ scenario: 'edge-queue', ...file }));
}

/** The registered plug-in (what the CLI and `createParallelEnv` use). */
export const edgePlugin = () => findScenario('edge-queue')!;

export function edgeEnv(params: EdgeQueueParams, sink?: MemorySink): SimParallelEnv {
  return new SimParallelEnv(edgePlugin(), params, { sink });
}

/** A rate level for every device each step: constant, or uniform from a seeded stream. */
export type LevelPolicy = number | 'random';

/** Runs `episodes` episodes (episode e reset with seed 1000 seed + e) and returns the trace. */
export function runEdge(params: EdgeQueueParams, o: { episodes: number; seed: number; policy: LevelPolicy }): readonly TraceRecord[] {
  const sink = new MemorySink();
  const env = edgeEnv(params, sink);
  const rng = new RootRandom(o.seed).stream('test/levels');
  for (let e = 0; e < o.episodes; e++) {
    env.reset({ seed: 1000 * o.seed + e });
    while (env.agents.length) {
      const actions: Record<string, Action> = {};
      for (const id of env.possibleAgents) actions[id] = { discrete: Int32Array.of(o.policy === 'random' ? rng.int(params.levels) : o.policy) };
      env.step(actions);
    }
  }
  return sink.records;
}

/** The payloads of one event type, in trace order. */
export function payloads<P>(records: readonly TraceRecord[], type: string): (P & { episode: number; slot: number })[] {
  return records.filter((r) => r.type === type).map((r) => ({ ...(r.payload as P), episode: r.episode, slot: r.slot }));
}
