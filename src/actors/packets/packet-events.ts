import { z } from 'zod';
import { defineEvents } from '../../events/index.ts';

const num = z.number();
const int = z.number().int();
/** A delay statistic: null when no packet contributed. */
const stat = num.nullable();
const delays = z.object({ mean: stat, p50: stat, p95: stat, p99: stat });

/**
 * Timed packet events of the kit's timed buffer. The `packet.*` life events are off by
 * default (one per packet and stage: they multiply a run's event count) and carry their own
 * instant as the envelope's time; `packet.summary` is always on, once per buffer and episode.
 */
export const PACKET_EVENTS = defineEvents({
  /** A packet was generated and reached its device's buffer. */
  'packet.arrived': { phase: 'inherit', payload: z.object({ user: int, id: int, task: int }) },
  /** A packet's semantic encoding finished (it is ready to send). */
  'packet.encoded': { phase: 'inherit', payload: z.object({ user: int, id: int }) },
  /** A packet's last bit reached the receiver; `delay` = now - generation time, seconds. */
  'packet.delivered': { phase: 'inherit', payload: z.object({ user: int, id: int, generated: num, delay: num }) },
  /** A packet was lost to a full buffer (refused on arrival, or evicted as the oldest). */
  'packet.dropped': { phase: 'inherit', payload: z.object({ user: int, id: int, generated: num }) },
  /**
   * A buffer's packet statistics over an episode: delays in seconds (queueing: arrival to
   * the start of encoding; end-to-end: generation to the last bit received), drop
   * probability, the exact time-average age of information at the receiver, and the
   * time-average number in the system with the accepted rate and mean sojourn (Little's law).
   */
  'packet.summary': {
    phase: 'inherit',
    payload: z.object({
      user: int,
      arrived: int,
      accepted: int,
      dropped: int,
      delivered: int,
      held: int,
      dropProbability: num,
      queueing: delays,
      endToEnd: delays,
      ageOfInformation: num,
      meanInSystem: num,
      acceptedRate: num,
      meanSojourn: num,
      window: num,
    }),
  },
  /** The agent finished computing the decision for `slot` (its computation time after the request). */
  'decision.computed': { phase: 'inherit', payload: z.object({ slot: int, agent: z.string() }) },
  /** The controller's grant for `slot` reached the devices (decision computation plus signalling delay). */
  'grant.signalled': { phase: 'inherit', payload: z.object({ slot: int }) },
});
