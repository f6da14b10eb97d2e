import { simEvent, type EventType, type SimEvent } from '../../src/events/index.ts';

/**
 * One catalogue-valid event per type, tagged with `tag` in an integer field so tests can tell
 * events apart (and find them again) after they went through the scheduler.
 */
export function sampleEvent(type: EventType, tag = 0): SimEvent {
  switch (type) {
    case 'episode.started':
      return simEvent(type, { episode: tag, seed: 7 });
    case 'episode.ended':
      return simEvent(type, { episode: tag, slots: 10, return: 1.5 });
    case 'slot.started':
      return simEvent(type, { slot: tag });
    case 'slot.ended':
      return simEvent(type, { slot: tag });
    case 'task.assigned':
      return simEvent(type, { user: tag, task: 1, distance: 42.5 });
    case 'channel.evolved':
      return simEvent(type, { user: tag, largeScale: 1e-10, fading: 0.8, gain: 8e-11 });
    case 'traffic.arrived':
      return simEvent(type, { user: tag, packets: 3 });
    case 'buffer.updated':
      return simEvent(type, { user: tag, queue: 2, accepted: 2, dropped: 1, delivered: 0, cause: 'arrival' });
    case 'observation.ready':
      return simEvent(type, { slot: tag, observation: [0.5, -0.25], gain: [1e-9], queue: [2], taskCounts: [1, 0, 0] });
    case 'decision.requested':
      return simEvent(type, { episode: tag, slot: tag, observation: [0.5, -0.25] });
    case 'decision.made':
      return simEvent(type, { episode: tag, forSlot: tag, action: [0, 1, -1], fallback: false });
    case 'decision.applied':
      return simEvent(type, { slot: tag, forSlot: tag, bandwidth: [1e6], power: [0.1], compression: [0.2] });
    case 'codec.inferred':
      return simEvent(type, { user: tag, task: 0, compression: 0.2, packetBits: 160000, accuracy: 0.92 });
    case 'transmission.completed':
      return simEvent(type, { slot: tag, rate: [1e6], capacity: [3], delivered: [2] });
    case 'reward.computed':
      return simEvent(type, {
        slot: tag,
        reward: 1.8,
        objective: 1.8,
        delivered: 2,
        dropped: 0,
        meanAccuracy: 0.9,
        accuracyViolations: 0,
        budgetViolations: 0,
      });
  }
}

/** The integer tag `sampleEvent` put into an event. */
export function tagOf(event: SimEvent): number {
  const p = event.payload as Record<string, unknown>;
  for (const key of ['episode', 'slot', 'user', 'forSlot'] as const) if (typeof p[key] === 'number') return p[key] as number;
  throw new Error(`no tag in ${event.type}`);
}
