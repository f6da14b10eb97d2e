import { assign, enqueueActions, setup } from 'xstate';
import type { Emitted } from '../../actors/system.ts';
import { bsId, type MulticellEventOf } from './events.ts';
import { systemEe } from './logic.ts';
import type { MulticellParams } from './params.ts';

/** Input of the central controller. */
export interface ControllerInput {
  readonly params: MulticellParams;
}

/** The reports of one slot gathered so far, by cell. */
interface SlotReports {
  count: number;
  readonly qoe: number[];
  readonly power: number[];
  readonly similarity: number[];
  readonly symbols: number[];
  violations: number;
}

export interface ControllerContext {
  readonly params: MulticellParams;
  readonly agents: readonly string[];
  episode: number;
  /** Open slots by slot index (reports of a slot can arrive over several slots). */
  pending: Map<number, SlotReports>;
}

type ControllerEvent = MulticellEventOf<'episode.started' | 'ee.reported'>;

/**
 * The central controller of 004 Fig. 3: it only exchanges signalling. Every BS reports its
 * user's QoE and its transmit power (`ee.reported`); when all M reports of a slot are in, it
 * computes the system power (eq. 7) and semantic EE (eqs. 9, 20) and sends the EE back to
 * every BS as their shared reward (`reward.computed`, one equal entry per BS, with the slot's
 * metrics). Reports of another episode are ignored; a slot whose reports never all arrive
 * gets no reward.
 */
export const controllerMachine = setup({
  types: { context: {} as ControllerContext, events: {} as ControllerEvent, input: {} as ControllerInput, emitted: {} as Emitted },
}).createMachine({
  id: 'controller',
  context: ({ input }) => ({
    params: input.params,
    agents: Array.from({ length: input.params.cells }, (_, m) => bsId(m)),
    episode: -1,
    pending: new Map(),
  }),
  on: {
    'episode.started': { actions: assign(({ event }) => ({ episode: event.payload.episode, pending: new Map<number, SlotReports>() })) },
    'ee.reported': {
      guard: ({ context, event }) => event.payload.episode === context.episode,
      actions: enqueueActions(({ context, event, enqueue }) => {
        const r = event.payload;
        const M = context.params.cells;
        let slot = context.pending.get(r.slot);
        if (!slot) {
          slot = { count: 0, qoe: new Array(M).fill(0), power: new Array(M).fill(0), similarity: new Array(M).fill(0), symbols: new Array(M).fill(0), violations: 0 };
          context.pending.set(r.slot, slot);
        }
        slot.count++;
        slot.qoe[r.cell] = r.qoe;
        slot.power[r.cell] = r.power;
        slot.similarity[r.cell] = r.similarity;
        slot.symbols[r.cell] = r.symbols;
        slot.violations += r.violations;
        if (slot.count < M) return;
        context.pending.delete(r.slot);
        enqueue.emit(rewardEvent(r.slot, slot, context));
      }),
    },
  },
});

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function rewardEvent(slot: number, r: SlotReports, context: ControllerContext): Emitted {
  const { ee, sumQoe, totalPower } = systemEe(r.qoe, r.power, context.params);
  const rewards: Record<string, number> = {};
  for (const id of context.agents) rewards[id] = ee;
  return {
    type: 'reward.computed',
    payload: {
      slot,
      rewards,
      metrics: { reward: ee, ee, qoe: mean(r.qoe), sumQoe, power: mean(r.power), totalPower, similarity: mean(r.similarity), symbols: mean(r.symbols), violations: r.violations },
    },
  };
}
