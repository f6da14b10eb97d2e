import { decisionArrival } from '../../actors/decision-delay.ts';
import { Simulation } from '../../actors/simulation.ts';
import type { BuildOptions, BuiltScenario } from '../plugin.ts';
import { baseStationMachine } from './base-station.machine.ts';
import { SCQOS_AGENT, SCQOS_CATALOGUE, SCQOS_PHASES } from './events.ts';
import { scqosActionSpace, scqosObservationSpace } from './logic.ts';
import type { ScqosParams } from './params.ts';
import { userMachine } from './user.machine.ts';

/** Events of user `u` only, or of no user. */
const ofUser = (u: number) => (e: { payload: unknown }): boolean => {
  const user = (e.payload as { user?: number }).user;
  return user === undefined || user === u;
};

/**
 * Wires one scqos simulation (001 Fig. 1): a base station (`bs`, also the agent id) and one
 * user actor per user (`user/<u>`). Decisions answer in the same slot (001 has no delay).
 */
export function buildScqos(p: ScqosParams, options: BuildOptions = {}): BuiltScenario {
  const sim = new Simulation({ slotLength: p.slotLength, slotsPerEpisode: p.slotsPerEpisode, events: SCQOS_CATALOGUE, phases: SCQOS_PHASES, sink: options.sink });
  sim.system.spawn('bs', baseStationMachine, { params: p }, { ticks: ['channel', 'observation', 'codec', 'reward'] });
  for (let u = 0; u < p.users; u++) sim.system.spawn(`user/${u}`, userMachine, { user: u, params: p }, { accepts: ofUser(u), ticks: ['traffic'] });
  const arrival = decisionArrival(sim, { slots: 0 });
  return {
    sim,
    agents: [{ id: SCQOS_AGENT, observationSpace: scqosObservationSpace(p), actionSpace: scqosActionSpace(p) }],
    arrival: (agent, slot) => {
      if (agent !== SCQOS_AGENT) throw new RangeError(`scqos has no agent '${agent}'; its one agent is '${SCQOS_AGENT}'`);
      return arrival(slot);
    },
  };
}
