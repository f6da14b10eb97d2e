/** Training-free toscn baselines (003 Section IV-A) and their registry. */
import type { Agent, AgentEnvSpec } from '../agent';
import type { RootRandom } from '../../random';
import type { ToscnParams } from '../../scenario/toscn/params';
import { GreedyBaseline } from './greedy';
import { GreedyCompressionBaseline } from './greedy-compression';
import { RandomBaseline } from './random';

export { BASELINE_FILE, ToscnBaseline, resolveNumericConfig } from './base';
export { RandomBaseline, RANDOM_BASELINE_DEFAULTS, type RandomBaselineConfig } from './random';
export { GreedyBaseline, GREEDY_DEFAULTS, type GreedyConfig } from './greedy';
export { GreedyCompressionBaseline, GREEDY_COMPRESSION_DEFAULTS, safeCompression, type GreedyCompressionConfig } from './greedy-compression';
export { decodeToscnObservation, type ToscnState } from './observation';
export { planQuanta, bestUse, type CompressionModel, type KnapsackUser, type UserPlan } from './knapsack';
export { planSlot, sharesToLogits, compressionAction, compressionOf, nextFloat32, type SlotPlan, type SlotPlannerConfig } from './slot-plan';

/** Builds a baseline; `config` holds overrides of its config fields (unknown fields are rejected). */
export type BaselineFactory = (spec: AgentEnvSpec, params: ToscnParams, config?: Record<string, unknown>, random?: RootRandom) => Agent;

/** The toscn baselines by registry name (the names used in scenario files' `agents:`). */
export const BASELINES: Readonly<Record<string, BaselineFactory>> = Object.freeze({
  random: (spec, params, config, random) => new RandomBaseline(spec, params, config, random),
  greedy: (spec, params, config, random) => new GreedyBaseline(spec, params, config, random),
  'greedy-compression': (spec, params, config, random) => new GreedyCompressionBaseline(spec, params, config, random),
});
