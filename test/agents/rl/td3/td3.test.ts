import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { Td3 } from '../../../../src/agents/rl/td3/td3.ts';
import { TD3_DEFAULTS, resolveTd3Config } from '../../../../src/agents/rl/td3/config.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { ODD_SPEC, TINY, concat, itPassesContinuousAgentChecks, observeOne, reachReturn } from '../../common/continuous-agent-checks.ts';
import type { MakeAgent } from '../../common/continuous-agent-checks.ts';

const make: MakeAgent = (spec, config, root) => new Td3(spec, config, root);

beforeAll(async () => {
  await initBackend();
});

const same = (a: Float32Array[], b: Float32Array[]) => a.every((w, l) => w.every((x, i) => x === b[l][i]));

const singleTransition = (agent: Td3) =>
  observeOne(agent, { observation: Float32Array.of(0.5, 2, -1), action: Float32Array.of(2, -1.5), reward: -0.7, nextObservation: Float32Array.of(1, 1, 0), terminated: false });

describe('TD3', () => {
  it('learns the reach task: deterministic return near optimal (-1), far above random (-12)', () => {
    const ret = reachReturn(make, { actorHiddenSizes: [32, 32], criticHiddenSizes: [32, 32], batchSize: 64, learningStarts: 250, gamma: 0.9 }, 1000, 1);
    expect(ret).toBeGreaterThan(-3);
  });

  it('critic loss uses the smaller of the twin target values (clipped double Q)', () => {
    const gamma = 0.8;
    // No smoothing noise, so the target is a deterministic function of the nets.
    const agent = new Td3(ODD_SPEC, { ...TINY, learningStarts: 1, gamma, targetPolicyNoise: 0 }, new RootRandom(3));
    const t = singleTransition(agent);
    const nextIn = concat(t.nextObservation, agent.actor.predict(t.nextObservation));
    const y = t.reward + gamma * Math.min(agent.critics[0].predict(nextIn)[0], agent.critics[1].predict(nextIn)[0]);
    const x = concat(t.observation, t.unit);
    const expected = (y - agent.critics[0].predict(x)[0]) ** 2 + (y - agent.critics[1].predict(x)[0]) ** 2;
    expect(agent.critics[0].predict(nextIn)[0]).not.toBe(agent.critics[1].predict(nextIn)[0]);
    expect(agent.update()!.critic).toBeCloseTo(expected, 4);
    agent.dispose();
  });

  it('moves the actor and the targets only every policyDelay steps', () => {
    const agent = new Td3(ODD_SPEC, { ...TINY, learningStarts: 1, policyDelay: 3 }, new RootRandom(8));
    let actor = agent.actor.getWeights();
    let target = agent.targetCritics[0].getWeights();
    let critic = agent.critics[0].getWeights();
    for (let k = 1; k <= 6; k++) {
      // trainFreq 1: one new transition makes one update due.
      singleTransition(agent);
      expect(agent.update()).toBeDefined();
      const delayed = k % 3 === 0;
      expect(same(agent.actor.getWeights(), actor)).toBe(!delayed);
      expect(same(agent.targetCritics[0].getWeights(), target)).toBe(!delayed);
      expect(same(agent.critics[0].getWeights(), critic)).toBe(false);
      actor = agent.actor.getWeights();
      target = agent.targetCritics[0].getWeights();
      critic = agent.critics[0].getWeights();
    }
    agent.dispose();
  });

  itPassesContinuousAgentChecks(make);

  it('defaults are SB3\'s TD3 and bad values are refused', () => {
    expect(TD3_DEFAULTS).toMatchObject({ policyDelay: 2, targetPolicyNoise: 0.2, targetNoiseClip: 0.5, actorLearningRate: 1e-3, tau: 0.005, batchSize: 256 });
    expect(() => resolveTd3Config({ policyDelay: 0 })).toThrow(/policyDelay/);
    expect(() => resolveTd3Config({ targetNoiseClip: -1 })).toThrow(/targetNoiseClip/);
  });
});
