/** Training-free toscn baselines (003 Section IV-A) and their registry. */
import type { Agent, AgentEnvSpec } from '../../../agents/agent.ts';
import type { RootRandom } from '../../../random/index.ts';
import type { ToscnParams } from '../params.ts';
import { GreedyBaseline } from './greedy.ts';
import { GreedyCompressionBaseline } from './greedy-compression.ts';
import { RandomBaseline } from './random.ts';

export { BASELINE_FILE, ToscnBaseline, resolveBaselineConfig } from './base.ts';
export { RandomBaseline, RANDOM_BASELINE_DEFAULTS, type RandomBaselineConfig } from './random.ts';
export { GreedyBaseline, GREEDY_DEFAULTS, type GreedyConfig } from './greedy.ts';
export { GreedyCompressionBaseline, GREEDY_COMPRESSION_DEFAULTS, safeCompression, type GreedyCompressionConfig } from './greedy-compression.ts';
export { decodeToscnObservation, type ToscnState } from './observation.ts';
export { planQuanta, bestUse, type CompressionModel, type KnapsackUser, type UserPlan } from './knapsack.ts';
export { planSlot, sharesToLogits, compressionAction, compressionOf, nextFloat32, type SlotPlan, type SlotPlannerConfig } from './slot-plan.ts';

/** Builds a baseline; `config` holds overrides of its config fields (unknown fields are rejected). */
export type BaselineFactory = (spec: AgentEnvSpec, params: ToscnParams, config?: Record<string, unknown>, random?: RootRandom) => Agent;

/** One-line descriptions by registry name (for `semsim list` and the agent registry). */
export const BASELINE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  random: 'Uniform random actions in [-1, 1] (compression and shares)',
  greedy: '003 greedy: no compression, bandwidth/power maximising packets delivered this slot',
  'greedy-compression': '003 greedy with compression: maximises sum v_u A_u this slot with A_u >= A_min (worst task present)',
});

/** The toscn baselines by registry name (the names used in scenario files' `agents:`). */
export const BASELINES: Readonly<Record<string, BaselineFactory>> = Object.freeze({
  random: (spec, params, config, random) => new RandomBaseline(spec, params, config, random),
  greedy: (spec, params, config, random) => new GreedyBaseline(spec, params, config, random),
  'greedy-compression': (spec, params, config, random) => new GreedyCompressionBaseline(spec, params, config, random),
});
