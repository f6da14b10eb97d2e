import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { box, contains, hybrid, multiDiscrete } from '../../../../src/agents/common/spaces.ts';
import { HybridSac } from '../../../../src/agents/rl/hybrid-sac/hybrid-sac.ts';
import { ARM_LEVELS, HybridArms } from '../../../../src/agents/rl/hybrid-sac/toy-env.ts';
import { evaluate, mean, train } from '../../../../src/envs/runner.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { expectFlatTensorCount, envDriver } from '../../common/leak-check.ts';

beforeAll(async () => {
  await initBackend();
});

const env = new HybridArms();
const spec = { observationSpace: env.observationSpace, actionSpace: env.actionSpace };

describe('HybridSac', () => {
  it('learns the coupled arm and level of each context', () => {
    const agent = new HybridSac(spec, { hiddenSizes: [64, 64], batchSize: 64, learningRate: 1e-3, gamma: 0.5, discreteEntropyScale: 0.3 }, new RootRandom(1));
    train(new HybridArms(), agent, { steps: 1500, seed: 1 });
    // Optimal: 1 per step, 10 per episode; the safe arm alone earns 8.
    expect(mean(evaluate(new HybridArms(), agent, { episodes: 10, seed: 101 }))).toBeGreaterThan(9.2);
    const best = [1, 0];
    [Float32Array.of(1, 0), Float32Array.of(0, 1)].forEach((obs, c) => {
      const a = agent.act(obs, false);
      expect(a.discrete![0]).toBe(best[c]);
      expect(Math.abs(a.continuous![0] - ARM_LEVELS[c][best[c]])).toBeLessThan(0.2);
    });
    agent.dispose();
  });

  it('acts inside a hybrid space with a scaled box and several discrete dimensions', () => {
    const space = hybrid(box(2, [0, -5], [10, 5]), multiDiscrete([2, 3]));
    const agent = new HybridSac({ observationSpace: box(3, -1, 1), actionSpace: space }, { hiddenSizes: [8], learningStarts: 5, batchSize: 4 }, new RootRandom(3));
    const obs = Float32Array.of(0.1, 0.2, 0.3);
    for (let t = 0; t < 12; t++) {
      const a = agent.act(obs, true);
      expect(contains(space, a)).toBe(true);
      agent.observe({ observation: obs, action: a, reward: 1, nextObservation: obs, terminated: false, truncated: false });
      agent.update();
    }
    expect(agent.discretePolicy(obs).length).toBe(6);
    expect(contains(space, agent.act(obs, false))).toBe(true);
    agent.dispose();
  });

  it('keeps the tensor count flat over 1000 updates', () => {
    const agent = new HybridSac(spec, { hiddenSizes: [16], batchSize: 8, learningStarts: 10, trainFreq: 1, gradientSteps: 1 }, new RootRandom(0));
    try {
      expectFlatTensorCount({ actor: agent, probe: Float32Array.of(0, 1), drive: envDriver(new HybridArms(), agent, 0, 1), warmupSteps: 30 });
    } finally {
      agent.dispose();
    }
  });

  it('round-trips through save/load', async () => {
    const a = new HybridSac(spec, { hiddenSizes: [16], batchSize: 8, learningStarts: 10 }, new RootRandom(1));
    train(new HybridArms(), a, { steps: 40, seed: 0 });
    const b = new HybridSac(spec, { hiddenSizes: [16] }, new RootRandom(2));
    const obs = Float32Array.of(0, 1);
    const dir = await mkdtemp(join(tmpdir(), 'hsac-'));
    try {
      await a.save(dir);
      await b.load(dir);
      expect(b.act(obs, false)).toEqual(a.act(obs, false));
      expect(b.alphas.discrete).toBeCloseTo(a.alphas.discrete, 6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });

  it('rejects non-hybrid action spaces', () => {
    expect(() => new HybridSac({ observationSpace: box(2, 0, 1), actionSpace: box(1, -1, 1) })).toThrow(TypeError);
  });
});
