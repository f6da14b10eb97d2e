import { createEnv } from '../../../src/create-env.ts';
import type { Action } from '../../../src/agents/common/spaces.ts';
import type { SimEnv } from '../../../src/envs/sim-env.ts';
import { parseScenario } from '../../../src/scenarios/loader.ts';
import type { ScqosParams } from '../../../src/scenarios/scqos/params.ts';
import { MemorySink, type TraceRecord } from '../../../src/trace/index.ts';

/** A small scqos scenario object (as a file would give it). */
export function scenario(slots: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { scenario: 'scqos', run: { slotsPerEpisode: slots }, ...extra };
}

/** Resolved parameters of a scenario object. */
export function paramsOf(extra: Record<string, unknown> = {}): ScqosParams {
  const { plugin, file } = parseScenario(JSON.stringify(scenario(10, extra)));
  return plugin.resolve(file) as ScqosParams;
}

/** A Gymnasium-shaped env over a small scenario, recording every event. */
export function tracedEnv(slots: number, extra: Record<string, unknown> = {}): { env: SimEnv; sink: MemorySink } {
  const sink = new MemorySink();
  return { env: createEnv(scenario(slots, extra), { sink }), sink };
}

/** Runs `episodes` whole episodes from `seed`, answering step t with `plan[t % plan.length]`. */
export function runPlan(env: SimEnv, plan: readonly Action[], episodes: number, seed = 1): number[] {
  const rewards: number[] = [];
  let t = 0;
  for (let e = 0; e < episodes; e++) {
    env.reset({ seed: seed + e });
    for (;;) {
      const r = env.step(plan[t++ % plan.length]);
      rewards.push(r.reward);
      if (r.truncated || r.terminated) break;
    }
  }
  return rewards;
}

/** Payloads of events of `type`, in trace order, with their episode. */
export function payloads<P>(trace: readonly TraceRecord[], type: string): (P & { episode: number })[] {
  return trace.filter((r) => r.type === type).map((r) => ({ ...(r.payload as P), episode: r.episode }));
}
