import { z } from 'zod';
import { defineEvents, type EventsOf } from '../events/index.ts';

const num = z.number();
const vec = z.array(num);
const int = z.number().int();

/**
 * Events of the actor kit (links, traffic, buffers, transmissions). A scenario that uses kit
 * actors registers this part on its simulation next to its own.
 */
export const KIT_EVENTS = defineEvents({
  /** A link's fading evolved (one event per link per slot). */
  'channel.evolved': {
    phase: 'channel',
    payload: z.object({
      /** Link (user) index. */
      user: int,
      /** Linear large-scale gain alpha (path loss, shadowing, antenna gain). */
      largeScale: num,
      /** Small-scale power |g|^2. */
      fading: num,
      /** Total linear power gain h = alpha |g|^2. */
      gain: num,
    }),
  },
  /** Packets arrived at a user's buffer. */
  'traffic.arrived': { phase: 'traffic', payload: z.object({ user: int, packets: int }) },
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
    payload: z.object({ slot: int, rate: vec, capacity: z.array(int), delivered: z.array(int) }),
  },
});

export type KitEvent = EventsOf<typeof KIT_EVENTS>;
export type KitEventOf<T extends KitEvent['type']> = Extract<KitEvent, { type: T }>;
