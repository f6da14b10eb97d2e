import { EventCatalogue, type AnyEvent } from '../../src/events/index.ts';
import { PhaseTable } from '../../src/scheduler/phase.ts';
import { SlotScheduler } from '../../src/scheduler/slot-scheduler.ts';
import { TOSCN_CATALOGUE } from '../../src/scenarios/toscn/events.ts';

/** A catalogue with every event type of the kernel, the kit and toscn (a fresh one per call). */
export function fullCatalogue(): EventCatalogue {
  return new EventCatalogue(new PhaseTable(), TOSCN_CATALOGUE);
}

/** Every event type of `fullCatalogue()`. */
export const EVENT_TYPES: readonly string[] = fullCatalogue().types;

const SAMPLES: Record<string, (tag: number) => unknown> = {
  'episode.started': (tag) => ({ episode: tag, seed: 7 }),
  'episode.ended': (tag) => ({ episode: tag, slots: 10 }),
  'slot.started': (tag) => ({ slot: tag }),
  'slot.ended': (tag) => ({ slot: tag }),
  'task.assigned': (tag) => ({ user: tag, task: 1, distance: 42.5, largeScale: 1e-10 }),
  'channel.evolved': (tag) => ({ slot: tag, fading: [0.8, 1.3] }),
  'traffic.arrived': (tag) => ({ user: tag, packets: 3 }),
  'buffer.updated': (tag) => ({ user: tag, queue: 2, accepted: 2, dropped: 1, delivered: 0, cause: 'arrival' }),
  'observation.ready': (tag) => ({ slot: tag, final: false, observation: [0.5, -0.25], gain: [1e-9], queue: [2], taskCounts: [1, 0, 0] }),
  'decision.requested': (tag) => ({ episode: tag, slot: tag, agent: 'agent', observation: [0.5, -0.25], final: false }),
  'decision.made': (tag) => ({ episode: tag, forSlot: tag, agent: 'agent', action: { continuous: [0, 1, -1] }, fallback: false }),
  'decision.applied': (tag) => ({ slot: tag, forSlot: tag, agent: 'agent', applied: { bandwidth: [1e6], power: [0.1], compression: [0.2] } }),
  'codec.inferred': (tag) => ({ user: tag, task: 0, compression: 0.2, packetBits: 160000, accuracy: 0.92 }),
  'transmission.completed': (tag) => ({ slot: tag, rate: [1e6], capacity: [3], delivered: [2] }),
  'traffic.classified': (tag) => ({ user: tag, task: 2 }),
  'packet.arrived': (tag) => ({ user: tag, id: 4, task: 1 }),
  'packet.encoded': (tag) => ({ user: tag, id: 4 }),
  'packet.delivered': (tag) => ({ user: tag, id: 4, generated: 0.05, delay: 0.12 }),
  'packet.dropped': (tag) => ({ user: tag, id: 5, generated: 0.07 }),
  'packet.summary': (tag) => ({
    user: tag,
    arrived: 9,
    accepted: 8,
    dropped: 1,
    delivered: 7,
    held: 1,
    dropProbability: 1 / 9,
    queueing: { mean: 0.05, p50: 0.04, p95: 0.1, p99: 0.11 },
    endToEnd: { mean: null, p50: null, p95: null, p99: null },
    ageOfInformation: 0.21,
    meanInSystem: 1.5,
    acceptedRate: 4,
    meanSojourn: 0.375,
    window: 2,
  }),
  'decision.computed': (tag) => ({ slot: tag, agent: 'agent' }),
  'grant.signalled': (tag) => ({ slot: tag }),
  'reward.computed': (tag) => ({ slot: tag, rewards: { agent: 1.8 }, metrics: { reward: 1.8, delivered: 2 } }),
};

/**
 * One catalogue-valid event per type, tagged with `tag` in an integer field so tests can tell
 * events apart (and find them again) after they went through the scheduler.
 */
export function sampleEvent(type: string, tag = 0): AnyEvent {
  const make = SAMPLES[type];
  if (!make) throw new Error(`no sample for event type '${type}'`);
  return { type, payload: make(tag) };
}

/** The integer tag `sampleEvent` put into an event. */
export function tagOf(event: AnyEvent): number {
  const p = event.payload as Record<string, unknown>;
  for (const key of ['episode', 'slot', 'user', 'forSlot'] as const) if (typeof p[key] === 'number') return p[key] as number;
  throw new Error(`no tag in ${event.type}`);
}

/** A scheduler whose catalogue knows every kernel, kit and toscn event type. */
export function testScheduler(): SlotScheduler {
  return new SlotScheduler(fullCatalogue());
}

/** Rank an event of `type` gets when emitted while the scheduler is in phase rank `current`. */
export function rankOf(type: string, current: number): number {
  const r = fullCatalogue().rankOf(type);
  return r < 0 ? current : r;
}
