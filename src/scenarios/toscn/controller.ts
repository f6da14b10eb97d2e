import { controllerMachine, type ControllerSpec } from '../../actors/controller.machine.ts';
import type { AnyEvent } from '../../events/index.ts';
import type { Emitted } from '../../actors/system.ts';
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
  /** The devices' `packet.summary` of the episode (arrive after the last slot's transmission). */
  summaries: PacketSummary[];
}

type PacketSummary = ToscnEventOf<'packet.summary'>['payload'];

/** The event types toscn's controller reads for scoring (batch them: `Wiring.inbox`). */
export const TOSCN_CONTROLLER_TAKES = ['codec.inferred', 'buffer.updated', 'packet.summary'] as const;

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
      summaries: [],
    }),
    reset: (s) => {
      s.dropped = 0;
      s.summaries = [];
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
      else if (e.type === 'packet.summary') s.summaries.push(e.payload);
      // What left the buffer (eq. 19, less what codec and grant latencies cost).
      else if (e.payload.cause === 'transmission') s.delivered[e.payload.user] = e.payload.delivered;
      else if (e.payload.cause === 'arrival') s.dropped += e.payload.dropped;
    },
    afterApply: (s, slot) => {
      const compute = s.params.decisionComputeTime;
      const grant = compute + s.params.signallingDelay;
      const out: Emitted[] = [];
      if (compute > 0) out.push({ type: 'decision.computed', payload: { slot, agent: TOSCN_AGENT }, delay: compute });
      if (grant > 0) out.push({ type: 'grant.signalled', payload: { slot }, delay: grant });
      return out;
    },
    score: (s, slot) => {
      const r = slotReward(s.delivered, s.accuracy, s.params.accuracyFloor);
      let delivered = 0;
      let accuracy = 0;
      for (let u = 0; u < s.delivered.length; u++) delivered += s.delivered[u];
      for (let u = 0; u < s.accuracy.length; u++) accuracy += s.accuracy[u];
      const metrics = { ...slotMetrics(r, delivered, s.dropped, accuracy / s.accuracy.length, s.lastBudgetViolations), ...timingMetrics(s.summaries) };
      s.dropped = 0;
      s.summaries = [];
      void slot;
      return { rewards: { [TOSCN_AGENT]: r.reward }, metrics };
    },
  };
}

/** toscn's controller: the kit skeleton with toscn's hooks. */
export function toscnControllerMachine(params: ToscnParams) {
  return controllerMachine(toscnControllerSpec(params));
}

/** Each timing metric of `metrics.ts` and the `packet.summary` statistic it reads. */
const TIMING_STATISTICS: readonly [string, (p: PacketSummary) => number | null][] = [
  ['queueingDelay', (p) => p.queueing.mean],
  ['queueingDelayP50', (p) => p.queueing.p50],
  ['queueingDelayP95', (p) => p.queueing.p95],
  ['queueingDelayP99', (p) => p.queueing.p99],
  ['delay', (p) => p.endToEnd.mean],
  ['delayP50', (p) => p.endToEnd.p50],
  ['delayP95', (p) => p.endToEnd.p95],
  ['delayP99', (p) => p.endToEnd.p99],
  ['dropProbability', (p) => p.dropProbability],
  ['ageOfInformation', (p) => p.ageOfInformation],
];

/**
 * The episode's packet-timing metrics (present only in the last slot's `reward.computed`,
 * declared with `perEpisode: 'last'`): each device's statistic as `<metric>/<device>` (the
 * trace's `user` index; absent when the device delivered no packet), and their mean over
 * the devices that have one as `<metric>` (0 when none has).
 */
export function timingMetrics(summaries: readonly PacketSummary[]): Record<string, number> {
  if (!summaries.length) return {};
  const out: Record<string, number> = {};
  for (const [name, statistic] of TIMING_STATISTICS) {
    let sum = 0;
    let count = 0;
    for (const p of summaries) {
      const x = statistic(p);
      if (x === null) continue;
      out[`${name}/${p.user}`] = x;
      sum += x;
      count++;
    }
    out[name] = count ? sum / count : 0;
  }
  return out;
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
