import { assign, emit, setup } from 'xstate';
import type { KernelEvent } from '../events/index.ts';
import type { KitEventOf } from './kit-events.ts';
import type { Emitted } from './system.ts';

/** Input of a device buffer. */
export interface BufferInput {
  /** Index of the device that owns this buffer. */
  readonly user: number;
  /** v_max: the most packets the buffer holds (003 Table I: 6). */
  readonly capacity: number;
}

export interface BufferContext {
  readonly user: number;
  readonly capacity: number;
  queue: number;
  /** Running totals over the episode, for the conservation check. */
  arrived: number;
  delivered: number;
  dropped: number;
  /** The change just made, emitted as `buffer.updated`. */
  last: BufferUpdate;
}

/** Payload of `buffer.updated`. */
export type BufferUpdate = KitEventOf<'buffer.updated'>['payload'];

type BufferEvent = KitEventOf<'traffic.arrived' | 'transmission.completed'> | KernelEvent<'episode.started'>;

/** Arrivals into a buffer of `capacity` holding `queue`: the overflow is dropped (003 eq. 20). */
export function acceptArrivals(queue: number, capacity: number, packets: number): { queue: number; accepted: number; dropped: number } {
  const accepted = Math.max(0, Math.min(packets, capacity - queue));
  return { queue: queue + accepted, accepted, dropped: packets - accepted };
}

/** A transmission granted `capacity` packets sends `min(capacity, queue)` (003 eq. 19). */
export function sendPackets(queue: number, capacity: number): { queue: number; sent: number } {
  const sent = Math.max(0, Math.min(capacity, queue));
  return { queue: queue - sent, sent };
}

/**
 * A device's packet buffer (003 eqs. 19-20): arrivals beyond v_max are dropped and counted;
 * a transmission removes `min(capacity, queue)` packets. Emits `buffer.updated` after every
 * change so the base station sees the queue without reading this actor.
 */
export const bufferMachine = setup({
  types: {
    context: {} as BufferContext,
    events: {} as BufferEvent,
    input: {} as BufferInput,
    emitted: {} as Emitted,
  },
  actions: {
    emitLast: emit(({ context }): Emitted => ({ type: 'buffer.updated', payload: context.last })),
  },
}).createMachine({
  id: 'buffer',
  context: ({ input }) => ({
    user: input.user,
    capacity: input.capacity,
    queue: 0,
    arrived: 0,
    delivered: 0,
    dropped: 0,
    last: { user: input.user, queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' },
  }),
  on: {
    'episode.started': {
      actions: [
        assign(({ context }) => ({
          queue: 0,
          arrived: 0,
          delivered: 0,
          dropped: 0,
          last: { user: context.user, queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' as const },
        })),
        'emitLast',
      ],
    },
    'traffic.arrived': {
      actions: [
        assign(({ context, event }) => {
          const r = acceptArrivals(context.queue, context.capacity, event.payload.packets);
          return {
            queue: r.queue,
            arrived: context.arrived + event.payload.packets,
            dropped: context.dropped + r.dropped,
            last: { user: context.user, queue: r.queue, accepted: r.accepted, dropped: r.dropped, delivered: 0, cause: 'arrival' as const },
          };
        }),
        'emitLast',
      ],
    },
    'transmission.completed': {
      actions: [
        assign(({ context, event }) => {
          const r = sendPackets(context.queue, event.payload.delivered[context.user] ?? 0);
          return {
            queue: r.queue,
            delivered: context.delivered + r.sent,
            last: { user: context.user, queue: r.queue, accepted: 0, dropped: 0, delivered: r.sent, cause: 'transmission' as const },
          };
        }),
        'emitLast',
      ],
    },
  },
});
