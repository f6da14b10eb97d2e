import { z } from 'zod';
import type { AgentEnvSpec } from '../../../agents/agent.ts';
import type { Action } from '../../../agents/common/spaces.ts';
import { maxCompressionForAccuracy, taskAccuracy, type AccuracyCurve } from '../../../models/semantic/accuracy.ts';
import type { RootRandom } from '../../../random/index.ts';
import type { ToscnParams } from '../params.ts';
import { resolveBaselineConfig, ToscnBaseline } from './base.ts';
import { GREEDY_DEFAULTS, plannerConfigShape } from './greedy.ts';
import type { CompressionModel } from './knapsack.ts';
import { decodeToscnObservation } from './observation.ts';
import { compressionAction, compressionOf, nextFloat32, planSlot, type SlotPlan, type SlotPlannerConfig } from './slot-plan.ts';

/** Config of the greedy-with-compression baseline. */
export type GreedyCompressionConfig = SlotPlannerConfig & {
  /**
   * Accuracy kept above A_min when choosing the largest compression (ours; 1e-9), so the
   * float rounding of eq. 21 can never put a user a hair under the floor.
   */
  readonly accuracyMargin: number;
};

/** Defaults: the greedy planner's plus the accuracy margin (ours, not from 003). */
export const GREEDY_COMPRESSION_DEFAULTS: GreedyCompressionConfig = Object.freeze({ ...GREEDY_DEFAULTS, accuracyMargin: 1e-9 });

/** What `agentConfig.planner-compression` may hold. */
export const GREEDY_COMPRESSION_CONFIG_SCHEMA = z
  .object({ ...plannerConfigShape, accuracyMargin: z.number().min(0).max(0.1) })
  .strict() satisfies z.ZodType<GreedyCompressionConfig>;

/**
 * Largest compression keeping `curve` at or above `floor` (inverse of 003 eq. 21), capped at
 * `cap`; 0 when even eta = 0 misses the floor (nothing better is possible). Curves that do
 * not fall with eta (a1 >= 0) allow `cap` when they start above the floor.
 */
export function safeCompression(curve: AccuracyCurve, floor: number, cap: number): number {
  if (!(curve.a1 < 0)) return curve.a3 >= floor ? cap : 0;
  return Math.min(cap, maxCompressionForAccuracy(curve, floor) ?? 0);
}

/**
 * 003's greedy transmission with semantic compression (Section IV-A, discount 0): maximise the
 * slot's task efficiency `sum_u v_u A_u(eta_u)` (eq. 22) subject to `A_u >= A_min` (23e),
 * jointly over compression, bandwidth and power, solved per slot by the knapsack planner.
 *
 * The observation holds task counts, not each device's task (003 eq. 35). So:
 * - the floor is guaranteed for the worst case: every device's compression stays at or below
 *   the smallest safe compression among the tasks present (count > 0), checked after the
 *   float32 rounding of the action;
 * - a packet is valued at the expected accuracy of a device whose task is unknown, the
 *   count-weighted mean `sum_j n_j A_j(eta) / D` over the tasks present.
 * Users with nothing to send keep eta = 0 (their accuracy still counts for the floor).
 */
export class GreedyCompressionBaseline extends ToscnBaseline<GreedyCompressionConfig> {
  constructor(spec: AgentEnvSpec, params: ToscnParams, config: Partial<GreedyCompressionConfig> = {}, _random?: RootRandom) {
    super('greedy-compression', spec, params, resolveGreedyCompression('greedy-compression', config));
  }

  /** The full plan for an observation (action plus the packets it delivers). */
  plan(observation: ArrayLike<number>): SlotPlan {
    const p = this.params;
    const state = decodeToscnObservation(observation, p);
    // An observation without task counts (not one the env produces) falls back to every task.
    const anyCount = state.taskCounts.some((n) => n > 0);
    const present = p.tasks.filter((_, j) => !anyCount || state.taskCounts[j] > 0);
    const weights = anyCount ? state.taskCounts.filter((n) => n > 0) : p.tasks.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const floor = p.accuracyFloor;
    const safe = (eta: number): boolean => present.every((c) => taskAccuracy(c, eta) >= floor);
    let maxEta = Math.min(...present.map((c) => safeCompression(c, floor + this.config.accuracyMargin, p.maxCompression)));
    let maxAction = compressionAction(maxEta, p.maxCompression, 'down');
    while (maxAction > -1 && !safe(compressionOf(maxAction, p.maxCompression))) maxAction = nextFloat32(maxAction, -1);
    maxEta = compressionOf(maxAction, p.maxCompression);
    const model: CompressionModel = {
      maxEta,
      value: (eta) => present.reduce((acc, c, i) => acc + weights[i] * taskAccuracy(c, eta), 0) / total,
    };
    return planSlot(state, p, model, maxAction, this.config);
  }

  act(observation: Float32Array, _explore: boolean): Action {
    return { continuous: this.plan(observation).action };
  }

  protected resolve(overrides: Record<string, unknown>): GreedyCompressionConfig {
    return resolveGreedyCompression(this.name, overrides);
  }
}

function resolveGreedyCompression(agent: string, overrides: Record<string, unknown>): GreedyCompressionConfig {
  return resolveBaselineConfig(agent, GREEDY_COMPRESSION_DEFAULTS, GREEDY_COMPRESSION_CONFIG_SCHEMA, overrides);
}
