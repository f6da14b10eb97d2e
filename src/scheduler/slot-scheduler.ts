import { Observable, Subject, filter, type SchedulerLike, type Subscription } from 'rxjs';
import { EventCatalogue } from '../events/catalogue.ts';
import type { AnyEvent, Envelope, PhaseTick } from '../events/types.ts';
import { EventHeap } from './heap.ts';
import { PHASE_RANKS, type PhaseName, type PhaseTable } from './phase.ts';
import { VirtualAction, type RxQueue } from './rx-action.ts';

type SimEvent = AnyEvent;

/** Receives events delivered by the scheduler (an actor adapter, a metric collector, ...). */
export type EventHandler = (event: SimEvent, envelope: Envelope) => void;
/** Receives phase ticks. */
export type TickHandler = (tick: PhaseTick) => void;

type QueueItem =
  | { readonly kind: 'event'; readonly actor: string; readonly event: SimEvent }
  | { readonly kind: 'tick'; readonly phase: string; readonly handlers: readonly TickHandler[] }
  | { readonly kind: 'rx'; readonly action: VirtualAction<unknown>; readonly generation: number };

/** When a run stops. All fields optional; the first one met stops the run. */
export interface StopCondition {
  /** Stop before any item after this simulated time (seconds). */
  readonly time?: number;
  /** Stop before any item at or after this simulated time (seconds). */
  readonly before?: number;
  /** Stop after dispatching an event for which this returns true. */
  readonly predicate?: (envelope: Envelope) => boolean;
  /** Stop after this many queue items (a safety net for open-ended runs). */
  readonly maxItems?: number;
  /**
   * Stop when the run crosses into slot `slot` (of any episode): the clock's slot-start tick
   * has run, none of that slot's events has been dispatched yet.
   */
  readonly slot?: number;
}

export type StopReason = 'empty' | 'time' | 'predicate' | 'maxItems' | 'slot';

/** A scheduler's position between episodes (see `SlotScheduler.position`). */
export interface SchedulerPosition {
  readonly clock: number;
  readonly phase: number;
  readonly episode: number;
  readonly slot: number;
  readonly processed: number;
  readonly dispatched: number;
  readonly nextSeq: number;
}

/**
 * The virtual-time event queue of a run, and an RxJS `SchedulerLike`. Everything that
 * happens in a simulation — events, phase ticks, RxJS actions — is a queue item ordered by
 * (time, phase rank, seq). Time is in simulated seconds: RxJS delays given to this scheduler
 * are seconds too.
 */
export class SlotScheduler implements SchedulerLike, RxQueue {
  /** Phase table of this simulation (shared with its catalogue). */
  readonly phases: PhaseTable;
  private readonly heap = new EventHeap<QueueItem>(4096);
  private readonly handlers = new Map<string, EventHandler[]>();
  private readonly subject = new Subject<Envelope>();
  private readonly popped = { time: 0, phase: 0, seq: 0 };
  private clock = 0;
  private currentPhase: number = PHASE_RANKS['episode.start'];
  /** Episode and slot stamped on envelopes; kept up to date by the slot clock. */
  episode = 0;
  slot = 0;
  /** Called for every dispatched event, before handlers (trace sinks hook here). */
  onDispatch: ((envelope: Envelope) => void) | undefined;
  /** Number of queue items processed so far. */
  processed = 0;
  /** Number of events dispatched so far: the `seq` of the next envelope (trace order). */
  dispatched = 0;

  /** Every dispatched event, in order. Costs nothing while nobody subscribes. */
  readonly events$: Observable<Envelope> = this.subject.asObservable();

  /**
   * @param catalogue the event types this simulation knows (kernel plus its scenario's part);
   *   an event of any other type is refused with an error naming the type.
   */
  constructor(readonly catalogue: EventCatalogue = new EventCatalogue()) {
    this.phases = catalogue.phases;
  }

  /** Simulated time in seconds. */
  now(): number {
    return this.clock;
  }

  /** Rank of the phase being processed. */
  get phase(): string {
    return this.phases.nameOf(this.currentPhase);
  }

  get pending(): number {
    return this.heap.size;
  }

  /** Events of one type as a typed Observable. */
  ofType<E extends SimEvent = SimEvent>(type: E['type']): Observable<Envelope<E>> {
    return this.events$.pipe(filter((e): e is Envelope<E> => e.event.type === type));
  }

  /** Delivers events of the given types to `handler` (in subscription order). */
  on(types: readonly string[], handler: EventHandler): () => void {
    for (const t of types) {
      const list = this.handlers.get(t);
      if (list) list.push(handler);
      else this.handlers.set(t, [handler]);
    }
    return () => {
      for (const t of types) {
        const list = this.handlers.get(t);
        const i = list ? list.indexOf(handler) : -1;
        if (list && i >= 0) list.splice(i, 1);
      }
    };
  }

