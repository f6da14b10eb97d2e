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
