import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/agents/common/backend.ts';
import { parseScenario } from '../../../src/scenarios/loader.ts';
import { runScenario } from '../../../src/run/pipeline.ts';
import { SCQOS_AGENTS } from '../../../src/scenarios/scqos/agents.ts';

describe('scqos agents with their catalogue configs (001 Tables II-III nets)', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('every learner trains (updates run) and evaluates inside the action space', async () => {
    const learners = Object.entries(SCQOS_AGENTS).filter(([, e]) => e.learns).map(([n]) => n);
    expect(learners).toEqual(['hybrid-sac', 'd3qn', 'ddpg', 'td3', 'rate-only', 'mapping-guided']);
    // Table II's 3 x 512 nets, with an early start and a tiny batch so a few updates run in seconds.
    const agentConfig = Object.fromEntries(learners.map((n) => [n, { learningStarts: 3, batchSize: 4 }]));
    const loaded = parseScenario(JSON.stringify({ scenario: 'scqos', run: { slotsPerEpisode: 6, evalEpisodes: 1, evalSeeds: 1 }, agents: learners, agentConfig, codec: { compensatorSentences: 16 } }));
    const updates: Record<string, number> = {};
    const result = await runScenario(loaded, { seed: 2, episodes: 1, agents: learners, onTrained: async (name, team) => void (updates[name] = team.updates) });
    expect(result.diverged).toBeUndefined();
    for (const name of learners) {
      expect(result.training[name].length).toBe(1);
      expect(updates[name]).toBeGreaterThan(0);
      const bits = result.agents[name].bits.mean;
      expect(bits >= 1 && bits <= 3).toBe(true);
    }
  }, 120_000);

  it('mapping-guided: an SNR table resolution below 0.01 dB is bad input naming the field (1e-12 asked for a 5e13-entry table)', () => {
    const file = (res: number): string => `scenario: scqos\nagents: [mapping-guided]\nagentConfig: { mapping-guided: { snrResolution_db: ${res} } }\n`;
    expect(() => parseScenario(file(1e-12), 'f.yaml')).toThrow(/agentConfig\.mapping-guided\.snrResolution_db: .*>=0\.01/);
    expect(() => parseScenario(file(0.01))).not.toThrow();
  });
});
