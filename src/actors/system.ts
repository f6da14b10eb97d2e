import { createActor, type AnyActorLogic, type Actor, type InputFrom } from 'xstate';
import type { EventType, PhaseTick, SimEvent } from '../events/index.ts';
import type { PhaseName, SlotClock, SlotScheduler } from '../scheduler/index.ts';

/**
 * What an actor emits: a simulation event, optionally `delay` seconds in the future or at
 * absolute time `at` (use `at` for "k slots later": see `SlotClock.slotTime`).
 */
export type Emitted = SimEvent & { readonly delay?: number; readonly at?: number };

/** How an actor is wired: which events it hears, which phases tick it. */
export interface Wiring {
  /** Event types delivered to the actor. */
  readonly listens?: readonly EventType[];
  /** Extra filter evaluated before delivery (cheaper than an XState transition that ignores it). */
  readonly accepts?: (event: SimEvent) => boolean;
  /** Phases at whose start the actor receives a `tick` every slot. */
  readonly ticks?: readonly PhaseName[];
}

/**
 * Connects XState actors to the scheduler. Actors stay pure: they `emit` events (XState's
 * emit action) and the system queues them on the scheduler; the scheduler delivers events
 * and phase ticks back with `actor.send`. No actor ever holds a reference to another.
 */
export class ActorSystem {
  private readonly actors = new Map<string, Actor<AnyActorLogic>>();
  private failure: unknown;

  constructor(
    readonly scheduler: SlotScheduler,
    readonly clock: SlotClock,
  ) {}

  /** Creates, wires and starts an actor under `id`. */
  spawn<L extends AnyActorLogic>(id: string, logic: L, input: InputFrom<L>, wiring: Wiring): Actor<L> {
    if (this.actors.has(id)) throw new Error(`actor id '${id}' is already taken`);
    const actor = createActor(logic, { input, id }) as Actor<L>;
    actor.on('*', (emitted: Emitted) => {
      const { delay, at, ...event } = emitted;
      if (at !== undefined) this.scheduler.emitAt(id, event as SimEvent, at);
      else this.scheduler.emit(id, event as SimEvent, delay ?? 0);
    });
    actor.subscribe({ error: (err) => (this.failure ??= err) });
    const accepts = wiring.accepts;
    if (wiring.listens?.length) {
      this.scheduler.on(wiring.listens, (event) => {
        // A failed actor is stopped; stop feeding it (the failure is rethrown by assertHealthy).
        if (this.failure === undefined && (!accepts || accepts(event))) (actor as Actor<AnyActorLogic>).send(event);
      });
    }
    for (const phase of wiring.ticks ?? []) {
      this.clock.onPhase(phase, (tick: PhaseTick) => {
        if (this.failure === undefined) (actor as Actor<AnyActorLogic>).send(tick);
      });
    }
    actor.start();
    this.actors.set(id, actor as Actor<AnyActorLogic>);
    return actor;
  }

  get(id: string): Actor<AnyActorLogic> | undefined {
    return this.actors.get(id);
  }

  get ids(): string[] {
    return [...this.actors.keys()];
  }

  /** Throws the first error raised inside an actor (XState stops the actor on error). */
  assertHealthy(): void {
    if (this.failure !== undefined) {
      const err = this.failure;
      throw err instanceof Error ? err : new Error(String(err));
    }
  }

  stopAll(): void {
    for (const a of this.actors.values()) a.stop();
  }
}
