import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../src/agents/common/backend.ts';
import type { Agent, Transition } from '../../../src/agents/agent.ts';
import { IndependentLearners } from '../../../src/agents/marl/independent.ts';
import { evaluateParallel, trainParallel } from '../../../src/agents/marl/loop.ts';
import { ChannelSelection } from '../../../src/agents/marl/toy-env.ts';
import { Dqn } from '../../../src/agents/rl/dqn/dqn.ts';
import { Drqn } from '../../../src/agents/rl/drqn/drqn.ts';
import { mean } from '../../../src/envs/runner.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { expectFlatTensorCount, parallelDriver } from '../common/leak-check.ts';

beforeAll(async () => {
  await initBackend();
});

const pick = (c: number) => ({ discrete: Int32Array.of(c) });

/** A stub learner that always picks `choice` and records what it is given. */
class Recorder implements Agent {
  readonly name = 'recorder';
  readonly seen: Transition[] = [];
  readonly obs: Float32Array[] = [];
  constructor(readonly choice: number, readonly seed: number) {}
  act(o: Float32Array) {
    this.obs.push(o);
    return pick(this.choice);
  }
  observe(t: Transition) {
    this.seen.push(t);
  }
  update() {
    return undefined;
  }
  async save() {}
  async load() {}
  dispose() {}
}

describe('ChannelSelection', () => {
  it('scores users alone on a free channel', () => {
    const env = new ChannelSelection(2, 3, 10, 0);
    env.reset({ seed: 1 });
    const busy = (o: Float32Array) => o.indexOf(1);
    let o = env.reset({ seed: 1 }).observations.user0;
    const free = [0, 1, 2].filter((c) => c !== busy(o));
    let r = env.step({ user0: pick(free[0]), user1: pick(free[1]) });
    expect(r.rewards).toEqual({ user0: 1, user1: 1 });
    o = r.observations.user0;
    const f2 = [0, 1, 2].filter((c) => c !== busy(o));
    r = env.step({ user0: pick(f2[0]), user1: pick(f2[0]) });
    expect(r.rewards).toEqual({ user0: 0, user1: 0 }); // collision
    o = r.observations.user1;
    r = env.step({ user0: pick(busy(o)), user1: pick([0, 1, 2].find((c) => c !== busy(o))!) });
    expect(r.rewards).toEqual({ user0: 0, user1: 1 }); // user0 on the busy channel
  });
});

describe('IndependentLearners', () => {
  it('routes each agent its own observation and shares the reward as configured', () => {
    const env = new ChannelSelection(2, 3, 10, 0);
    const made: Recorder[] = [];
    const learners = new IndependentLearners(env, (id, _spec, r) => {
      const a = new Recorder(id === 'user0' ? 0 : 1, r.seed);
      made.push(a);
      return a;
    }, new RootRandom(5), 'sum');
    // Each agent gets its own child generator.
    expect(made[0].seed).not.toBe(made[1].seed);
    const { observations } = env.reset({ seed: 2 });
    const actions = learners.act(observations, true);
    expect(actions.user0.discrete![0]).toBe(0);
    expect(actions.user1.discrete![0]).toBe(1);
    const r = env.step(actions);
    learners.observe({ observations, actions, rewards: { user0: 1, user1: 0 }, nextObservations: r.observations, terminations: r.terminations, truncations: r.truncations });
    expect(made[0].seen[0].reward).toBe(1);
    expect(made[1].seen[0].reward).toBe(1);
    expect(made[1].seen[0].action).toBe(actions.user1);
    expect(learners.sharedRewards({ user0: 1, user1: 0 })).toEqual({ user0: 1, user1: 1 });
    const mean = new IndependentLearners(env, (id, _s, r) => new Recorder(0, r.seed), new RootRandom(5), 'mean');
    expect(mean.sharedRewards({ user0: 1, user1: 0 })).toEqual({ user0: 0.5, user1: 0.5 });
    const own = new IndependentLearners(env, (id, _s, r) => new Recorder(0, r.seed), new RootRandom(5), 'own');
    expect(own.sharedRewards({ user0: 1, user1: 0 })).toEqual({ user0: 1, user1: 0 });
  });

  it('independent DQN learners with a shared reward learn to split the free channels', () => {
    const env = new ChannelSelection();
    const cfg = { hiddenSizes: [32], learningStarts: 100, trainFreq: 1, gradientSteps: 1, batchSize: 32, targetUpdateInterval: 50, gamma: 0.5, learningRate: 3e-3, exploration: { kind: 'linear', start: 1, end: 0.05, duration: 800 } } as const;
    const learners = new IndependentLearners(env, (_id, spec, r) => new Dqn(spec, cfg, r), new RootRandom(1));
    trainParallel(env, learners, { steps: 1500, seed: 1 });
    // Optimum: both users score every step: 2 x 10 per episode. Uniformly random picks score 2 x 10 x 4/9 ~ 8.9.
    expect(mean(evaluateParallel(new ChannelSelection(), learners, { episodes: 10, seed: 101 }))).toBeGreaterThan(18);
    learners.dispose();
  });

  it('keeps the tensor count flat over 1000 updates of each learner (a DQN and a DRQN cell)', () => {
    const env = new ChannelSelection();
    const common = { learningStarts: 10, trainFreq: 1, gradientSteps: 1, batchSize: 8, targetUpdateInterval: 50 } as const;
    // 004 trains DQN- and DRQN-MARL: one learner of each covers both update paths in one team.
    const team = new IndependentLearners(
      env,
      (id, spec, r) => (id === 'user0' ? new Dqn(spec, { ...common, hiddenSizes: [8] }, r) : new Drqn(spec, { ...common, sequenceLength: 4, preHiddenSizes: [8], lstmSize: 8 }, r)),
      new RootRandom(6),
    );
    try {
      const probe = { user0: Float32Array.of(1, 0, 0), user1: Float32Array.of(0, 0, 1) };
      expectFlatTensorCount({ actor: team, probe, drive: parallelDriver(env, team, 6, 1), warmupSteps: 30 });
    } finally {
      team.dispose();
    }
  });

  it('saves each learner in its own subdirectory and loads it back', async () => {
    const env = new ChannelSelection();
    const make = (seed: number) => new IndependentLearners(env, (_id, spec, r) => new Dqn(spec, { hiddenSizes: [8] }, r), new RootRandom(seed));
    const a = make(1);
    const b = make(2);
    const obs = { user0: Float32Array.of(1, 0, 0), user1: Float32Array.of(0, 0, 1) };
    const dir = await mkdtemp(join(tmpdir(), 'marl-'));
    try {
      await a.save(dir);
      expect((await readdir(dir)).sort()).toEqual(['user0', 'user1']);
      await b.load(dir);
      expect(b.act(obs, false)).toEqual(a.act(obs, false));
      const qa = (a.learners.get('user1') as Dqn).qValues(obs.user1);
      expect((b.learners.get('user1') as Dqn).qValues(obs.user1)).toEqual(qa);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });
});
