import { agentHostMachine, type ActionLike } from '../../actors/agent-host.machine.ts';
import { bufferMachine } from '../../actors/buffer.machine.ts';
import { decisionArrival } from '../../actors/decision-delay.ts';
import { Simulation } from '../../actors/simulation.ts';
import type { AnyEvent } from '../../events/index.ts';
import type { TraceSink } from '../../trace/index.ts';
import { baseStationMachine } from './base-station.machine.ts';
import { controllerMachine } from './controller.machine.ts';
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

const byUser =
  (u: number) =>
  (event: AnyEvent): boolean =>
    (event.payload as { user?: number }).user === u;

/** When the answer to the request of `slot` arrives, for toscn's decision delay. */
export function toscnArrival(params: ToscnParams, sim: Simulation): (slot: number) => number {
  return decisionArrival(sim, params.decisionDelaySlots !== null ? { slots: params.decisionDelaySlots } : { seconds: params.decisionDelay });
}

/**
 * Builds the toscn actor system (003 Section II): one base station, one controller, and per
 * device a device actor and a buffer actor, plus an agent host when a policy is given.
 * Actor ids: `bs`, `controller`, `agent`, `device/<u>`, `buffer/<u>`.
 */
export function buildToscn(params: ToscnParams, options: ToscnBuildOptions = {}): Simulation {
  const sim = new Simulation({ slotLength: params.slotLength, slotsPerEpisode: params.slotsPerEpisode, events: TOSCN_CATALOGUE, sink: options.sink });
  const { system } = sim;
  for (let u = 0; u < params.devices; u++) {
    system.spawn(`device/${u}`, deviceMachine, { user: u, params }, { ticks: ['channel', 'traffic'] });
    system.spawn(`buffer/${u}`, bufferMachine, { user: u, capacity: params.bufferCapacity }, { accepts: (e) => e.type !== 'traffic.arrived' || byUser(u)(e) });
  }
  system.spawn('bs', baseStationMachine, { params }, { ticks: ['observation', 'transmission'] });
  system.spawn('controller', controllerMachine, { params }, { ticks: ['codec', 'reward'] });
  if (options.policy) {
    system.spawn(TOSCN_AGENT, agentHostMachine, { agent: TOSCN_AGENT, policy: options.policy, arrival: toscnArrival(params, sim) }, {});
  }
  return sim;
}
