import { describe, expect, it } from 'vitest';
import { checkParallelEnv } from '../../../src/testing.ts';
import { createParallelEnv } from '../../../src/create-env.ts';
import { SimEnv } from '../../../src/envs/sim-env.ts';
import { MemorySink } from '../../../src/trace/index.ts';
import { edgeEnv, edgeParams, edgePlugin, payloads } from './harness.ts';

describe('edge-queue as a PettingZoo-parallel environment', () => {
  it('passes checkParallelEnv over 1000 steps with the default K = 2 devices', () => {
    const params = edgeParams({ run: { slotsPerEpisode: 20 } });
    const report = checkParallelEnv(() => edgeEnv(params));
    expect(report).toMatchObject({ steps: 1000, episodes: 50, problems: [] });
  });

  it('passes with K = 3, full buffers (lambda > mu) and a 2-slot decision delay', () => {
    const params = edgeParams({ devices: 3, arrivalsPerSlot: 3, servicePerSlot: 2, bufferCapacity_packets: 4, decisionDelay_slots: 2, run: { slotsPerEpisode: 7 } });
    expect(checkParallelEnv(() => edgeEnv(params), { seed: 3 }).problems).toEqual([]);
  });

  it('has one agent per device, each with its own spaces, and refuses the single-agent adapter', () => {
    const env = createParallelEnv({ scenario: 'edge-queue', devices: 3, levels: 4 });
    expect(env.possibleAgents).toEqual(['device/0', 'device/1', 'device/2']);
    expect(env.actionSpace('device/2')).toEqual({ kind: 'discrete', n: 4 });
    expect(env.observationSpace('device/0')).toMatchObject({ kind: 'box', size: 2 });
    expect(() => new SimEnv(edgePlugin(), edgeParams())).toThrow(/has 2 agents .*use SimParallelEnv/);
  });

  it('gives each device its own reward; the reward metric is their sum', () => {
    const sink = new MemorySink();
    const env = edgeEnv(edgeParams({ run: { slotsPerEpisode: 5 } }), sink);
    env.reset({ seed: 9 });
    for (let t = 0; t < 5; t++) {
      const step = env.step({ 'device/0': { discrete: Int32Array.of(4) }, 'device/1': { discrete: Int32Array.of(0) } });
      const { 'device/0': r0, 'device/1': r1 } = step.rewards;
      expect(step.infos['device/0'].reward).toBeCloseTo(r0 + r1, 12);
      // Device 1 never offloads: nothing served, no energy, only its backlog penalty (backlogCost 0.1).
      const queue1 = payloads<{ user: number; queue: number }>(sink.records, 'buffer.updated').filter((p) => p.user === 1 && p.slot === t).at(-1)!.queue;
      expect(r1).toBeCloseTo(-0.1 * queue1, 12);
    }
  });
});
