import { z } from 'zod';
import type { BuiltinPhase } from '../scheduler/phase.ts';

/**
 * The event catalogue: every event type, the phase it belongs to, and the zod schema of its
 * payload. Event types are namespaced (`domain.verb`); one discriminated union per domain
 * is derived from this table in `./types`. Payloads are plain JSON (numbers, arrays,
 * objects) so a trace can be written and read back and validated against these schemas.
 */
const num = z.number();
const vec = z.array(num);
const int = z.number().int();

export const CATALOGUE = {
  // episode.*  — bracket an episode
  'episode.started': { phase: 'episode.start', payload: z.object({ episode: int, seed: int }) },
  'episode.ended': { phase: 'episode.end', payload: z.object({ episode: int, slots: int, return: num }) },

  // slot.*  — bracket a slot
  'slot.started': { phase: 'slot.start', payload: z.object({ slot: int }) },
  'slot.ended': { phase: 'slot.end', payload: z.object({ slot: int }) },

  // task.*  — a device's task and position for the episode (emitted when the episode starts)
  'task.assigned': { phase: 'inherit', payload: z.object({ user: int, task: int, distance: num }) },

  // channel.*  — fading and position updates
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

  // traffic.*  — packet arrivals
  'traffic.arrived': { phase: 'traffic', payload: z.object({ user: int, packets: int }) },

  // buffer.*  — queue changes (emitted in the phase that caused them)
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

  // observation.*  — the state the controller sees
  'observation.ready': {
    phase: 'observation',
    payload: z.object({ slot: int, observation: vec, gain: vec, queue: z.array(int), taskCounts: z.array(int) }),
  },

  // decision.*  — the agent's allocation, possibly late
  'decision.requested': { phase: 'observation', payload: z.object({ episode: int, slot: int, observation: vec }) },
  'decision.made': {
    phase: 'decision',
    payload: z.object({
      /** Episode of the request (a late decision never crosses into another episode). */
      episode: int,
      /** Slot whose observation the decision was computed from. */
      forSlot: int,
      /** The agent's raw action, before projection onto the budgets. */
      action: vec,
      /** True for the controller's default allocation while no decision has arrived yet. */
      fallback: z.boolean(),
    }),
  },
  'decision.applied': {
    phase: 'codec',
    payload: z.object({
      slot: int,
      /** Slot whose observation produced this allocation (slot - forSlot = staleness). */
      forSlot: int,
      bandwidth: vec,
      power: vec,
      compression: vec,
    }),
  },

  // codec.*  — semantic encoding results
  'codec.inferred': {
    phase: 'codec',
    payload: z.object({ user: int, task: int, compression: num, packetBits: num, accuracy: num }),
  },

  // transmission.*  — rates and delivered packets
  'transmission.completed': {
    phase: 'transmission',
    payload: z.object({ slot: int, rate: vec, capacity: z.array(int), delivered: z.array(int) }),
  },

  // reward.*  — metrics and reward
  'reward.computed': {
    phase: 'reward',
    payload: z.object({
      slot: int,
      reward: num,
      objective: num,
      delivered: int,
      dropped: int,
      meanAccuracy: num,
      accuracyViolations: int,
      budgetViolations: int,
    }),
  },
} as const satisfies Record<string, { phase: BuiltinPhase | 'inherit'; payload: z.ZodType }>;

export type EventType = keyof typeof CATALOGUE;
export const EVENT_TYPES = Object.keys(CATALOGUE) as EventType[];

/** The phase an event type belongs to (`'inherit'`: the phase in which it is emitted). */
export function phaseOfType(type: EventType): BuiltinPhase | 'inherit' {
  return CATALOGUE[type].phase;
}
