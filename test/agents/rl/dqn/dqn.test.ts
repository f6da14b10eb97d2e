import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import type { UpdateInfo } from '../../../../src/agents/agent.ts';
import { Dqn } from '../../../../src/agents/rl/dqn/dqn.ts';
import { DQN_MULTICELL_PRESET } from '../../../../src/scenarios/multicell-ee/constants.ts';
import { CartPole } from '../../../../src/envs/cartpole.ts';
import { evaluate, mean, train } from '../../../../src/envs/runner.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { expectFlatTensorCount, envDriver } from '../../common/leak-check.ts';
import { ContextBandit } from './toy-envs.ts';

beforeAll(async () => {
  await initBackend();
});

const specOf = (env: { observationSpace: any; actionSpace: any }) => ({ observationSpace: env.observationSpace, actionSpace: env.actionSpace });

/** Scaled-down Zoo settings: a 4000-step budget instead of 50 000. */
const SMOKE = {
  hiddenSizes: [64, 64],
  learningRate: 1e-3,
  learningStarts: 500,
  trainFreq: 4,
  gradientSteps: 2,
  targetUpdateInterval: 100,
  exploration: { kind: 'linear', start: 1, end: 0.04, duration: 1500 },
} as const;

/**
 * Steps `agent` on the bandit for `steps` env steps, calling `update()` after each one (and
 * `beforeUpdate(t)` just before it); returns the update infos of the steps that trained.
 */
function driveBandit(agent: Dqn, env: ContextBandit, steps: number, beforeUpdate: (t: number) => void = () => {}): Map<number, UpdateInfo> {
  const rounds = new Map<number, UpdateInfo>();
  let obs = env.reset({ seed: 0 }).observation;
  for (let t = 1; t <= steps; t++) {
    const action = agent.act(obs, true);
    const r = env.step(action);
    agent.observe({ observation: obs, action, reward: r.reward, nextObservation: r.observation, terminated: false, truncated: r.truncated });
    obs = r.truncated ? env.reset().observation : r.observation;
    beforeUpdate(t);
    const info = agent.update();
    if (info) rounds.set(t, info);
  }
  return rounds;
}

