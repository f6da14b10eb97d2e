import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/agents/common/backend.ts';
import { parseScenario } from '../../../src/scenarios/loader.ts';
import { runScenario } from '../../../src/run/pipeline.ts';
import { TOSCN_AGENTS } from '../../../src/scenarios/toscn/agents.ts';
import { A2C_TOSCN, DDPG_TOSCN, TD3_TOSCN } from '../../../src/scenarios/toscn/constants.ts';

describe('toscn agents', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("td3 runs with toscn's DDPG settings (003 Table I rates, replay, batch, discount, noise, pre-tanh penalty)", () => {
    for (const key of ['actorLearningRate', 'criticLearningRate', 'tau', 'bufferSize', 'batchSize', 'gamma', 'noise', 'preTanhPenalty', 'actorHiddenSizes', 'criticHiddenSizes'] as const) {
      expect(TD3_TOSCN[key], key).toEqual(DDPG_TOSCN[key]);
    }
    expect(TOSCN_AGENTS.td3.config).toBe(TD3_TOSCN);
    expect(TOSCN_AGENTS.td3.learns).toBe(true);
  });

  it('a2c assigns transitions round-robin to exactly as many rollouts as it has workers', () => {
    expect(TOSCN_AGENTS.a2c.config).toBe(A2C_TOSCN);
    expect(A2C_TOSCN.numEnvs).toBe(TOSCN_AGENTS.a2c.workers);
  });

  it.each([1, 8])('agentConfig.a2c.numEnvs %i, another count than its workers, is bad input naming the field (it crashed training)', (n) => {
    expect(() => parseScenario(`scenario: toscn\nagents: [a2c]\nagentConfig: { a2c: { numEnvs: ${n} } }\n`, 'f.yaml')).toThrow(/agentConfig\.a2c\.numEnvs: must be 4/);
    expect(() => parseScenario('scenario: toscn\nagents: [a2c]\nagentConfig: { a2c: { numEnvs: 4 } }\n')).not.toThrow();
  });

  it('td3 trains on toscn (updates run) and evaluates with a feasible accuracy', async () => {
    const loaded = parseScenario(JSON.stringify({ scenario: 'toscn', run: { slotsPerEpisode: 4, evalEpisodes: 1, evalSeeds: 1 }, agents: ['td3'], agentConfig: { td3: { learningStarts: 2, batchSize: 2, actorHiddenSizes: [8], criticHiddenSizes: [8] } } }));
    let updates = 0;
    const result = await runScenario(loaded, { seed: 3, episodes: 2, agents: ['td3'], onTrained: async (_, team) => void (updates = team.updates) });
    expect(result.diverged).toBeUndefined();
    expect(updates).toBeGreaterThan(0);
    expect(result.training.td3.length).toBe(2);
    const accuracy = result.agents.td3.accuracy.mean;
    expect(accuracy > 0 && accuracy <= 0.925).toBe(true);
  }, 60_000);
});
