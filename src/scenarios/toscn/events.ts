import { z } from 'zod';
import { defineEvents, type EventsOf, type KernelEvent, type PhaseTick } from '../../events/index.ts';
import { KIT_EVENTS, type KitEvent } from '../../actors/kit-events.ts';

const num = z.number();
const int = z.number().int();

/** toscn's own events (003 Section II); it also uses the kit's link, traffic and buffer events. */
export const TOSCN_EVENTS = defineEvents({
  /**
   * A device's task and position for the episode (emitted when the episode starts), with its
   * large-scale gain alpha (003 eqs. 15-16, linear): the link's total gain is alpha |g|^2.
   */
  'task.assigned': { phase: 'inherit', payload: z.object({ user: int, task: int, distance: num, largeScale: num }) },
  /**
   * The state the base station sees (003 eq. 35), at the observation phase of every slot and,
   * with `final`, once after the episode's last slot (the bootstrap state on truncation).
   */
  'observation.ready': {
    phase: 'inherit',
    payload: z.object({ slot: int, final: z.boolean(), observation: z.array(num), gain: z.array(num), queue: z.array(int), taskCounts: z.array(int) }),
  },
  /** A device's semantic encoding for the slot: compression, packet size, task accuracy (eqs. 12, 21). */
  'codec.inferred': {
    phase: 'codec',
    payload: z.object({ user: int, task: int, compression: num, packetBits: num, accuracy: num }),
  },
});

/** Every catalogue part a toscn simulation registers. */
export const TOSCN_CATALOGUE = [KIT_EVENTS, TOSCN_EVENTS] as const;

export type ToscnOwnEvent = EventsOf<typeof TOSCN_EVENTS>;
/** Any event a toscn actor may receive. */
export type ToscnEvent = ToscnOwnEvent | KitEvent | KernelEvent;
export type ToscnEventOf<T extends ToscnEvent['type']> = Extract<ToscnEvent, { type: T }>;
export type { PhaseTick };

/** The agent id of toscn's single decision maker (and the id of its host actor). */
export const TOSCN_AGENT = 'agent';
