import { assign, emit, setup } from 'xstate';
import { TOSCN_AGENT, type PhaseTick, type ToscnEventOf } from './events.ts';
import type { ToscnParams } from './params.ts';
import { allocationFromAction, budgetViolations, fallbackAllocation, slotReward, type Allocation } from './logic.ts';
import type { Emitted } from '../../actors/system.ts';

/** Input of the central controller. */
export interface ControllerInput {
  readonly params: ToscnParams;
}

export interface ControllerContext {
  readonly params: ToscnParams;
  /** Episode in progress: decisions from another episode are dropped. */
  episode: number;
  /** The allocation in force and the slot whose observation produced it (-1: fallback). */
  allocation: Allocation;
  allocationFor: number;
  accuracy: number[];
  delivered: number[];
  dropped: number;
  lastBudgetViolations: number;
}

type ControllerEvent =
  | ToscnEventOf<'episode.started' | 'observation.ready' | 'decision.made' | 'codec.inferred' | 'transmission.completed' | 'buffer.updated'>
  | PhaseTick;

/**
 * The central controller (003 Section III): it asks the agent for a decision with
 * `decision.requested` when the state is observed and receives `decision.made` — possibly
 * slots later (decision delay). At the `codec` tick it applies the newest decision it has,
 * projected onto the budgets, or the fallback while none has arrived (acting on stale state
 * is the point of the delay). At the `reward` tick it scores the slot (003 eqs. 22, 37).
 */
export const controllerMachine = setup({
  types: {
    context: {} as ControllerContext,
    events: {} as ControllerEvent,
    input: {} as ControllerInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'controller',
  context: ({ input }) => ({
    params: input.params,
    episode: -1,
    allocation: fallbackAllocation(input.params),
    allocationFor: -1,
    accuracy: new Array(input.params.devices).fill(1),
    delivered: new Array(input.params.devices).fill(0),
    dropped: 0,
    lastBudgetViolations: 0,
  }),
  on: {
    'episode.started': {
      actions: assign(({ context, event }) => ({
        episode: event.payload.episode,
        allocation: fallbackAllocation(context.params),
        allocationFor: -1,
        dropped: 0,
      })),
    },
    'observation.ready': {
      actions: emit(({ context, event }): Emitted => ({
        type: 'decision.requested',
        payload: { episode: context.episode, slot: event.payload.slot, agent: TOSCN_AGENT, observation: event.payload.observation, final: event.payload.final },
      })),
    },
    'decision.made': {
      // A late decision of a finished episode is dropped; within an episode keep the newest.
      guard: ({ context, event }) =>
        event.payload.agent === TOSCN_AGENT && event.payload.episode === context.episode && event.payload.forSlot >= context.allocationFor,
      actions: assign(({ context, event }) => ({
        allocation: allocationFromAction(event.payload.action.continuous ?? [], context.params),
        allocationFor: event.payload.forSlot,
      })),
    },
    'codec.inferred': {
      actions: assign(({ context, event }) => {
        const accuracy = context.accuracy.slice();
        accuracy[event.payload.user] = event.payload.accuracy;
        return { accuracy };
      }),
    },
    'transmission.completed': { actions: assign(({ event }) => ({ delivered: [...event.payload.delivered] })) },
    'buffer.updated': {
      guard: ({ event }) => event.payload.cause === 'arrival',
      actions: assign(({ context, event }) => ({ dropped: context.dropped + event.payload.dropped })),
    },
    tick: [
      {
        guard: ({ event }) => event.phase === 'codec',
        actions: [
          assign(({ context }) => ({ lastBudgetViolations: budgetViolations(context.allocation, context.params) })),
          emit(({ context, event }): Emitted => ({
            type: 'decision.applied',
            payload: { slot: event.slot, forSlot: context.allocationFor, agent: TOSCN_AGENT, applied: { ...context.allocation } },
          })),
        ],
      },
      {
        guard: ({ event }) => event.phase === 'reward',
        actions: [
          emit(({ context, event }): Emitted => {
          const r = slotReward(context.delivered, context.accuracy, context.params.accuracyFloor);
          const delivered = context.delivered.reduce((a, b) => a + b, 0);
          const meanAccuracy = context.accuracy.reduce((a, b) => a + b, 0) / context.accuracy.length;
          return {
            type: 'reward.computed',
            payload: {
              slot: event.slot,
              rewards: { [TOSCN_AGENT]: r.reward },
              metrics: slotMetrics(r, delivered, context.dropped, meanAccuracy, context.lastBudgetViolations),
            },
          };
        }),
          assign({ dropped: 0 }),
        ],
      },
    ],
  },
});

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
