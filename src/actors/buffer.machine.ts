import { emit, setup } from 'xstate';
import type { KernelEvent } from '../events/index.ts';
import type { KitEventOf } from './kit-events.ts';
import type { Emitted } from './system.ts';

/** What a full buffer loses: the arriving packets (drop-newest, 003 eq. 20) or the oldest queued ones. */
export type DropPolicy = 'drop-newest' | 'drop-oldest';

/** Input of a device buffer. */
export interface BufferInput {
  /** Index of the device that owns this buffer. */
  readonly user: number;
  /** v_max: the most packets the buffer holds (003 Table I: 6). */
  readonly capacity: number;
  /** Overflow policy (default `drop-newest`, 003 eq. 20). */
  readonly dropPolicy?: DropPolicy;
}

export interface BufferContext {
  readonly user: number;
  readonly capacity: number;
  readonly dropPolicy: DropPolicy;
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

/**
 * Arrivals into a buffer of `capacity` holding `queue`. Drop-newest (003 eq. 20): the
 * arrivals that do not fit are refused. Drop-oldest: every arrival joins the tail and the
 * oldest packets are pushed out (so `accepted` counts the arrivals still queued, `dropped`
 * every packet lost, old or new). Either way `queue' = queue + packets - dropped`.
 */
export function acceptArrivals(queue: number, capacity: number, packets: number, policy: DropPolicy = 'drop-newest'): { queue: number; accepted: number; dropped: number } {
  if (policy === 'drop-oldest') {
    const next = Math.min(capacity, queue + packets);
    return { queue: next, accepted: Math.min(packets, capacity), dropped: queue + packets - next };
  }
  const accepted = Math.max(0, Math.min(packets, capacity - queue));
  return { queue: queue + accepted, accepted, dropped: packets - accepted };
}

/** A transmission granted `capacity` packets sends `min(capacity, queue)` (003 eq. 19). */
export function sendPackets(queue: number, capacity: number): { queue: number; sent: number } {
  const sent = Math.max(0, Math.min(capacity, queue));
  return { queue: queue - sent, sent };
}

/** Records `last` and returns it as the `buffer.updated` to emit (the context is updated in place: no copy per event). */
function record(context: BufferContext, last: BufferUpdate): Emitted {
  context.last = last;
  return { type: 'buffer.updated', payload: last };
}

/**
 * A device's packet buffer (003 eqs. 19-20): arrivals beyond v_max are dropped by the drop
 * policy and counted; a transmission removes `min(delivered[user], queue)` packets. Emits
 * `buffer.updated` after every change so the base station sees the queue without reading
 * this actor. Hears its own `traffic.arrived` (wire it with `accepts` on `user`).
 */
export const bufferMachine = setup({
  types: {
    context: {} as BufferContext,
    events: {} as BufferEvent,
    input: {} as BufferInput,
    emitted: {} as Emitted,
  },
}).createMachine({
  id: 'buffer',
  context: ({ input }) => ({
    user: input.user,
    capacity: input.capacity,
    dropPolicy: input.dropPolicy ?? 'drop-newest',
    queue: 0,
    arrived: 0,
    delivered: 0,
    dropped: 0,
    last: { user: input.user, queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' },
  }),
  on: {
    // One action per event: the update happens as the emitted event is built (fewer XState steps).
    'episode.started': {
      actions: emit(({ context }) => {
        context.queue = context.arrived = context.delivered = context.dropped = 0;
        return record(context, { user: context.user, queue: 0, accepted: 0, dropped: 0, delivered: 0, cause: 'reset' });
      }),
    },
    'traffic.arrived': {
      actions: emit(({ context, event }) => {
        const r = acceptArrivals(context.queue, context.capacity, event.payload.packets, context.dropPolicy);
        context.queue = r.queue;
        context.arrived += event.payload.packets;
        context.dropped += r.dropped;
        return record(context, { user: context.user, queue: r.queue, accepted: r.accepted, dropped: r.dropped, delivered: 0, cause: 'arrival' });
      }),
    },
    'transmission.completed': {
      actions: emit(({ context, event }) => {
        const r = sendPackets(context.queue, event.payload.delivered[context.user] ?? 0);
        context.queue = r.queue;
        context.delivered += r.sent;
        return record(context, { user: context.user, queue: r.queue, accepted: 0, dropped: 0, delivered: r.sent, cause: 'transmission' });
      }),
    },
  },
});
