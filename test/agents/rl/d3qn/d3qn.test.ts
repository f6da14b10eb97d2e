import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { D3qn } from '../../../../src/agents/rl/d3qn/d3qn.ts';
import { D3QN_DEFAULTS } from '../../../../src/agents/rl/d3qn/config.ts';
import { DuelingQNetwork, duelingCombine } from '../../../../src/agents/rl/d3qn/dueling.ts';
import { CartPole } from '../../../../src/envs/cartpole.ts';
import { evaluate, mean, train } from '../../../../src/envs/runner.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { expectFlatTensorCount, envDriver } from '../../common/leak-check.ts';
import { relErr, sech2 } from '../../common/nn/closed-forms.ts';

beforeAll(async () => {
  await initBackend();
});

describe('dueling network', () => {
  it('combines V and A as V + A - mean(A), by hand', () => {
    const q = duelingCombine(tf.tensor2d([[2], [-1]]), tf.tensor2d([[1, 2, 6], [0, 0, 3]])).arraySync();
    expect(q[0]).toEqual([2 - 2, 2 - 1, 2 + 3]);
    expect(q[1]).toEqual([-2, -2, 1]);
  });

  it('a saturated tanh trunk unit (z = 20, output exactly 1) still passes sech²(20) to its bias', () => {
    const actions = 3;
    const net = new DuelingQNetwork({ inputSize: 3, actions, hiddenSizes: [4], activation: 'tanh', seed: 6 });
    // Weights: trunk 3 -> 4 (linear, tanh applied by the dueling net), value 4 -> 1, advantage 4 -> 3.
    const w = net.getWeights();
    for (let i = 0; i < 3; i++) w[0][i * 4] = 0;
    w[1][0] = 20;
    net.setWeights(w);
    const n = 5;
    const db = tf.tidy(() => {
      const x = tf.randomNormal([n, 3], 0, 1, 'float32', 4) as tf.Tensor2D;
      const { grads } = tf.variableGrads(() => tf.sum(net.apply(x)) as tf.Scalar, net.variables);
      return grads[net.variables[1].name].dataSync();
    });
    // Σ_a Q_a = actions V + Σ_a A_a - actions mean(A) = actions V, so d(Σ Q)/dh_0 = actions * w_V[0] per sample.
    const want = n * actions * w[2][0] * sech2(20);
    expect(Math.abs(db[0])).toBeGreaterThan(0);
    expect(relErr(db[0], want)).toBeLessThan(1e-4);
    net.dispose();
  });

  it('outputs one value per action; the mean over actions is the value head alone', () => {
    const net = new DuelingQNetwork({ inputSize: 3, actions: 4, hiddenSizes: [8, 8], activation: 'relu', seed: 5 });
    const x = tf.randomNormal([6, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    const q = net.apply(x);
    expect(q.shape).toEqual([6, 4]);
    // Weights: trunk (2 layers), value (1 layer), advantage (1 layer) -> 8 arrays.
    const w = net.getWeights();
    expect(w.length).toBe(8);
    // Zero the advantage head: every action then has the same value V(s).
    w[6] = new Float32Array(w[6].length);
    w[7] = new Float32Array(w[7].length);
    net.setWeights(w);
    const rows = net.apply(x).arraySync() as number[][];
    for (const r of rows) for (const v of r) expect(v).toBeCloseTo(r[0], 6);
    net.dispose();
  });
});

describe('D3qn', () => {
  it('uses double-DQN targets and 001 Table III learning rate by default', () => {
    expect(D3QN_DEFAULTS.doubleQ).toBe(true);
    expect(D3QN_DEFAULTS.learningRate).toBe(3e-4);
  });

  it('learns CartPole-v1 well beyond a random policy (~22) in 5000 steps', () => {
    const env = new CartPole();
    const agent = new D3qn({ observationSpace: env.observationSpace, actionSpace: env.actionSpace }, {
      hiddenSizes: [64, 64],
      learningRate: 1e-3,
      learningStarts: 500,
      trainFreq: 2,
      gradientSteps: 1,
      targetUpdateInterval: 250,
      exploration: { kind: 'linear', start: 1, end: 0.04, duration: 2000 },
    }, new RootRandom(2));
    train(env, agent, { steps: 5000, seed: 2 });
    expect(agent.name).toBe('d3qn');
    expect(mean(evaluate(new CartPole(), agent, { episodes: 10, seed: 102 }))).toBeGreaterThan(80);
    agent.dispose();
  });

  it('keeps the tensor count flat over 1000 updates (dueling net, double-DQN targets)', () => {
    const env = new CartPole();
    const agent = new D3qn({ observationSpace: env.observationSpace, actionSpace: env.actionSpace }, { hiddenSizes: [16], batchSize: 8, learningStarts: 10, trainFreq: 1, gradientSteps: 1, targetUpdateInterval: 50 }, new RootRandom(4));
    try {
      expectFlatTensorCount({ actor: agent, probe: Float32Array.of(0.01, -0.2, 0.03, 0.4), drive: envDriver(env, agent, 4, 1), warmupSteps: 30 });
    } finally {
      agent.dispose();
    }
  });

  it('saves and loads its dueling weights', async () => {
    const env = new CartPole();
    const spec = { observationSpace: env.observationSpace, actionSpace: env.actionSpace };
    const a = new D3qn(spec, { hiddenSizes: [8, 8] }, new RootRandom(1));
    const b = new D3qn(spec, { hiddenSizes: [8, 8] }, new RootRandom(2));
    const obs = Float32Array.of(0.01, -0.2, 0.03, 0.4);
    const dir = await mkdtemp(join(tmpdir(), 'd3qn-'));
    try {
      await a.save(dir);
      await b.load(dir);
      expect(b.qValues(obs)).toEqual(a.qValues(obs));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });
});
