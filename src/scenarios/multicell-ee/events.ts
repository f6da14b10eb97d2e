import { z } from 'zod';
import { defineEvents, type EventsOf, type KernelEvent, type PhaseTick } from '../../events/index.ts';

const num = z.number();
const int = z.number().int();
const vec = z.array(num);

/**
 * multicell-ee's own events (004 Sections 3-4, Fig. 3). The decision exchange uses the kernel
 * events: `decision.requested` (BS -> its agent, the observation of eq. 17), `decision.made`,
 * `decision.applied` (`applied: {power: [W], powerLevel: [q], symbols: [k]}`, heard by every
 * user: it is the interference they see) and `reward.computed` (controller -> every BS: the
 * system EE of eq. 20, one equal reward per BS).
 */
export const MULTICELL_EVENTS = defineEvents({
  /**
   * A user's drop for the episode: position, large-scale gain from every BS (path loss and
   * shadowing, linear) and its QoE parameters (eq. 8).
   */
  'user.placed': {
    phase: 'inherit',
    payload: z.object({
      cell: int,
      x: num,
      y: num,
      distance: num,
      largeScale: vec,
      weight: num,
      rateGrowth: num,
      accuracyGrowth: num,
      rateRequirement: num,
      accuracyRequirement: num,
    }),
  },
  /**
   * What user `cell` measures at the start of a slot on the new channel with the powers still
   * in force (the previous slot's): `b` = signal (eq. 18), `i` = interference plus noise
   * (eq. 19), their SINR, and the QoE the configuration in force would give; `gain` is the row
   * `h_{m,j}` of eq. 3 (from every BS j). Its BS builds the observation of eq. 17 from these.
   */
  'link.measured': {
    phase: 'channel',
    payload: z.object({ cell: int, slot: int, gain: vec, signal: num, interference: num, sinr: num, qoe: num }),
  },
  /**
   * What user `cell` received in the slot with the decisions applied: SINR (eq. 2), semantic
   * accuracy (eq. 5), normalised semantic rate (eq. 6) and QoE (eq. 8); whether the rate and
   * accuracy requirements (9d, 9e) were met.
   */
  'semantic.delivered': {
    phase: 'transmission',
    payload: z.object({
      cell: int,
      slot: int,
      power: num,
      symbols: int,
      signal: num,
      interference: num,
      sinr: num,
      sinrDb: num,
      similarity: num,
      rate: num,
      qoe: num,
      rateMet: z.boolean(),
      accuracyMet: z.boolean(),
    }),
  },
  /**
   * A BS's report to the central controller (Fig. 3): its user's QoE and its transmit power for
   * `slot`, plus the similarity, symbols and unmet requirements for the slot's metrics. It
   * arrives `reportDelay_slots` later.
   */
  'ee.reported': {
    phase: 'inherit',
    payload: z.object({ episode: int, cell: int, slot: int, qoe: num, power: num, similarity: num, symbols: int, violations: int }),
  },
});

/** Every catalogue part a multicell-ee simulation registers. */
export const MULTICELL_CATALOGUE = [MULTICELL_EVENTS] as const;

export type MulticellOwnEvent = EventsOf<typeof MULTICELL_EVENTS>;
/** Any event a multicell-ee actor may receive. */
export type MulticellEvent = MulticellOwnEvent | KernelEvent;
export type MulticellEventOf<T extends MulticellEvent['type']> = Extract<MulticellEvent, { type: T }>;
export type { PhaseTick };

/** The agent id of the BS of cell `m` (also its actor id). */
export const bsId = (m: number): string => `bs/${m}`;
