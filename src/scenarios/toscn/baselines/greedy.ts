import type { AgentEnvSpec } from '../../../agents/agent.ts';
import type { Action } from '../../../agents/common/spaces.ts';
import type { RootRandom } from '../../../random/index.ts';
import type { ToscnParams } from '../params.ts';
import { resolveNumericConfig, ToscnBaseline } from './base.ts';
import type { CompressionModel } from './knapsack.ts';
import { decodeToscnObservation } from './observation.ts';
import { planSlot, type SlotPlan, type SlotPlannerConfig } from './slot-plan.ts';

/** Config of the greedy baseline (the one-slot planner's settings). */
export type GreedyConfig = SlotPlannerConfig;

/** Defaults: ours, not from 003 (which trains a DDPG with discount 0 instead). */
export const GREEDY_DEFAULTS: GreedyConfig = Object.freeze({ budgetQuanta: 200, rateMargin: 1e-6, replans: 4 });

/** Checks the planner settings shared by both greedy baselines. */
export function checkPlannerConfig(agent: string, c: SlotPlannerConfig): void {
  if (!Number.isInteger(c.budgetQuanta) || c.budgetQuanta < 1 || c.budgetQuanta > 10_000) {
    throw new RangeError(`${agent}: budgetQuanta must be an integer in [1, 10000], got ${c.budgetQuanta}`);
  }
  if (!(c.rateMargin >= 0 && c.rateMargin < 0.5)) throw new RangeError(`${agent}: rateMargin must be in [0, 0.5), got ${c.rateMargin}`);
  if (!Number.isInteger(c.replans) || c.replans < 0 || c.replans > 100) throw new RangeError(`${agent}: replans must be an integer in [0, 100], got ${c.replans}`);
}

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
  const c = resolveNumericConfig(agent, GREEDY_DEFAULTS, overrides);
  checkPlannerConfig(agent, c);
  return c;
}
