import { bufferMachine } from '../../actors/buffer.machine.ts';
import { decisionArrival } from '../../actors/decision-delay.ts';
import { Simulation } from '../../actors/simulation.ts';
import { box, discrete } from '../../agents/common/spaces.ts';
import { defineScenario, type BuildOptions, type BuiltScenario, type MetricSpec } from '../plugin.ts';
import { EDGE_AGENTS } from './agents.ts';
import { deviceMachine } from './device.machine.ts';
import { deviceId, EDGE_CATALOGUE, EDGE_PHASES } from './events.ts';
import { EdgeQueueSchema, resolveEdgeQueue, type EdgeQueueFile, type EdgeQueueParams } from './schema.ts';
import { serverMachine } from './server.machine.ts';

/** Keys of `reward.computed.metrics`, per slot; summed or averaged over an episode. */
export const EDGE_METRICS: readonly MetricSpec[] = [
  { name: 'reward', unit: 'reward', description: 'sum over devices of served - backlogCost queue - energyCost level^2', better: 'higher', perEpisode: 'sum' },
  { name: 'served', unit: 'packets', description: 'packets the server completed', better: 'higher', perEpisode: 'sum' },
  { name: 'backlog', unit: 'packets', description: 'packets queued over all devices at the end of a slot', better: 'lower', perEpisode: 'mean' },
  { name: 'dropped', unit: 'packets', description: 'arrivals lost to full buffers', better: 'lower', perEpisode: 'sum' },
  { name: 'level', unit: 'level', description: 'rate level in force, mean over devices', perEpisode: 'mean' },
];

/**
 * Wires one edge-queue simulation: per device k a packet source (`device/k`, also the agent id
 * of its decisions) and a kit buffer (`buffer/k`); one server. Decisions arrive
 * `decisionDelay_slots` slots after the request.
 */
export function buildEdgeQueue(p: EdgeQueueParams, options: BuildOptions = {}): BuiltScenario {
  const sim = new Simulation({ slotLength: p.slotLength_s, slotsPerEpisode: p.slotsPerEpisode, events: EDGE_CATALOGUE, phases: EDGE_PHASES, sink: options.sink });
  for (let k = 0; k < p.devices; k++) {
    sim.system.spawn(deviceId(k), deviceMachine, { user: k, mean: p.arrivalsPerSlot }, { ticks: ['traffic'] });
    sim.system.spawn(`buffer/${k}`, bufferMachine, { user: k, capacity: p.bufferCapacity_packets }, { accepts: (e) => e.type !== 'traffic.arrived' || (e.payload as { user: number }).user === k });
  }
  sim.system.spawn('server', serverMachine, { params: p }, { ticks: ['observation', 'service', 'transmission', 'reward'] });
  const arrival = decisionArrival(sim, { slots: p.decisionDelay_slots });
  const agents = Array.from({ length: p.devices }, (_, k) => ({ id: deviceId(k), observationSpace: box(2, 0, 1), actionSpace: discrete(p.levels) }));
  return { sim, agents, arrival: (_agent, slot) => arrival(slot) };
}

/** The edge-queue plug-in (docs/extending.md walks through it). */
export const edgeQueuePlugin = defineScenario<EdgeQueueFile, EdgeQueueParams>({
  kind: 'edge-queue',
  description: 'K devices with buffers offload to one M/M/1-style edge server, one agent per device choosing a rate level (worked example)',
  schema: EdgeQueueSchema,
  events: EDGE_CATALOGUE,
  phases: EDGE_PHASES,
  resolve: resolveEdgeQueue,
  build: buildEdgeQueue,
  agents: EDGE_AGENTS,
  metrics: EDGE_METRICS,
});
