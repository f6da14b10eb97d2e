import { agentHostMachine } from '../../actors/agent-host.machine.ts';
import { baseStationMachine } from '../../actors/base-station.machine.ts';
import { bufferMachine } from '../../actors/buffer.machine.ts';
import { controllerMachine } from '../../actors/controller.machine.ts';
import { deviceMachine } from '../../actors/device.machine.ts';
import { ActorSystem } from '../../actors/system.ts';
import type { Envelope, SimEvent } from '../../events/index.ts';
import { SlotClock, SlotScheduler } from '../../scheduler/index.ts';
import type { TraceRecord, TraceSink } from '../../trace/index.ts';
import type { ToscnParams } from './params.ts';

/** Options for building a toscn actor system. */
export interface ToscnBuildOptions {
  /** Where every event is recorded (none if omitted). */
  readonly sink?: TraceSink;
  /**
   * A policy to answer decisions inside the simulation (run mode). Omit it when an
   * environment adapter answers `decision.requested` from outside (Gym mode).
   */
  readonly policy?: (observation: Float32Array) => ArrayLike<number>;
}

/** A wired toscn simulation: scheduler, clock and actors. */
export interface ToscnSim {
  readonly params: ToscnParams;
  readonly scheduler: SlotScheduler;
  readonly clock: SlotClock;
  readonly system: ActorSystem;
}

/** Converts a dispatched envelope into a trace record. */
export function toTraceRecord(e: Envelope): TraceRecord {
  return { seq: e.seq, episode: e.episode, slot: e.slot, time: e.time, phase: e.phase, type: e.event.type, actor: e.actor, payload: e.event.payload };
}

const byUser =
  (u: number) =>
  (event: SimEvent): boolean =>
    (event.payload as { user?: number }).user === u;

/**
 * When the decision asked for in `slot` arrives: exactly `k` slots later on the slot grid for
 * a delay in slots, `now + seconds` for a delay in seconds (applied at the next codec phase).
 */
export function decisionArrival(params: ToscnParams, scheduler: SlotScheduler, clock: SlotClock): (slot: number) => number {
  const k = params.decisionDelaySlots;
  return k !== null ? (slot) => clock.slotTime(slot + k) : () => scheduler.now() + params.decisionDelay;
}

/**
 * Builds the toscn actor system (003 Section II): one base station, one controller, and per
 * device a device actor and a buffer actor, plus an agent host when a policy is given.
 * Actor ids: `bs`, `controller`, `agent`, `device/<u>`, `buffer/<u>`.
 */
export function buildToscn(params: ToscnParams, options: ToscnBuildOptions = {}): ToscnSim {
  const scheduler = new SlotScheduler();
  const clock = new SlotClock(scheduler, { slotLength: params.slotLength, slotsPerEpisode: params.slotsPerEpisode });
  const system = new ActorSystem(scheduler, clock);
  const sink = options.sink;
  if (sink) scheduler.onDispatch = (e) => sink.write(toTraceRecord(e));

  for (let u = 0; u < params.devices; u++) {
    system.spawn(`device/${u}`, deviceMachine, { user: u, params }, { listens: ['episode.started', 'decision.applied'], ticks: ['channel', 'traffic'] });
    system.spawn(
      `buffer/${u}`,
      bufferMachine,
      { user: u, capacity: params.bufferCapacity },
      { listens: ['episode.started', 'traffic.arrived', 'transmission.completed'], accepts: (e) => e.type !== 'traffic.arrived' || byUser(u)(e) },
    );
  }
  system.spawn('bs', baseStationMachine, { params }, {
    listens: ['task.assigned', 'channel.evolved', 'buffer.updated', 'codec.inferred', 'decision.applied'],
    ticks: ['observation', 'transmission'],
  });
  system.spawn('controller', controllerMachine, { params }, {
    listens: ['episode.started', 'observation.ready', 'decision.made', 'codec.inferred', 'transmission.completed', 'buffer.updated'],
    ticks: ['codec', 'reward'],
  });
  if (options.policy) {
    system.spawn('agent', agentHostMachine, { policy: options.policy, arrival: decisionArrival(params, scheduler, clock) }, { listens: ['decision.requested'] });
  }
  return { params, scheduler, clock, system };
}
