import { assign, emit, setup } from 'xstate';
import type { PhaseTick, ToscnEventOf } from './events.ts';
import type { ToscnParams } from './params.ts';
import { buildObservation, fallbackAllocation, linkCapacities } from './logic.ts';
import type { Emitted } from '../../actors/system.ts';

/** Input of the base station (edge server) actor. */
export interface BaseStationInput {
  readonly params: ToscnParams;
}

/** What the base station knows about each device, gathered from events only. */
export interface BaseStationContext {
  readonly params: ToscnParams;
  tasks: number[];
  gains: number[];
  queues: number[];
  packetBits: number[];
  bandwidth: number[];
  power: number[];
}

type BaseStationEvent =
  | ToscnEventOf<'task.assigned' | 'channel.evolved' | 'buffer.updated' | 'codec.inferred' | 'decision.applied' | 'episode.ended'>
  | PhaseTick;

/**
 * The micro base station / edge server of toscn (003 Section II). It learns the devices'
 * tasks, gains, queues and packet sizes from their events; at the `observation` tick it
 * publishes the state (003 eq. 35; again after the episode's last slot, marked final), at the `transmission` tick it computes rates and
 * delivered packets (003 eqs. 13-14, 19) for the allocation the controller applied.
 */
export const baseStationMachine = setup({
  types: {
    context: {} as BaseStationContext,
    events: {} as BaseStationEvent,
    input: {} as BaseStationInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'base-station',
  context: ({ input }) => {
    const D = input.params.devices;
    const fallback = fallbackAllocation(input.params);
    return {
      params: input.params,
      tasks: new Array(D).fill(0),
      gains: new Array(D).fill(0),
      queues: new Array(D).fill(0),
      packetBits: new Array(D).fill(input.params.packetBits),
      bandwidth: fallback.bandwidth,
      power: fallback.power,
    };
  },
  on: {
    'task.assigned': { actions: assign(({ context, event }) => ({ tasks: withAt(context.tasks, event.payload.user, event.payload.task) })) },
    'channel.evolved': { actions: assign(({ context, event }) => ({ gains: withAt(context.gains, event.payload.user, event.payload.gain) })) },
    'buffer.updated': { actions: assign(({ context, event }) => ({ queues: withAt(context.queues, event.payload.user, event.payload.queue) })) },
    'codec.inferred': {
      actions: assign(({ context, event }) => ({ packetBits: withAt(context.packetBits, event.payload.user, event.payload.packetBits) })),
    },
    'decision.applied': { actions: assign(({ event }) => ({ bandwidth: [...event.payload.applied.bandwidth], power: [...event.payload.applied.power] })) },
    // The state after the last slot: the bootstrap observation when the episode is truncated.
    'episode.ended': { actions: emit(({ context, event }): Emitted => observationReady(context, event.payload.slots, true)) },
    tick: [
      {
        guard: ({ event }) => event.phase === 'observation',
        actions: emit(({ context, event }): Emitted => observationReady(context, event.slot, false)),
      },
      {
        guard: ({ event }) => event.phase === 'transmission',
        actions: emit(({ context, event }): Emitted => {
          const { rate, capacity } = linkCapacities(context, context.gains, context.packetBits, context.params);
          const delivered = capacity.map((c, u) => Math.min(c, context.queues[u]));
          return { type: 'transmission.completed', payload: { slot: event.slot, rate, capacity: capacity.map(capInt), delivered } };
        }),
      },
    ],
  },
});

function observationReady(context: BaseStationContext, slot: number, final: boolean): Emitted {
  return {
    type: 'observation.ready',
    payload: {
      slot,
      final,
      observation: buildObservation(context.tasks, context.gains, context.queues, context.params),
      gain: [...context.gains],
      queue: [...context.queues],
      taskCounts: countTasks(context.tasks, context.params.tasks.length),
    },
  };
}

function withAt(xs: number[], i: number, v: number): number[] {
  const out = xs.slice();
  out[i] = v;
  return out;
}

function countTasks(tasks: readonly number[], J: number): number[] {
  const n = new Array<number>(J).fill(0);
  for (const t of tasks) n[t]++;
  return n;
}

/** Capacities can be astronomically large for a strong link; clamp to a safe integer for JSON traces. */
function capInt(c: number): number {
  return Math.min(c, Number.MAX_SAFE_INTEGER);
}