  /**
   * Queues an event emitted by `actor`, `delay` seconds from now, in the phase its type
   * belongs to (or the current phase for `inherit` types). Throws if that would put it
   * before the item being processed: time never goes backwards.
   */
  emit(actor: string, event: SimEvent, delay = 0): number {
    return this.emitAt(actor, event, this.clock + delay);
  }

  /** Like `emit`, at absolute time `time` (exact: no `now + delay` rounding). */
  emitAt(actor: string, event: SimEvent, time: number): number {
    const declared = this.catalogue.rankOf(event.type);
    const rank = declared < 0 ? this.currentPhase : declared;
    return this.push(time, rank, { kind: 'event', actor, event }, event.type);
  }

  /** Queues a phase tick for `handlers` at absolute time `time`. */
  tickAt(time: number, phase: PhaseName, handlers: readonly TickHandler[]): void {
    this.push(time, this.phases.rankOf(phase), { kind: 'tick', phase, handlers }, `tick ${phase}`);
  }

  /** RxJS `SchedulerLike.schedule`: `delay` in simulated seconds. */
  schedule<T>(work: (this: import('rxjs').SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new VirtualAction<T>(this, work).schedule(state, delay);
  }

  /** @internal used by `VirtualAction`. */
  queueRx(action: VirtualAction<any>, delay: number): void {
    this.push(this.clock + delay, PHASE_RANKS.rx, { kind: 'rx', action, generation: action.generation }, 'rx action');
  }

  /**
   * Processes queue items in order until the queue is empty or `stop` is met.
   * Synchronous: as fast as possible. See `realtime-pacing.ts` for wall-clock pacing.
   */
  run(stop: StopCondition = {}): StopReason {
    const limitTime = stop.time ?? Infinity;
    const before = stop.before ?? Infinity;
    const maxItems = stop.maxItems ?? Infinity;
    let count = 0;
    while (this.heap.size > 0) {
      if (this.heap.peekTime() > limitTime || this.heap.peekTime() >= before) return 'time';
      if (count >= maxItems) return 'maxItems';
      count++;
      const slotBefore = this.slot;
      const envelope = this.step();
      if (stop.slot !== undefined && this.slot !== slotBefore && this.slot === stop.slot) return 'slot';
      if (envelope && stop.predicate && stop.predicate(envelope)) return 'predicate';
    }
    return 'empty';
  }

  /** Time of the next queued item (Infinity if none). */
  peekTime(): number {
    return this.heap.peekTime();
  }

  /** Processes exactly one queue item; returns the envelope if it was an event. */
  step(): Envelope | undefined {
    const item = this.heap.pop(this.popped);
    if (!item) return undefined;
    this.clock = this.popped.time;
    this.currentPhase = this.popped.phase;
    this.processed++;
    switch (item.kind) {
      case 'event':
        return this.dispatch(item.actor, item.event);
      case 'tick': {
        const tick: PhaseTick = { type: 'tick', phase: item.phase, slot: this.slot };
        for (const h of item.handlers) h(tick);
        return undefined;
      }
      case 'rx':
        item.action.execute(item.generation);
        return undefined;
    }
  }

  /** Drops every queued item (between episodes). Keeps the clock and handlers. */
  clearQueue(): void {
    this.heap.clear();
  }

  /**
   * Where the simulation stands between episodes (empty queue): clock, phase and counters. A
   * fresh scheduler given it by `restorePosition` numbers and times the next episode's events
   * exactly as this one would (run checkpoints).
   */
  position(): SchedulerPosition {
    return { clock: this.clock, phase: this.currentPhase, episode: this.episode, slot: this.slot, processed: this.processed, dispatched: this.dispatched, nextSeq: this.heap.nextSeq };
  }

  restorePosition(p: SchedulerPosition): void {
    this.heap.clear();
    [this.clock, this.currentPhase, this.episode, this.slot] = [p.clock, p.phase, p.episode, p.slot];
    [this.processed, this.dispatched, this.heap.nextSeq] = [p.processed, p.dispatched, p.nextSeq];
  }

  private dispatch(actor: string, event: SimEvent): Envelope {
    const envelope: Envelope = {
      seq: this.dispatched++,
      episode: this.episode,
      slot: this.slot,
      time: this.clock,
      phase: this.phases.nameOf(this.currentPhase),
      actor,
      event,
    };
    this.onDispatch?.(envelope);
    if (this.subject.observed) this.subject.next(envelope);
    const list = this.handlers.get(event.type);
    if (list) for (let i = 0; i < list.length; i++) list[i](event, envelope);
    return envelope;
  }

  private push(time: number, rank: number, item: QueueItem, what: string): number {
    if (!(time >= this.clock) || (time === this.clock && rank < this.currentPhase)) {
      throw new Error(
        `cannot schedule ${what} at t=${time}s phase ${this.phases.nameOf(rank)}: the clock is at t=${this.clock}s phase ${this.phases.nameOf(this.currentPhase)} (time never goes backwards)`,
      );
    }
    return this.heap.push(time, rank, item);
  }
}
