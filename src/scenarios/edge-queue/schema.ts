import { z } from 'zod';
import { runFileShape, type RunFile } from '../shared-schema.ts';

const count = (min: number, max: number, def: number, what: string) => z.number().int().min(min).max(max).default(def).describe(what);
const real = (min: number, max: number, def: number, what: string) => z.number().min(min).max(max).default(def).describe(what);

/**
 * The edge-queue file: K devices with Poisson arrivals into buffers share one edge server whose
 * service per slot is Poisson(mu) packets (M/M/1-style: exponential service times, so a busy
 * slot completes Poisson(mu) packets; capacity a slot does not use is lost). Units are in the
 * names: seconds, packets, packets per slot.
 */
export const EdgeQueueSchema = z
  .object({
    scenario: z.literal('edge-queue'),
    slotLength_s: z.number().gt(0).max(10).default(0.01).describe('Slot length in seconds'),
    devices: count(1, 64, 2, 'K, devices (one agent each)'),
    arrivalsPerSlot: real(0, 100, 1.5, 'lambda, mean Poisson arrivals per device per slot'),
    bufferCapacity_packets: count(1, 10_000, 10, 'B, packets a device buffer holds; arrivals beyond it are dropped'),
    servicePerSlot: real(0, 1000, 4, 'mu, mean packets the server completes per slot'),
    levels: count(2, 64, 5, 'L, rate levels a device picks from: level a offers a packets per slot, a = 0 .. L-1'),
    decisionDelay_slots: count(0, 100, 0, 'Slots until a decision reaches the server'),
    backlogCost: real(0, 100, 0.1, 'Reward penalty per packet still queued at the end of a slot'),
    energyCost: real(0, 100, 0.05, 'Reward penalty per slot for rate level a: energyCost a^2'),
    ...runFileShape({ name: 'edge-queue', slotsPerEpisode: 50, episodes: 200, evalEpisodes: 20, evalSeeds: 5, agents: ['dqn', 'greedy', 'random'], source: 'example' }),
  })
  .strict();

export type EdgeQueueFile = z.infer<typeof EdgeQueueSchema>;

/** The physics fields of the file (already in seconds and packets) plus the episode length. */
export type EdgeQueueParams = Omit<EdgeQueueFile, keyof RunFile> & { readonly slotsPerEpisode: number };

export function resolveEdgeQueue(file: EdgeQueueFile): EdgeQueueParams {
  const { scenario: _s, name: _n, description: _d, seed: _e, run, budgetPresets: _b, agents: _a, agentConfig: _c, ...physics } = file;
  return { ...physics, slotsPerEpisode: run.slotsPerEpisode };
}
