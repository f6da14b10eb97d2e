import { describe, expect, it } from 'vitest';
import { runToscn } from '../../src/run/toscn-run.ts';
import { ToscnScenarioSchema } from '../../src/scenario/toscn/schema.ts';
import { MemorySink } from '../../src/trace/index.ts';

describe('runToscn (training-free agents)', () => {
  const scenario = ToscnScenarioSchema.parse({ scenario: 'toscn', run: { slotsPerEpisode: 5, episodes: 1, evalEpisodes: 6, evalSeeds: 3 } });
  const sink = new MemorySink();
  const result = runToscn(scenario, { seed: 3, episodes: 1, agents: ['planner', 'random'], sink });

  it('evaluates every agent on the same held-out seeds and summarises over them', () => {
    expect(result.evalSeeds).toHaveLength(3);
    for (const name of ['planner', 'random']) {
      const a = result.agents[name];
      expect(a.reward.n).toBe(3);
      expect(a.reward.ci95[0]).toBeLessThanOrEqual(a.reward.mean);
      expect(a.reward.ci95[1]).toBeGreaterThanOrEqual(a.reward.mean);
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
        .reduce((s, r) => s + (r.payload as { delivered: number }).delivered, 0);
    // 6 episodes per agent (2 per seed): the summary's mean over seeds of per-episode means.
    expect(delivered(0, 5) / 6).toBeCloseTo(result.agents.planner.delivered.mean, 9);
    expect(delivered(6, 11) / 6).toBeCloseTo(result.agents.random.delivered.mean, 9);
  });

  it('records the queue of every device in the first evaluation episode', () => {
    expect(result.queues.planner).toHaveLength(5);
    expect(result.queues.planner[0]).toHaveLength(6);
  });
});
