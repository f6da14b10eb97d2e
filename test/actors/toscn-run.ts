import { RootRandom } from '../../src/random/index.ts';
import { SimEnv } from '../../src/envs/sim-env.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';
import { resolveToscn, type ToscnParams } from '../../src/scenarios/toscn/params.ts';
import { ToscnScenarioSchema } from '../../src/scenarios/toscn/schema.ts';
import { MemorySink, type TraceRecord } from '../../src/trace/index.ts';

/** A small toscn run driven through the Gym adapter, recorded in memory. */
export interface ToscnRunOptions {
  /** Seed of the run: episode e is reset with seed `1000 * seed + e`, actions draw from it too. */
  readonly seed: number;
  readonly episodes: number;
  readonly slots: number;
  readonly devices?: number;
  /** Decision delay in whole slots (default 0). */
  readonly delaySlots?: number;
  /** Slot length L in seconds (default: the scenario's 0.2 s). */
  readonly slotLength?: number;
  /** `'zero'`: all-zero actions; `'random'`: uniform in [-1, 1] from the run's seed. */
  readonly policy?: 'zero' | 'random';
}

export function toscnParams(o: Omit<ToscnRunOptions, 'seed' | 'episodes' | 'policy'>): ToscnParams {
  return resolveToscn(
    ToscnScenarioSchema.parse({
      scenario: 'toscn',
      slot: { length_s: o.slotLength ?? 0.2 },
      devices: { count: o.devices ?? 6, redrawEachEpisode: true },
      control: { decisionDelay: { slots: o.delaySlots ?? 0 }, shareTemperature: 4 },
      run: { slotsPerEpisode: o.slots, episodes: 1, evalEpisodes: 1, evalSeeds: 1 },
    }),
  );
}

/** The Gym adapter over toscn (a `SimEnv` of the toscn plug-in). */
export function toscnEnv(params: ToscnParams, options: { sink?: MemorySink } = {}): SimEnv {
  return new SimEnv(toscnPlugin, params, options);
}

/** Runs the episodes and returns every trace record plus the per-step rewards. */
export function runToscn(o: ToscnRunOptions): { records: readonly TraceRecord[]; rewards: number[]; params: ToscnParams } {
  const params = toscnParams(o);
  const sink = new MemorySink();
  const env = toscnEnv(params, { sink });
  const actions = new RootRandom(o.seed).stream('test/policy');
  const action = new Float32Array(3 * params.devices);
  const rewards: number[] = [];
  for (let e = 0; e < o.episodes; e++) {
    env.reset({ seed: 1000 * o.seed + e });
    for (let done = false; !done; ) {
      if (o.policy === 'random') for (let i = 0; i < action.length; i++) action[i] = actions.uniformIn(-1, 1);
      const r = env.step({ continuous: action });
      rewards.push(r.reward);
      done = r.terminated || r.truncated;
    }
  }
  return { records: sink.records, rewards, params };
}
