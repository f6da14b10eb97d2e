import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/agents/agent.ts';
import { initBackend } from '../../src/agents/common/backend.ts';
import { box, discrete, hybrid, multiDiscrete } from '../../src/agents/common/spaces.ts';
import { A2c, Ddpg, DiscreteSac, Dqn, Drqn, HybridSac, Sac, Td3 } from '../../src/index.ts';
import { RootRandom } from '../../src/random/index.ts';

const obs = box(3, -1, 1);
const continuous = { observationSpace: obs, actionSpace: box(2, -1, 1) };
const discreteSpec = { observationSpace: obs, actionSpace: discrete(4) };
const r = (): RootRandom => new RootRandom(1);
const small = [8];

describe('Agent.trainingStats: the schedule every learner reports for the training log', () => {
  beforeAll(async () => {
    await initBackend();
  });

  const cases: [string, () => Agent, Record<string, number>][] = [
    ['ddpg', () => new Ddpg(continuous, { actorHiddenSizes: small, criticHiddenSizes: small, actorLearningRate: 2e-3, noise: { kind: 'gaussian', std: 0.3 } }, r()), { actorLearningRate: 2e-3, noiseStd: 0.3 }],
    ['td3', () => new Td3(continuous, { actorHiddenSizes: small, criticHiddenSizes: small, criticLearningRate: 4e-3, noise: { kind: 'ornstein-uhlenbeck', sigma: 0.2 } }, r()), { criticLearningRate: 4e-3, noiseStd: 0.2 }],
    ['sac', () => new Sac(continuous, { actorHiddenSizes: small, criticHiddenSizes: small, initialEntCoef: 0.5 }, r()), { alpha: 0.5 }],
    ['a2c', () => new A2c(continuous, { learningRate: 1e-3, entCoef: 0.02 }, r()), { learningRate: 1e-3, entropyCoefficient: 0.02 }],
    ['dqn', () => new Dqn(discreteSpec, { hiddenSizes: small, learningRate: 5e-4, exploration: { kind: 'linear', start: 0.7, end: 0.05, duration: 100 } }, r()), { learningRate: 5e-4, epsilon: 0.7 }],
    ['drqn', () => new Drqn(discreteSpec, { learningRate: 5e-4 }, r()), { learningRate: 5e-4 }],
    ['dsac', () => new DiscreteSac(discreteSpec, { learningRate: 3e-3 }, r()), { learningRate: 3e-3 }],
    ['hybrid-sac', () => new HybridSac({ observationSpace: obs, actionSpace: hybrid(box(1, -1, 1), multiDiscrete([2])) }, { learningRate: 3e-3 }, r()), { learningRate: 3e-3 }],
  ];

  it.each(cases)('%s reports its configured values, all finite', (_name, make, expected) => {
    const agent = make();
    try {
      const stats = agent.trainingStats!();
      for (const [k, v] of Object.entries(expected)) expect(stats[k], k).toBeCloseTo(v, 6);
      for (const v of Object.values(stats)) expect(Number.isFinite(v)).toBe(true);
    } finally {
      agent.dispose();
    }
  });
});
