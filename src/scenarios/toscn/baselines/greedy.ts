import { z } from 'zod';
import { integerIn } from '../../../agents/common/config-schema.ts';
import type { AgentEnvSpec } from '../../../agents/agent.ts';
import type { Action } from '../../../agents/common/spaces.ts';
import type { RootRandom } from '../../../random/index.ts';
import type { ToscnParams } from '../params.ts';
import { resolveBaselineConfig, ToscnBaseline } from './base.ts';
import type { CompressionModel } from './knapsack.ts';
import { decodeToscnObservation } from './observation.ts';
import { planSlot, type SlotPlan, type SlotPlannerConfig } from './slot-plan.ts';

/** Config of the greedy baseline (the one-slot planner's settings). */
export type GreedyConfig = SlotPlannerConfig;

/** Defaults: ours, not from 003 (which trains a DDPG with discount 0 instead). */
export const GREEDY_DEFAULTS: GreedyConfig = Object.freeze({ budgetQuanta: 200, rateMargin: 1e-6, replans: 4 });

/** The planner settings both greedy baselines share (`agentConfig.planner` etc.). */
export const plannerConfigShape = {
  budgetQuanta: integerIn(1, 10_000),
  rateMargin: z.number().min(0).lt(0.5),
  replans: integerIn(0, 100),
};

/** What `agentConfig.planner` may hold. */
export const GREEDY_CONFIG_SCHEMA = z.object(plannerConfigShape).strict() satisfies z.ZodType<GreedyConfig>;

const COUNT_PACKETS: CompressionModel = Object.freeze({ maxEta: 0, value: () => 1 });

/**
 * 003's greedy transmission scheme (Section IV-A): no semantic compression (eta = 0) and the
 * bandwidth and power that maximise the packets the edge server receives this slot,
 * `sum_u min(floor(L R_u / b), q_u)` (eq. 19). 003 trains a DDPG with discount 0 for it; here
 * the one-slot problem is solved directly from the observation (queues and full-budget SNRs
 * decoded from it) by the knapsack planner of `slot-plan.ts`, which makes it deterministic and
 * training-free. It is model-based: it uses the scenario parameters (budgets, noise, b, L).
 */
export class GreedyBaseline extends ToscnBaseline<GreedyConfig> {
  constructor(spec: AgentEnvSpec, params: ToscnParams, config: Partial<GreedyConfig> = {}, _random?: RootRandom) {
    super('greedy', spec, params, resolveGreedy('greedy', config));
  }

  /** The full plan for an observation (action plus the packets it delivers). */
  plan(observation: ArrayLike<number>): SlotPlan {
    return planSlot(decodeToscnObservation(observation, this.params), this.params, COUNT_PACKETS, -1, this.config);
  }

  act(observation: Float32Array, _explore: boolean): Action {
    return { continuous: this.plan(observation).action };
  }

  protected resolve(overrides: Record<string, unknown>): GreedyConfig {
    return resolveGreedy(this.name, overrides);
  }
}

function resolveGreedy(agent: string, overrides: Record<string, unknown>): GreedyConfig {
  return resolveBaselineConfig(agent, GREEDY_DEFAULTS, GREEDY_CONFIG_SCHEMA, overrides);
}
