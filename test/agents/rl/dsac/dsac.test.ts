import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { DiscreteSac } from '../../../../src/agents/rl/dsac/dsac.ts';
import { CartPole } from '../../../../src/envs/cartpole.ts';
import { evaluate, mean, train } from '../../../../src/envs/runner.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { expectFlatTensorCount, envDriver } from '../../common/leak-check.ts';
import { ContextBandit } from '../dqn/toy-envs.ts';

beforeAll(async () => {
  await initBackend();
});

const specOf = (env: { observationSpace: any; actionSpace: any }) => ({ observationSpace: env.observationSpace, actionSpace: env.actionSpace });
const entropy = (p: Float32Array) => -Array.from(p).reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);

describe('DiscreteSac', () => {
  it('learns CartPole-v1 well beyond a random policy (~22) in 3000 steps', () => {
    const env = new CartPole();
    const agent = new DiscreteSac(specOf(env), { hiddenSizes: [64, 64], batchSize: 64, learningStarts: 500, trainFreq: 2, learningRate: 1e-3, targetEntropyScale: 0.3 }, new RootRandom(1));
    train(env, agent, { steps: 3000, seed: 1 });
    expect(mean(evaluate(new CartPole(), agent, { episodes: 10, seed: 101 }))).toBeGreaterThan(100);
    agent.dispose();
  });

  it('tunes alpha until the policy entropy meets the target, keeping the best action most likely', () => {
    const env = ContextBandit.simple(2);
    const agent = new DiscreteSac(specOf(env), { hiddenSizes: [32], batchSize: 32, learningStarts: 100, learningRate: 3e-3, targetEntropy: 0.5, gamma: 0.5 }, new RootRandom(2));
    train(env, agent, { steps: 1500, seed: 2 });
    const entropies: number[] = [];
    for (let c = 0; c < 3; c++) {
      const obs = new Float32Array(3);
      obs[c] = 1;
      const p = agent.policy(obs);
      entropies.push(entropy(p));
      expect(p.indexOf(Math.max(...p))).toBe((c * 3 + 1) % 4);
    }
    // Eq. (26) is stationary where E_s[H(pi(.|s))] = target (max entropy here: log 4 = 1.39).
    expect(Math.abs(mean(entropies) - 0.5)).toBeLessThan(0.2);
    expect(agent.alpha).not.toBeCloseTo(1, 2);
    agent.dispose();
  });

  it('keeps the tensor count flat over 1000 updates', () => {
    const env = ContextBandit.simple(0);
    const agent = new DiscreteSac(specOf(env), { hiddenSizes: [16], batchSize: 8, learningStarts: 10, trainFreq: 1, gradientSteps: 1 }, new RootRandom(0));
    try {
      expectFlatTensorCount({ actor: agent, probe: Float32Array.of(0, 1, 0), drive: envDriver(env, agent, 0, 1), warmupSteps: 30 });
    } finally {
      agent.dispose();
    }
  });

  it('round-trips actor, critics and temperature through save/load', async () => {
    const env = ContextBandit.simple(0);
    const a = new DiscreteSac(specOf(env), { hiddenSizes: [16], batchSize: 8, learningStarts: 10 }, new RootRandom(1));
    train(env, a, { steps: 60, seed: 0 });
    const b = new DiscreteSac(specOf(env), { hiddenSizes: [16] }, new RootRandom(2));
    const obs = new Float32Array([1, 0, 0]);
    const dir = await mkdtemp(join(tmpdir(), 'dsac-'));
    try {
      await a.save(dir);
      await b.load(dir);
      expect(b.policy(obs)).toEqual(a.policy(obs));
      expect(b.alpha).toBeCloseTo(a.alpha, 6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });
});
