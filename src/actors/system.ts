import { createActor, type AnyActorLogic, type Actor, type InputFrom } from 'xstate';
import type { AnyEvent as SimEvent, PhaseTick } from '../events/index.ts';
import type { PhaseName, SlotClock, SlotScheduler } from '../scheduler/index.ts';

/**
 * What an actor emits: a simulation event, optionally `delay` seconds in the future or at
 * absolute time `at` (use `at` for "k slots later": see `SlotClock.slotTime`).
 */
export type Emitted = SimEvent & { readonly delay?: number; readonly at?: number };

/** How an actor is wired: which events it hears, which phases tick it. */
export interface Wiring {
  /**
   * Event types delivered to the actor. Default: the event types the machine's own
   * transitions name (`machine.root.events`), so the list is not repeated in the builder.
   */
  readonly listens?: readonly string[];
  /** Extra filter evaluated before delivery (cheaper than an XState transition that ignores it). */
  readonly accepts?: (event: SimEvent) => boolean;
  /** Phases at whose start the actor receives a `tick` every slot. */
  readonly ticks?: readonly PhaseName[];
  /**
   * Event types (among `listens`) the actor takes in batches: instead of one `actor.send`
   * per event they are held in the actor's inbox and handed over with its next tick
   * (`tick.inbox`, dispatch order). Use it where one actor hears the same event from many
   * (a base station hearing every buffer): one send per phase instead of one per device.
   * Needs `ticks`. Inboxes are emptied when an episode starts; events delivered directly
   * in between do not wait for the inbox.
   */
  readonly inbox?: readonly string[];
}

/**
 * Connects XState actors to the scheduler. Actors stay pure: they `emit` events (XState's
 * emit action) and the system queues them on the scheduler; the scheduler delivers events
 * and phase ticks back with `actor.send`. No actor ever holds a reference to another.
 */
export class ActorSystem {
  private readonly actors = new Map<string, Actor<AnyActorLogic>>();
  private readonly inboxes: SimEvent[][] = [];
  /** Per actor id: creates, wires and starts a fresh actor under that id (`recover`). */
  private readonly starters = new Map<string, () => void>();
  private failure: unknown;
  /** Events and ticks delivered to actors so far (`actor.send` calls): the engine's main cost. */
  sends = 0;

  constructor(
    readonly scheduler: SlotScheduler,
    readonly clock: SlotClock,
  ) {
    // Registered before any actor's handlers, so an episode's first events land in empty inboxes.
    scheduler.on(['episode.started'], () => {
      for (const box of this.inboxes) box.length = 0;
    });
  }

  /** Creates, wires and starts an actor under `id`. */
  spawn<L extends AnyActorLogic>(id: string, logic: L, input: InputFrom<L>, wiring: Wiring = {}): Actor<L> {
    if (this.actors.has(id)) throw new Error(`actor id '${id}' is already taken`);
    const listens = wiring.listens ?? listensOf(logic);
    for (const type of listens) this.scheduler.catalogue.rankOf(type); // an unknown type fails here, naming it
    const batched = new Set(wiring.inbox ?? []);
    for (const type of batched) {
      if (!listens.includes(type)) throw new Error(`actor '${id}': inbox type '${type}' is not among the events it listens to`);
    }
    if (batched.size && !wiring.ticks?.length) throw new Error(`actor '${id}': an inbox needs ticks to be emptied`);
    // Handlers below reach the actor through `target`, so `recover` can swap in a fresh one.
    let target!: Actor<AnyActorLogic>;
    const start = (): void => {
      target = createActor(logic, { input, id }) as Actor<AnyActorLogic>;
      target.on('*', (emitted: Emitted) => {
        // Most emissions are plain events: queue them as they are (no copy per event).
        if (emitted.at === undefined && emitted.delay === undefined) {
          this.scheduler.emit(id, emitted);
          return;
        }
        const { delay, at, ...event } = emitted;
        if (at !== undefined) this.scheduler.emitAt(id, event as SimEvent, at);
        else this.scheduler.emit(id, event as SimEvent, delay ?? 0);
      });
      target.subscribe({ error: (err) => (this.failure ??= err) });
      target.start();
      this.actors.set(id, target);
    };
    this.starters.set(id, start);
    const accepts = wiring.accepts;
    const inbox: SimEvent[] = [];
    if (batched.size) this.inboxes.push(inbox);
    const direct = listens.filter((t) => !batched.has(t));
    if (direct.length) {
      this.scheduler.on(direct, (event) => {
        // A failed actor is stopped; stop feeding it (the failure is rethrown by assertHealthy).
        if (this.failure === undefined && (!accepts || accepts(event))) {
          this.sends++;
          target.send(event);
        }
      });
    }
    if (batched.size) {
      this.scheduler.on([...batched], (event) => {
        if (!accepts || accepts(event)) inbox.push(event);
      });
    }
    for (const phase of wiring.ticks ?? []) {
      this.clock.onPhase(phase, (tick: PhaseTick) => {
        if (this.failure !== undefined) return;
        this.sends++;
        if (inbox.length === 0) target.send(tick);
        else {
          const held = inbox.splice(0, inbox.length);
          target.send({ type: 'tick', phase: tick.phase, slot: tick.slot, inbox: held } satisfies PhaseTick);
        }
      });
    }
    start();
    return target as Actor<L>;
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

  /**
   * After a failure (an action threw, e.g. on a decision that bypassed the env's checks),
   * replaces every failed actor by a fresh one and forgets the failure, so the next episode
   * can run; the others keep running. Every actor starts its state over at `episode.started`,
   * so the caller then starts an episode (`SimParallelEnv.reset` does). No-op when healthy.
   */
  recover(): void {
    if (this.failure === undefined) return;
    for (const [id, actor] of [...this.actors]) if (actor.getSnapshot().status === 'error') this.starters.get(id)!();
    for (const box of this.inboxes) box.length = 0;
    this.failure = undefined;
  }

  stopAll(): void {
    for (const a of this.actors.values()) a.stop();
  }
}

/** Types `listensOf` never returns: ticks, batches, wildcards and XState's own events. */
const NOT_SIMULATION_EVENTS = new Set(['tick']);

/** The event types a machine's transitions name, less `tick`, wildcards and `xstate.*`. */
export function listensOf(logic: AnyActorLogic): string[] {
  const root = (logic as { root?: { events?: readonly string[] } }).root;
  const events = root?.events ?? [];
  return [...new Set(events)].filter((t) => !NOT_SIMULATION_EVENTS.has(t) && !t.includes('*') && !t.startsWith('xstate.'));
}
