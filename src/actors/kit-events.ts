import { z } from 'zod';
import { defineEvents, type EventsOf } from '../events/index.ts';
import { PACKET_EVENTS } from './packets/packet-events.ts';

const num = z.number();
const vec = z.array(num);
const int = z.number().int();

/**
 * Events of the actor kit (links, traffic, buffers, transmissions). A scenario that uses kit
 * actors registers this part on its simulation next to its own.
 */
export const KIT_EVENTS = defineEvents({
  /**
   * Every link's small-scale fading evolved: one vector event per slot for the whole link
   * set (`fading[i]` = |g_i|^2 of link i). Total gains are `alpha_i fading[i]`, with the
   * large-scale gains alpha of whoever owns the geometry.
   */
  'channel.evolved': { phase: 'channel', payload: z.object({ slot: int, fading: vec }) },
  /** Packets arrived at a user's buffer (one event per user and slot, routed to that user's buffer). */
  'traffic.arrived': {
    phase: 'traffic',
    payload: z.object({
      user: int,
      packets: int,
      /** Arrival instants in seconds after the slot start, ascending (absent: all at the slot start). */
      offsets: vec.optional(),
    }),
  },
  /** The task (class) of a user's packets from now on (a timed buffer tags its packets with it). */
  'traffic.classified': { phase: 'inherit', payload: z.object({ user: int, task: int }) },
  /** A queue change (emitted in the phase that caused it). */
  'buffer.updated': {
    phase: 'inherit',
    payload: z.object({
      user: int,
      queue: int,
      accepted: int,
      dropped: int,
      delivered: int,
      cause: z.enum(['arrival', 'transmission', 'reset']),
    }),
  },
  /** Rates and packets each link carried in a slot (one vector event for all links). */
  'transmission.completed': {
    phase: 'transmission',
    payload: z.object({
      slot: int,
      rate: vec,
      capacity: z.array(int),
      /** Packets the slot can carry from the queue by 003 eq. 19 (no latencies); what left is in the buffers' `buffer.updated`. */
      delivered: z.array(int),
      /** Bits each link sends per packet this slot (a timed buffer times its packets with it). */
      packetBits: vec.optional(),
    }),
  },
  ...PACKET_EVENTS,
});

export type KitEvent = EventsOf<typeof KIT_EVENTS>;
export type KitEventOf<T extends KitEvent['type']> = Extract<KitEvent, { type: T }>;