describe('Dqn', () => {
  it('learns CartPole-v1 well beyond a random policy (~22) in 4000 steps', () => {
    const env = new CartPole();
    const agent = new Dqn(specOf(env), SMOKE, new RootRandom(2));
    train(env, agent, { steps: 4000, seed: 2 });
    const returns = evaluate(new CartPole(), agent, { episodes: 10, seed: 102 });
    expect(mean(returns)).toBeGreaterThan(60);
    agent.dispose();
  });

  it('with the 004 preset solves a multi-discrete contextual bandit through the joint action space', () => {
    const env = ContextBandit.multi(1);
    const agent = new Dqn(specOf(env), DQN_MULTICELL_PRESET, new RootRandom(1));
    const eps0 = agent.epsilon.value;
    train(env, agent, { steps: 1500, seed: 1 });
    expect(eps0).toBe(0.6);
    // TD errors shrink once the bandit is learned, so the adaptive epsilon leaves its ceiling.
    expect(agent.epsilon.value).toBeLessThan(0.6);
    expect(agent.epsilon.value).toBeGreaterThanOrEqual(0.1);
    expect(mean(evaluate(ContextBandit.multi(5), agent, { episodes: 5, seed: 5 }))).toBe(10);
    agent.dispose();
  });

  it('acts randomly before learningStarts and trains every trainFreq steps after', () => {
    const env = ContextBandit.simple(0);
    const agent = new Dqn(specOf(env), { hiddenSizes: [16], learningStarts: 20, trainFreq: 5, gradientSteps: 3, batchSize: 8 }, new RootRandom(0));
    // SB3: train when num_timesteps > learning_starts at the end of each train_freq rollout.
    expect([...driveBandit(agent, env, 40).keys()]).toEqual([25, 30, 35, 40]);
    agent.dispose();
  });

  it('anneals the step size linearly over env steps and stops learning when it reaches 0', () => {
    const env = ContextBandit.simple(0);
    const lr = 1e-2;
    const agent = new Dqn(specOf(env), { hiddenSizes: [16], learningRate: lr, learningRateAnnealSteps: 40, learningStarts: 20, trainFreq: 5, gradientSteps: 3, batchSize: 8 }, new RootRandom(0));
    const probe = Float32Array.of(1, 0, 0);
    let qBeforeLast = agent.qValues(probe);
    const rounds = driveBandit(agent, env, 40, (t) => {
      if (t === 40) qBeforeLast = agent.qValues(probe);
    });
    // lr * (1 - t / 40) at the training steps 25, 30, 35, 40.
    expect([...rounds.keys()]).toEqual([25, 30, 35, 40]);
    for (const [t, info] of rounds) expect(info.learningRate).toBeCloseTo(lr * (1 - t / 40), 12);
    // The round at step 40 trains with step size 0, so the network is unchanged by it.
    expect(Array.from(agent.qValues(probe))).toEqual(Array.from(qBeforeLast));
    agent.dispose();
  });

  it('rejects a negative or fractional learningRateAnnealSteps, naming the field', () => {
    const env = ContextBandit.simple(0);
    expect(() => new Dqn(specOf(env), { learningRateAnnealSteps: -1 })).toThrow(/learningRateAnnealSteps: Too small: expected number to be >=0 \(got -1\)/);
    expect(() => new Dqn(specOf(env), { learningRateAnnealSteps: 2.5 })).toThrow(/learningRateAnnealSteps/);
    expect(() => new Dqn(specOf(env), { learningRateDecay: -1e-4 })).toThrow(/learningRateDecay: Too small: expected number to be >=0/);
  });

  it('keeps the tensor count flat over 1000 updates', () => {
    const env = ContextBandit.simple(0);
    // Adaptive epsilon: every gradient step also reads back the mean |TD error|.
    const agent = new Dqn(specOf(env), { hiddenSizes: [16], learningStarts: 10, trainFreq: 1, gradientSteps: 1, batchSize: 8, exploration: { kind: 'adaptive', min: 0.1, max: 0.6, sigma: 1, delta: 0.1 } }, new RootRandom(0));
    try {
      expectFlatTensorCount({ actor: agent, probe: Float32Array.of(1, 0, 0), drive: envDriver(env, agent, 0, 1), warmupSteps: 30 });
    } finally {
      agent.dispose();
    }
  });

  it('is reproducible from the seed and round-trips through save/load', async () => {
    const env = ContextBandit.simple(3);
    const make = () => new Dqn(specOf(env), { hiddenSizes: [16], learningStarts: 20, trainFreq: 1, gradientSteps: 1, batchSize: 8 }, new RootRandom(9));
    const a = make();
    const b = make();
    train(ContextBandit.simple(3), a, { steps: 120, seed: 3 });
    train(ContextBandit.simple(3), b, { steps: 120, seed: 3 });
    const obs = new Float32Array([0, 1, 0]);
    expect(a.qValues(obs)).toEqual(b.qValues(obs));
    const dir = await mkdtemp(join(tmpdir(), 'dqn-'));
    try {
      await a.save(dir);
      const c = new Dqn(specOf(env), { hiddenSizes: [16] }, new RootRandom(1));
      expect(c.qValues(obs)).not.toEqual(a.qValues(obs));
      await c.load(dir);
      expect(c.qValues(obs)).toEqual(a.qValues(obs));
      c.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });

  it('rejects spaces it cannot handle and bad configs', () => {
    const env = ContextBandit.simple(0);
    expect(() => new Dqn({ observationSpace: env.observationSpace, actionSpace: env.observationSpace })).toThrow(TypeError);
    expect(() => new Dqn(specOf(env), { gamma: 1.5 })).toThrow(RangeError);
    expect(() => new Dqn(specOf(env), { batchSize: 0 })).toThrow(RangeError);
  });
});
