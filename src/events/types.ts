import type { z } from 'zod';
import { KERNEL_EVENTS, type CataloguePart, type EventCatalogue } from './catalogue.ts';

/** One simulation event: a namespaced `type` and a readonly payload (the scheduler's view). */
export interface AnyEvent {
  readonly type: string;
  readonly payload: unknown;
}

/** The typed events of a catalogue part: one discriminated union member per type. */
export type EventsOf<C extends CataloguePart> = {
  [T in keyof C & string]: { readonly type: T; readonly payload: Readonly<z.infer<C[T]['payload']>> };
}[keyof C & string];

/** Kernel event types and their union. */
export type KernelEventType = keyof typeof KERNEL_EVENTS;
export type KernelEvent<T extends KernelEventType = KernelEventType> = Extract<EventsOf<typeof KERNEL_EVENTS>, { type: T }>;

/** Payload type of a kernel event type. */
export type PayloadOf<T extends KernelEventType> = KernelEvent<T>['payload'];

/** Events of a union whose type starts with `Ns.` (one union per domain). */
export type InDomain<E extends AnyEvent, Ns extends string> = Extract<E, { type: `${Ns}.${string}` }>;
export type EpisodeEvent = InDomain<KernelEvent, 'episode'>;
export type SlotEvent = InDomain<KernelEvent, 'slot'>;
export type DecisionEvent = InDomain<KernelEvent, 'decision'>;
export type RewardEvent = InDomain<KernelEvent, 'reward'>;

/** Backwards-compatible name for any event. */
export type SimEvent = AnyEvent;

/** The scheduler's wake-up for actors that act at the start of a phase (not traced). */
export interface PhaseTick {
  readonly type: 'tick';
  readonly phase: string;
  readonly slot: number;
  /**
   * Events held for the actor since its last tick (its `Wiring.inbox` types), in dispatch
   * order; absent when there are none. One send hands them all over.
   */
  readonly inbox?: readonly AnyEvent[];
}

/** An event as it comes off the queue: the event plus where and when it happened. */
export interface Envelope<E extends AnyEvent = AnyEvent> {
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

/** Builds a kernel event with its payload type checked. */
export function kernelEvent<T extends KernelEventType>(type: T, payload: PayloadOf<T>): KernelEvent<T> {
  return { type, payload } as KernelEvent<T>;
}

/** Validates an event's payload against a catalogue; throws a readable error. */
export function validateEvent(catalogue: EventCatalogue, type: string, payload: unknown): AnyEvent {
  const spec = catalogue.spec(type);
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`event '${type}': payload.${issue.path.join('.')}: ${issue.message}`);
  }
  return { type, payload: parsed.data };
}
