import { assign, emit, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { bsId, type MulticellEventOf, type PhaseTick } from './events.ts';
import { decisionFromAction, fallbackDecision, observationOf, type Decision, type Measurement } from './logic.ts';
import type { MulticellParams } from './params.ts';

/** Input of the base station of one cell. */
export interface BaseStationInput {
  readonly cell: number;
  readonly params: MulticellParams;
  /** Absolute time at which the report of `slot` reaches the controller (report delay). */
  readonly reportArrival: (slot: number) => number;
}

export interface BaseStationContext {
  readonly cell: number;
  readonly agent: string;
  readonly params: MulticellParams;
  readonly reportArrival: (slot: number) => number;
  episode: number;
  /** The decision in force and the slot whose request produced it (-1: the fallback). */
  decision: Decision;
  decisionFor: number;
  /** p_m(t-1): the power applied in the previous slot. */
  previousPower: number;
  /** This slot's and the previous slot's measurement of its user's link. */
  now: Measurement | null;
  before: Measurement | null;
}

type BaseStationEvent = MulticellEventOf<'episode.started' | 'episode.ended' | 'link.measured' | 'decision.made' | 'semantic.delivered'> | PhaseTick;

/**
 * The BS of one cell (004 Section 4.3, Fig. 3), an independent agent's host: it learns its
 * user's link from `link.measured`, asks its agent for a decision at the `observation` tick
 * (`decision.requested` with the observation of eq. 17; again after the episode's last slot,
 * marked final), keeps the newest `decision.made` of its own agent (which arrives after its own
 * decision delay), applies it at the `codec` tick (`decision.applied`; the fallback until one
 * arrives), and reports its user's QoE and its transmit power to the controller
 * (`ee.reported`, `reportDelay_slots` later).
 */
export const baseStationMachine = setup({
  types: { context: {} as BaseStationContext, events: {} as BaseStationEvent, input: {} as BaseStationInput, emitted: {} as Emitted },
}).createMachine({
  id: 'base-station',
  context: ({ input }) => ({
    cell: input.cell,
    agent: bsId(input.cell),
    params: input.params,
    reportArrival: input.reportArrival,
    episode: -1,
    decision: fallbackDecision(input.params),
    decisionFor: -1,
    previousPower: fallbackDecision(input.params).power,
    now: null,
    before: null,
  }),
  on: {
    'episode.started': {
      actions: assign(({ context, event }) => {
        const fallback = fallbackDecision(context.params);
        return { episode: event.payload.episode, decision: fallback, decisionFor: -1, previousPower: fallback.power, now: null, before: null };
      }),
    },
    'link.measured': {
      actions: assign(({ context, event }) => {
        const { signal, interference, sinr, qoe } = event.payload;
        const m = { signal, interference, sinr, qoe };
        return { before: context.now ?? m, now: m };
      }),
    },
    'decision.made': {
      // A late decision of a finished episode is dropped; within an episode keep the newest.
      guard: ({ context, event }) => event.payload.agent === context.agent && event.payload.episode === context.episode && event.payload.forSlot >= context.decisionFor,
      actions: assign(({ context, event }) => ({
        decision: decisionFromAction(event.payload.action.discrete, context.params, `${context.agent} decision`),
        decisionFor: event.payload.forSlot,
      })),
    },
    'semantic.delivered': {
      actions: emit(({ context, event }): Emitted => {
        const d = event.payload;
        return {
          type: 'ee.reported',
          payload: { episode: context.episode, cell: context.cell, slot: d.slot, qoe: d.qoe, power: d.power, similarity: d.similarity, symbols: d.symbols, violations: (d.rateMet ? 0 : 1) + (d.accuracyMet ? 0 : 1) },
          at: context.reportArrival(d.slot),
        };
      }),
    },
    'episode.ended': { actions: emit(({ context, event }): Emitted => request(context, event.payload.slots, true)) },
    tick: [
      { guard: ({ event }) => event.phase === 'observation', actions: emit(({ context, event }): Emitted => request(context, event.slot, false)) },
      {
        guard: ({ event }) => event.phase === 'codec',
        actions: [
          emit(({ context, event }): Emitted => ({
            type: 'decision.applied',
            payload: {
              slot: event.slot,
              forSlot: context.decisionFor,
              agent: context.agent,
              applied: { power: [context.decision.power], powerLevel: [context.decision.powerLevel], symbols: [context.decision.symbols] },
            },
          })),
          assign(({ context }) => ({ previousPower: context.decision.power })),
        ],
      },
    ],
  },
});

function request(context: BaseStationContext, slot: number, final: boolean): Emitted {
  const zero = { signal: 0, interference: context.params.noise, sinr: 0, qoe: 0 };
  const now = context.now ?? zero;
  return {
    type: 'decision.requested',
    payload: { episode: context.episode, slot, agent: context.agent, observation: observationOf(context.previousPower, now, context.before ?? now, context.params), final },
  };
}
