import { agentHostMachine, type ActionLike } from '../../actors/agent-host.machine.ts';
import { timedBufferMachine } from '../../actors/timed-buffer.machine.ts';
import { decisionArrival } from '../../actors/decision-delay.ts';
import { linkSetMachine } from '../../actors/link-set.machine.ts';
import { Simulation } from '../../actors/simulation.ts';
import { trafficSourceMachine } from '../../actors/traffic-source.machine.ts';
import type { AnyEvent } from '../../events/index.ts';
import type { TraceSink } from '../../trace/index.ts';
import { baseStationMachine } from './base-station.machine.ts';
import { TOSCN_CONTROLLER_TAKES, toscnControllerMachine } from './controller.ts';
import { deviceMachine } from './device.machine.ts';
import { TOSCN_AGENT, TOSCN_CATALOGUE } from './events.ts';
import type { ToscnParams } from './params.ts';

/** Options for building a toscn actor system. */
export interface ToscnBuildOptions {
  /** Where every event is recorded (none if omitted). */
  readonly sink?: TraceSink;
  /**
   * A policy to answer decisions inside the simulation (run mode). Omit it when an
   * environment adapter answers `decision.requested` from outside (Gym mode).
   */
  readonly policy?: (observation: Float32Array) => ActionLike;
}

/** When the answer to the request of `slot` arrives, for toscn's decision delay. */
export function toscnArrival(params: ToscnParams, sim: Simulation): (slot: number) => number {
  return decisionArrival(sim, params.decisionDelaySlots !== null ? { slots: params.decisionDelaySlots } : { seconds: params.decisionDelay });
}

/** Events the base station takes in batches: everything it hears from the devices' actors. */
const BS_INBOX = ['task.assigned', 'channel.evolved', 'buffer.updated', 'codec.inferred', 'decision.applied'];

/**
 * Builds the toscn actor system (003 Section II) from kit actors plus toscn's own: per
 * device a device actor (position, task, semantic codec) and a kit buffer; one kit link set
 * (every device's fading), one kit traffic source (every device's arrivals), the base
 * station, the controller (the kit skeleton with toscn's hooks), and an agent host when a
 * policy is given. Actor ids: `links`, `traffic`, `device/<u>`, `buffer/<u>`, `bs`,
 * `controller`, `agent`.
 *
 * Sends per slot: 3 per device (traffic into its buffer, the decision into its encoder, the
 * transmission out of its buffer) plus 8; the per-packet work of a slot runs inside each
 * timed buffer over typed arrays (`packet.*` events only with `timing.packetTrace`); what the base station and the controller hear
 * from every device arrives batched with their ticks (`Wiring.inbox`).
 */
export function buildToscn(params: ToscnParams, options: ToscnBuildOptions = {}): Simulation {
  const sim = new Simulation({ slotLength: params.slotLength, slotsPerEpisode: params.slotsPerEpisode, events: TOSCN_CATALOGUE, sink: options.sink });
  const { system } = sim;
  const D = params.devices;
  system.spawn('links', linkSetMachine, { links: D, rho: params.rho }, { ticks: ['channel'] });
  // 003 eqs. 19-20: arrivals at their own instants inside the slot; semsim 0.1's order: at the slot start.
  const spreadOver = params.packetTiming === 'next-slot' ? params.slotLength : undefined;
  system.spawn('traffic', trafficSourceMachine, { users: D, model: params.traffic, spreadOver }, { ticks: ['traffic'] });
  const now = (): number => sim.scheduler.now();
  for (let u = 0; u < D; u++) {
    system.spawn(`device/${u}`, deviceMachine, { user: u, params });
    const mine = (event: AnyEvent): boolean => (event.type !== 'traffic.arrived' && event.type !== 'traffic.classified') || (event.payload as { user: number }).user === u;
    const buffer = {
      user: u,
      capacity: params.bufferCapacity,
      dropPolicy: params.dropPolicy,
      discipline: params.discipline,
      arrivals: params.packetTiming,
      slotLength: params.slotLength,
      slotsPerEpisode: params.slotsPerEpisode,
      packetBits: params.packetBits,
      grantOffset: params.decisionComputeTime + params.signallingDelay,
      codecTime: params.codecTime,
      packetTrace: params.packetTrace,
      now,
    };
    system.spawn(`buffer/${u}`, timedBufferMachine, buffer, { accepts: mine });
  }
  // The reward tick only empties the inbox: the final observation needs the last slot's queues.
  system.spawn('bs', baseStationMachine, { params }, { ticks: ['observation', 'transmission', 'reward'], inbox: BS_INBOX });
  system.spawn('controller', toscnControllerMachine(params), {}, { ticks: ['codec', 'reward'], inbox: ['decision.made', ...TOSCN_CONTROLLER_TAKES] });
  if (options.policy) {
    const host = { agent: TOSCN_AGENT, policy: options.policy, arrival: toscnArrival(params, sim) };
    system.spawn(TOSCN_AGENT, agentHostMachine, host, { accepts: (e) => !(e.payload as { final?: boolean }).final });
  }
  return sim;
}
