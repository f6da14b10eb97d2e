import type { z } from 'zod';
import { CATALOGUE, type EventType } from './catalogue.ts';

/** Payload type of an event type, inferred from its zod schema. */
export type PayloadOf<T extends EventType> = Readonly<z.infer<(typeof CATALOGUE)[T]['payload']>>;

/** One simulation event: a namespaced `type` and a readonly payload. */
export type SimEvent<T extends EventType = EventType> = T extends EventType
  ? { readonly type: T; readonly payload: PayloadOf<T> }
  : never;

/** Events whose type starts with `Ns.` — one discriminated union per domain. */
type InDomain<Ns extends string> = Extract<SimEvent, { type: `${Ns}.${string}` }>;
export type EpisodeEvent = InDomain<'episode'>;
export type SlotEvent = InDomain<'slot'>;
export type TaskEvent = InDomain<'task'>;
export type ChannelEvent = InDomain<'channel'>;
export type TrafficEvent = InDomain<'traffic'>;
export type BufferEvent = InDomain<'buffer'>;
export type ObservationEvent = InDomain<'observation'>;
export type DecisionEvent = InDomain<'decision'>;
export type CodecEvent = InDomain<'codec'>;
export type TransmissionEvent = InDomain<'transmission'>;
export type RewardEvent = InDomain<'reward'>;

/** The scheduler's wake-up for actors that act at the start of a phase (not traced). */
export interface PhaseTick {
  readonly type: 'tick';
  readonly phase: string;
  readonly slot: number;
}

/** An event as it comes off the queue: the event plus where and when it happened. */
export interface Envelope<E extends SimEvent = SimEvent> {
  /** Dispatch index: strictly increasing in the order events happen (the trace order). */
  readonly seq: number;
  readonly episode: number;
  readonly slot: number;
  readonly time: number;
  readonly phase: string;
  /** Id of the emitting actor. */
  readonly actor: string;
  readonly event: E;
}

/** Builds an event with its payload type checked against the catalogue. */
export function simEvent<T extends EventType>(type: T, payload: PayloadOf<T>): SimEvent<T> {
  return { type, payload } as SimEvent<T>;
}

/** Validates an event's payload against the catalogue schema; throws a readable error. */
export function validateEvent(type: string, payload: unknown): SimEvent {
  const entry = (CATALOGUE as Record<string, { payload: z.ZodType }>)[type];
  if (!entry) throw new Error(`unknown event type '${type}'`);
  const parsed = entry.payload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`event '${type}': payload.${issue.path.join('.')}: ${issue.message}`);
  }
  return { type, payload: parsed.data } as SimEvent;
}
