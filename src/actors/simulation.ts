import { EventCatalogue, type CataloguePart, type Envelope } from '../events/index.ts';
import { PhaseTable, SlotClock, SlotScheduler, type PhaseDefinition } from '../scheduler/index.ts';
import type { TraceRecord, TraceSink } from '../trace/record.ts';
import { ActorSystem } from './system.ts';

/** What a simulation is made of: its clock shape, its event catalogue parts and phases. */
export interface SimulationConfig {
  /** Slot length L in seconds. */
  readonly slotLength: number;
  readonly slotsPerEpisode: number;
  /** Catalogue parts besides the kernel's (the scenario's own, kit parts it uses). */
  readonly events?: readonly CataloguePart[];
  /** Phases the scenario adds between the built-in ones. */
  readonly phases?: readonly PhaseDefinition[];
  /** Where every dispatched event is recorded (none if omitted). */
  readonly sink?: TraceSink;
}

/**
 * One simulation: its own phase table and event catalogue, a scheduler, a slot clock and an
 * actor system. Nothing is shared between two simulations in a process.
 */
export class Simulation {
  readonly catalogue: EventCatalogue;
  readonly scheduler: SlotScheduler;
  readonly clock: SlotClock;
  readonly system: ActorSystem;

  constructor(config: SimulationConfig) {
    this.catalogue = new EventCatalogue(new PhaseTable(config.phases ?? []), config.events ?? []);
    this.scheduler = new SlotScheduler(this.catalogue);
    this.clock = new SlotClock(this.scheduler, { slotLength: config.slotLength, slotsPerEpisode: config.slotsPerEpisode });
    this.system = new ActorSystem(this.scheduler, this.clock);
    const sink = config.sink;
    if (sink) {
      sink.registerEvents?.(this.catalogue);
      this.scheduler.onDispatch = (e) => sink.write(toTraceRecord(e));
    }
  }
}

/** Converts a dispatched envelope into a trace record. */
export function toTraceRecord(e: Envelope): TraceRecord {
  return { seq: e.seq, episode: e.episode, slot: e.slot, time: e.time, phase: e.phase, type: e.event.type, actor: e.actor, payload: e.event.payload };
}
