import { assign, emit, setup } from 'xstate';
import type { PhaseTick, SimEvent } from '../events/index.ts';
import type { ToscnParams } from '../scenario/toscn/params.ts';
import { allocationFromAction, budgetViolations, fallbackAllocation, slotReward, type Allocation } from '../scenario/toscn/logic.ts';
import type { Emitted } from './system.ts';

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
  | SimEvent<'episode.started' | 'observation.ready' | 'decision.made' | 'codec.inferred' | 'transmission.completed' | 'buffer.updated'>
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
        payload: { episode: context.episode, slot: event.payload.slot, observation: event.payload.observation },
      })),
    },
    'decision.made': {
      // A late decision of a finished episode is dropped; within an episode keep the newest.
      guard: ({ context, event }) => event.payload.episode === context.episode && event.payload.forSlot >= context.allocationFor,
      actions: assign(({ context, event }) => ({
        allocation: allocationFromAction(event.payload.action, context.params),
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
            payload: { slot: event.slot, forSlot: context.allocationFor, ...context.allocation },
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
              reward: r.reward,
              objective: r.objective,
              delivered,
              dropped: context.dropped,
              meanAccuracy,
              accuracyViolations: r.violations,
              budgetViolations: context.lastBudgetViolations,
            },
          };
        }),
          assign({ dropped: 0 }),
        ],
      },
    ],
  },
});
