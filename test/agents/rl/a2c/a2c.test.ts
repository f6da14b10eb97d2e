import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { A2c } from '../../../../src/agents/rl/a2c/a2c.ts';
import { trainInTurn } from '../../../../src/agents/rl/a2c/in-turn.ts';
import { CartPole } from '../../../../src/envs/cartpole.ts';
import { evaluate, mean } from '../../../../src/envs/runner.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { expectFlatTensorCount } from '../../common/leak-check.ts';
import { ContextBandit } from '../dqn/toy-envs.ts';
import { Reach } from './reach.ts';

beforeAll(async () => {
  await initBackend();
});

const cartSpec = () => {
  const e = new CartPole();
  return { observationSpace: e.observationSpace, actionSpace: e.actionSpace };
};

describe('A2c', () => {
  it('learns CartPole-v1 with 8 environments stepped in turn (20 000 steps)', () => {
    const agent = new A2c(cartSpec(), { numEnvs: 8 }, new RootRandom(1));
    const res = trainInTurn(Array.from({ length: 8 }, () => new CartPole()), agent, { steps: 20_000, seed: 1 });
    // One update per nSteps (5) steps of every environment.
    expect(res.updates).toBe(20_000 / 40);
    expect(mean(evaluate(new CartPole(), agent, { episodes: 10, seed: 101 }))).toBeGreaterThan(150);
    agent.dispose();
  });

  it('files transitions by their environment index, so a partial batch of environments never chains unrelated steps', () => {
    const spec = cartSpec();
    const config = { numEnvs: 4, nSteps: 2, hiddenSizes: [8] };
    const make = () => new A2c(spec, config, new RootRandom(6));
    // Transition (env, step): distinct observations and rewards per environment and step.
    const transition = (env: number, step: number) => ({
      observation: Float32Array.from([env, step, 0.1 * env, -0.1 * step]),
      action: { discrete: Int32Array.from([(env + step) % 2]) },
      reward: env + 10 * step,
      nextObservation: Float32Array.from([env, step + 1, 0.1 * env, -0.1 * (step + 1)]),
      terminated: false,
      truncated: false,
    });
    // Reference: all four environments in a fixed turn order (round-robin filing).
    const inTurn = make();
    let reference;
    for (let step = 0; step < 2; step++) for (let env = 0; env < 4; env++) {
      inTurn.observe(transition(env, step));
      reference = inTurn.update() ?? reference;
    }
    // Environments 0 and 1 step twice alone (a last batch of 2), then 2 and 3: filed by index,
    // no update until every environment has nSteps, then the same rollouts as the reference.
    const byIndex = make();
    const order = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 0], [3, 0], [2, 1], [3, 1]];
    const infos = order.map(([env, step]) => {
      byIndex.observe({ ...transition(env, step), env });
      return byIndex.update();
    });
    expect(infos.slice(0, 7).every((i) => i === undefined)).toBe(true);
    expect(infos[7]).toEqual(reference);
    inTurn.dispose();
    byIndex.dispose();
  });

  it('learns a continuous target with its Gaussian policy', () => {
    const r = new Reach();
    const agent = new A2c({ observationSpace: r.observationSpace, actionSpace: r.actionSpace }, { numEnvs: 4, gamma: 0.5, learningRate: 3e-3 }, new RootRandom(2));
    trainInTurn(Array.from({ length: 4 }, () => new Reach()), agent, { steps: 10_000, seed: 2 });
    // Answering 0 always earns -0.75 per step, -3.75 per 5-step episode; a = t earns 0.
    expect(mean(evaluate(new Reach(), agent, { episodes: 20, seed: 102 }))).toBeGreaterThan(-0.3);
    agent.dispose();
  });

  // One optimiser step per rollout of nSteps x numEnvs = 4 transitions: 1000 updates = 4000 steps.
  it.each([
    ['Gaussian (box)', () => new Reach(), Float32Array.of(0.7)],
    ['categorical (discrete)', () => ContextBandit.simple(0), Float32Array.of(0, 1, 0)],
  ] as const)('keeps the tensor count flat over 1000 updates, %s policy', (_kind, makeEnv, probe) => {
    const envs = [makeEnv(), makeEnv()];
    const agent = new A2c({ observationSpace: envs[0].observationSpace, actionSpace: envs[0].actionSpace }, { numEnvs: 2, nSteps: 2, hiddenSizes: [8] }, new RootRandom(3));
    let seed = 0;
    // trainInTurn counts the non-undefined update() results, each one optimiser step.
    const drive = (steps: number) => trainInTurn(envs, agent, { steps, seed: (seed += 10) }).updates;
    try {
      expectFlatTensorCount({ actor: agent, probe, drive, warmupSteps: 40, chunkSteps: 1000 });
    } finally {
      agent.dispose();
    }
  });

  it('round-trips actor, critic and log-std through save/load', async () => {
    const r = new Reach();
    const spec = { observationSpace: r.observationSpace, actionSpace: r.actionSpace };
    const a = new A2c(spec, {}, new RootRandom(4));
    trainInTurn([new Reach()], a, { steps: 50, seed: 0 });
    const b = new A2c(spec, {}, new RootRandom(5));
    const obs = Float32Array.of(0.7);
    const dir = await mkdtemp(join(tmpdir(), 'a2c-'));
    try {
      await a.save(dir);
      await b.load(dir);
      expect(b.act(obs, false)).toEqual(a.act(obs, false));
      expect(b.value(obs)).toBeCloseTo(a.value(obs), 6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });
});
