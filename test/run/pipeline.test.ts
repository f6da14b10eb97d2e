import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/run/pipeline.ts';
import { runScenario } from '../../src/run/pipeline.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';
import { MemorySink } from '../../src/trace/index.ts';

describe('runScenario on toscn (training-free agents)', () => {
  const file = toscnPlugin.schema.parse({ scenario: 'toscn', run: { slotsPerEpisode: 5, episodes: 1, evalEpisodes: 6, evalSeeds: 3 } });
  const sink = new MemorySink();
  let result: RunResult;
  beforeAll(async () => {
    result = await runScenario({ plugin: toscnPlugin, file }, { seed: 3, episodes: 1, agents: ['planner', 'random'], sink });
  });

  it('evaluates every agent on the same held-out seeds and summarises every declared metric over them', () => {
    expect(result.evalSeeds).toHaveLength(3);
    for (const name of ['planner', 'random']) {
      const a = result.agents[name];
      for (const m of toscnPlugin.metrics) {
        expect(a[m.name].n).toBe(3);
        expect(a[m.name].ci95[0]).toBeLessThanOrEqual(a[m.name].mean);
        expect(a[m.name].ci95[1]).toBeGreaterThanOrEqual(a[m.name].mean);
      }
      expect(a.accuracy.mean).toBeGreaterThan(0);
    }
  });

  it('maps trace episodes to agents, and the trace totals agree with the summary', () => {
    expect(result.episodes).toEqual([
      { agent: 'planner', stage: 'eval', first: 0, last: 5 },
      { agent: 'random', stage: 'eval', first: 6, last: 11 },
    ]);
    const delivered = (first: number, last: number): number =>
      sink.records
        .filter((r) => r.type === 'reward.computed' && r.episode >= first && r.episode <= last)
        .reduce((s, r) => s + (r.payload as { metrics: { delivered: number } }).metrics.delivered, 0);
    // 6 episodes per agent (2 per seed): the summary's mean over seeds of per-episode means.
    expect(delivered(0, 5) / 6).toBeCloseTo(result.agents.planner.delivered.mean, 9);
    expect(delivered(6, 11) / 6).toBeCloseTo(result.agents.random.delivered.mean, 9);
  });

  it('summarises the per-device timing metrics per device, from each episode\'s packet.summary', () => {
    const spec = toscnPlugin.metrics.filter((m) => m.breakdown === 'device').map((m) => m.name);
    expect(spec).toContain('ageOfInformation');
    const aoi = result.breakdowns.random.ageOfInformation;
    expect(Object.keys(aoi)).toEqual(['0', '1', '2', '3', '4', '5']);
    // Every device has an AoI in every episode, so the device mean is the metric's (linear means).
    const deviceMean = Object.values(aoi).reduce((s, i) => s + i.mean, 0) / 6;
    expect(deviceMean).toBeCloseTo(result.agents.random.ageOfInformation.mean, 9);
    // Independently: device 2's AoI over the planner's 6 evaluation episodes (2 per seed), from the trace.
    const own = sink.records
      .filter((r) => r.type === 'packet.summary' && r.episode <= 5 && (r.payload as { user: number }).user === 2)
      .map((r) => (r.payload as { ageOfInformation: number }).ageOfInformation);
    expect(own).toHaveLength(6);
    const perSeed = [0, 2, 4].map((k) => (own[k] + own[k + 1]) / 2);
    expect(result.breakdowns.planner.ageOfInformation['2'].mean).toBeCloseTo(perSeed.reduce((a, b) => a + b, 0) / 3, 12);
    expect(result.breakdowns.planner.ageOfInformation['2'].n).toBe(3);
  });

  it('keeps every event of the first evaluation episode of each agent, for the report', () => {
    const first = result.firstEpisode.planner;
    expect(first.filter((e) => e.event.type === 'slot.started')).toHaveLength(5);
    expect(new Set(first.map((e) => e.episode))).toEqual(new Set([0]));
  });

  it('rejects an agent outside the scenario catalogue', async () => {
    await expect(runScenario({ plugin: toscnPlugin, file }, { seed: 3, episodes: 1, agents: ['sac'] })).rejects.toThrow(/agent 'sac' is not in scenario toscn's catalogue/);
  });

  it('stops at the next episode when its signal is aborted, and says where', async () => {
    const abort = new AbortController();
    const partial = await runScenario(
      { plugin: toscnPlugin, file },
      { seed: 3, episodes: 1, agents: ['planner', 'random'], signal: abort.signal, onProgress: (p) => p.agent === 'random' && abort.abort() },
    );
    expect(partial.interrupted).toEqual({ agent: 'random', stage: 'eval', episode: 1 });
    expect(Object.keys(partial.agents)).toEqual(['planner']);
    expect(partial.agents.planner).toEqual(result.agents.planner);
  });
});
