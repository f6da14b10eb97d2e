import { decisionArrival } from '../../actors/decision-delay.ts';
import { Simulation } from '../../actors/simulation.ts';
import type { AnyEvent } from '../../events/index.ts';
import type { TraceSink } from '../../trace/index.ts';
import { baseStationMachine } from './base-station.machine.ts';
import { controllerMachine } from './controller.machine.ts';
import { bsId, MULTICELL_CATALOGUE } from './events.ts';
import type { MulticellParams } from './params.ts';
import { userMachine } from './user.machine.ts';

/** A built multicell-ee simulation and when each BS's decisions arrive. */
export interface MulticellSim {
  readonly sim: Simulation;
  /** Absolute time at which agent `agent`'s answer to the request of `slot` reaches its BS. */
  arrival(agent: string, slot: number): number;
}

/** Events of cell `m` only (plus those that name no cell: episodes, the BS's own agent). */
const ofCell =
  (m: number) =>
  (event: AnyEvent): boolean => {
    const p = event.payload as { cell?: number; agent?: string };
    if (p.cell !== undefined) return p.cell === m;
    return p.agent === undefined || p.agent === bsId(m);
  };

/**
 * Builds the multicell-ee actor system (004 Fig. 3): per cell a user actor (`user/<m>`) and a
 * BS actor (`bs/<m>`, also its agent id), and one central controller (`controller`).
 */
export function buildMulticell(params: MulticellParams, options: { sink?: TraceSink } = {}): MulticellSim {
  const sim = new Simulation({ slotLength: params.slotLength, slotsPerEpisode: params.slotsPerEpisode, events: MULTICELL_CATALOGUE, sink: options.sink });
  const { system } = sim;
  const reportArrival = decisionArrival(sim, { slots: params.reportDelaySlots });
  const arrivals = params.decisionDelaySlots.map((k) => decisionArrival(sim, { slots: k }));
  for (let m = 0; m < params.cells; m++) {
    system.spawn(`user/${m}`, userMachine, { cell: m, params }, { ticks: ['channel', 'transmission'] });
    system.spawn(bsId(m), baseStationMachine, { cell: m, params, reportArrival }, { accepts: ofCell(m), ticks: ['observation', 'codec'] });
  }
  system.spawn('controller', controllerMachine, { params }, {});
  return {
    sim,
    arrival: (agent, slot) => {
      const m = Number(agent.slice(3));
      if (agent !== bsId(m) || !(m >= 0 && m < params.cells)) throw new RangeError(`multicell-ee has no agent '${agent}'`);
      return arrivals[m](slot);
    },
  };
}
