import { controllerMachine, type ControllerSpec } from '../../actors/controller.machine.ts';
import type { AnyEvent } from '../../events/index.ts';
import { TOSCN_AGENT, type ToscnEventOf } from './events.ts';
import type { ToscnParams } from './params.ts';
import { allocationFromAction, budgetViolations, fallbackAllocation, slotReward, type Allocation } from './logic.ts';

/** toscn's controller state: the allocation in force and what the slot's score needs, in typed arrays. */
export interface ToscnControllerState {
  readonly params: ToscnParams;
  allocation: Allocation;
  readonly accuracy: Float64Array;
  readonly delivered: Float64Array;
  dropped: number;
  lastBudgetViolations: number;
}

/** The event types toscn's controller reads for scoring (batch them: `Wiring.inbox`). */
export const TOSCN_CONTROLLER_TAKES = ['codec.inferred', 'transmission.completed', 'buffer.updated'] as const;

type Taken = ToscnEventOf<(typeof TOSCN_CONTROLLER_TAKES)[number]>;

/**
 * toscn's hooks on the kit's controller skeleton (003 Section III): it requests a decision
 * on `observation.ready`, maps an accepted action onto the budgets (softmax shares, 003 eq.
 * 36), applies it (or equal shares without compression until one arrives) at the codec
 * tick, and scores the slot with eq. 37 at the reward tick.
 */
export function toscnControllerSpec(params: ToscnParams): ControllerSpec<ToscnControllerState> {
  return {
    agent: TOSCN_AGENT,
    observe: 'observation.ready',
    takes: TOSCN_CONTROLLER_TAKES,
    init: () => ({
      params,
      allocation: fallbackAllocation(params),
      accuracy: new Float64Array(params.devices).fill(1),
      delivered: new Float64Array(params.devices),
      dropped: 0,
      lastBudgetViolations: 0,
    }),
    reset: (s) => {
      s.dropped = 0;
    },
    request: (_s, event) => {
      const p = (event as ToscnEventOf<'observation.ready'>).payload;
      return { slot: p.slot, observation: p.observation, final: p.final };
    },
    decide: (s, action) => {
      s.allocation = allocationFromAction(action.continuous ?? [], s.params);
    },
    fallback: (s) => {
      s.allocation = fallbackAllocation(s.params);
    },
    apply: (s) => {
      s.lastBudgetViolations = budgetViolations(s.allocation, s.params);
      return { ...s.allocation };
    },
    take: (s, event: AnyEvent) => {
      const e = event as Taken;
      if (e.type === 'codec.inferred') s.accuracy[e.payload.user] = e.payload.accuracy;
      else if (e.type === 'transmission.completed') s.delivered.set(e.payload.delivered);
      else if (e.payload.cause === 'arrival') s.dropped += e.payload.dropped;
    },
    score: (s, slot) => {
      const r = slotReward(s.delivered, s.accuracy, s.params.accuracyFloor);
      let delivered = 0;
      let accuracy = 0;
      for (let u = 0; u < s.delivered.length; u++) delivered += s.delivered[u];
      for (let u = 0; u < s.accuracy.length; u++) accuracy += s.accuracy[u];
      const metrics = slotMetrics(r, delivered, s.dropped, accuracy / s.accuracy.length, s.lastBudgetViolations);
      s.dropped = 0;
      void slot;
      return { rewards: { [TOSCN_AGENT]: r.reward }, metrics };
    },
  };
}

/** toscn's controller: the kit skeleton with toscn's hooks. */
export function toscnControllerMachine(params: ToscnParams) {
  return controllerMachine(toscnControllerSpec(params));
}

/** The per-slot metrics toscn declares (see `metrics.ts`), in its `reward.computed`. */
function slotMetrics(r: { reward: number; objective: number; violations: number }, delivered: number, dropped: number, accuracy: number, budgetViolations: number): Record<string, number> {
  return {
    reward: r.reward,
    objective: r.objective,
    delivered,
    dropped,
    accuracy,
    accuracyViolations: r.violations,
    budgetViolations,
    violations: (r.violations > 0 ? 1 : 0) + budgetViolations,
  };
}
