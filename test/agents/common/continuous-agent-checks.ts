/**
 * Checks every continuous off-policy agent (DDPG, TD3, SAC) must pass, shared by their test
 * files so each file only adds what is specific to its algorithm.
 */
import { expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tf } from '../../../src/agents/common/backend.ts';
import { boxToUnit } from '../../../src/agents/common/action-scaling.ts';
import type { AgentEnvSpec } from '../../../src/agents/agent.ts';
import type { ContinuousOffPolicyAgent, OffPolicyConfig } from '../../../src/agents/common/off-policy.ts';
import { box, contains } from '../../../src/agents/common/spaces.ts';
import { evaluate, mean, train } from '../../../src/envs/runner.ts';
import { RootRandom, RandomStream } from '../../../src/random/index.ts';
import { ReachEnv } from './reach-env.ts';

export type AnyAgent = ContinuousOffPolicyAgent<OffPolicyConfig>;
export type MakeAgent = (spec: AgentEnvSpec, config: Record<string, unknown>, root: RootRandom) => AnyAgent;

/** Tiny nets and fast settings for tests that do not need learning. */
export const TINY = { actorHiddenSizes: [8], criticHiddenSizes: [8], batchSize: 8, learningStarts: 10 };

/** A spec with an off-centre, asymmetric action box, so rescaling bugs show. */
export const ODD_SPEC = { observationSpace: box(3, -5, 5), actionSpace: box(2, [0, -3], [10, -1]) } satisfies AgentEnvSpec;

/** `a` followed by `b`, e.g. a critic's `(s, a)` input. */
export const concat = (a: ArrayLike<number>, b: ArrayLike<number>): Float32Array => Float32Array.of(...Array.from(a), ...Array.from(b));

/** A transition on {@link ODD_SPEC}, with the action in env units. */
export interface OneTransition {
  readonly observation: Float32Array;
  readonly action: Float32Array;
  readonly reward: number;
  readonly nextObservation: Float32Array;
  readonly terminated: boolean;
}

/**
 * Observe `t` (never truncated) and return it with its action in the unit box, as the agent
 * stores and trains on it. With one transition stored, every sampled batch repeats it, so a
 * test can compute the first update's losses by hand.
 */
export function observeOne(agent: AnyAgent, t: OneTransition): OneTransition & { readonly unit: Float32Array } {
  const { observation, action, reward, nextObservation, terminated } = t;
  agent.observe({ observation, action: { continuous: action }, reward, nextObservation, terminated, truncated: false });
  return { ...t, unit: boxToUnit(ODD_SPEC.actionSpace, action) };
}

function randomObs(n: number, size: number, seed: number): Float32Array[] {
  const r = new RandomStream('obs', seed);
  return Array.from({ length: n }, () => {
    const o = new Float32Array(size);
    r.fillUniform(o, -5, 5);
    return o;
  });
}

/** Feed `steps` random transitions and run the updates the agent asks for. */
export function feed(agent: AnyAgent, steps: number, seed = 1): void {
  const r = new RandomStream('feed', seed);
  const obs = new Float32Array(agent.observationSize);
  for (let t = 0; t < steps; t++) {
    r.fillUniform(obs, -5, 5);
    const action = agent.act(obs, true);
    const next = obs.map((x) => x + r.normal(0, 0.1));
    agent.observe({ observation: obs.slice(), action, reward: r.normal(), nextObservation: next, terminated: r.uniform() < 0.05, truncated: false });
    agent.update();
  }
}

/** Train on ReachEnv and return the deterministic policy's mean return over 20 episodes. */
export function reachReturn(make: MakeAgent, config: Record<string, unknown>, steps: number, seed: number): number {
  const env = new ReachEnv();
  const agent = make(env, config, new RootRandom(seed));
  try {
    train(env, agent, { steps, seed });
    return mean(evaluate(new ReachEnv(), agent, { episodes: 20, seed: 12345 }));
  } finally {
    agent.dispose();
  }
}

/** Actions stay inside the env's box, exploring or not, before and after learning starts. */
function checkActionsInBox(make: MakeAgent): void {
  const agent = make(ODD_SPEC, TINY, new RootRandom(3));
  try {
    const check = () => {
      for (const o of randomObs(20, 3, 4)) {
        for (const explore of [true, false]) expect(contains(ODD_SPEC.actionSpace, agent.act(o, explore))).toBe(true);
      }
    };
    check();
    feed(agent, 40);
    check();
  } finally {
    agent.dispose();
  }
}

/** No update before `learningStarts` transitions; warm-up actions spread over the box. */
function checkWarmup(make: MakeAgent): void {
  const agent = make(ODD_SPEC, { ...TINY, learningStarts: 50 }, new RootRandom(5));
  try {
    const firsts: number[] = [];
    const o = new Float32Array(3);
    for (let t = 0; t < 49; t++) {
      const a = agent.act(o, true);
      firsts.push(a.continuous![0]);
      agent.observe({ observation: o, action: a, reward: 0, nextObservation: o, terminated: false, truncated: false });
      expect(agent.update()).toBeUndefined();
    }
    // Uniform on [0, 10]: 49 draws from one observation must cover most of the range.
    expect(Math.min(...firsts)).toBeLessThan(2);
    expect(Math.max(...firsts)).toBeGreaterThan(8);
    agent.observe({ observation: o, action: agent.act(o, true), reward: 0, nextObservation: o, terminated: false, truncated: false });
    expect(agent.update()).toBeDefined();
    expect(agent.gradientSteps).toBe(1);
  } finally {
    agent.dispose();
  }
}

/** Same seed, same data -> same actions; another seed -> different ones. */
function checkDeterminism(make: MakeAgent): void {
  const run = (seed: number) => {
    const agent = make(ODD_SPEC, TINY, new RootRandom(seed));
    try {
      feed(agent, 30);
      return randomObs(5, 3, 9).flatMap((o) => [...agent.act(o, false).continuous!, ...agent.act(o, true).continuous!]);
    } finally {
      agent.dispose();
    }
  };
  const a = run(7);
  expect(run(7)).toEqual(a);
  expect(run(8)).not.toEqual(a);
}

/** The number of live tensors does not grow over 1000 updates. */
function checkNoTensorLeak(make: MakeAgent): void {
  const agent = make(ODD_SPEC, { ...TINY, learningStarts: 1 }, new RootRandom(11));
  try {
    feed(agent, 10);
    const before = tf.memory().numTensors;
    feed(agent, 1000, 2);
    expect(agent.gradientSteps).toBeGreaterThanOrEqual(1000);
    expect(tf.memory().numTensors).toBe(before);
  } finally {
    agent.dispose();
  }
}

/** save -> load into a differently seeded agent gives identical evaluation actions; a wrong shape is refused. */
async function checkSaveLoad(make: MakeAgent): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'semsim-agent-'));
  const trained = make(ODD_SPEC, TINY, new RootRandom(21));
  const fresh = make(ODD_SPEC, TINY, new RootRandom(22));
  const wrong = make(ODD_SPEC, { ...TINY, actorHiddenSizes: [9] }, new RootRandom(23));
  try {
    feed(trained, 40);
    await trained.save(dir);
    const obs = randomObs(10, 3, 30);
    const before = obs.map((o) => Array.from(fresh.act(o, false).continuous!));
    await fresh.load(dir);
    const want = obs.map((o) => Array.from(trained.act(o, false).continuous!));
    expect(obs.map((o) => Array.from(fresh.act(o, false).continuous!))).toEqual(want);
    expect(before).not.toEqual(want);
    await expect(wrong.load(dir)).rejects.toThrow(/'actor\/0' has 24 floats, expected 27/);
  } finally {
    [trained, fresh, wrong].forEach((a) => a.dispose());
    await rm(dir, { recursive: true, force: true });
  }
}

/** With `trainFreq` k and `gradientSteps` g, an update runs g gradient steps once per k transitions. */
function checkTrainFrequency(make: MakeAgent): void {
  const agent = make(ODD_SPEC, { ...TINY, learningStarts: 0, trainFreq: 4, gradientSteps: 3 }, new RootRandom(13));
  try {
    const o = new Float32Array(3);
    const ran: boolean[] = [];
    for (let t = 0; t < 12; t++) {
      agent.observe({ observation: o, action: agent.act(o, true), reward: 1, nextObservation: o, terminated: false, truncated: false });
      ran.push(agent.update() !== undefined);
    }
    expect(ran).toEqual([false, false, false, true, false, false, false, true, false, false, false, true]);
    expect(agent.gradientSteps).toBe(9);
  } finally {
    agent.dispose();
  }
}

/** Registers, in the calling `describe`, the checks every continuous off-policy agent must pass. */
export function itPassesContinuousAgentChecks(make: MakeAgent): void {
  it('keeps actions inside the env box', () => checkActionsInBox(make));
  it('acts uniformly at random and does not learn before learningStarts', () => checkWarmup(make));
  it('updates every trainFreq steps with gradientSteps steps', () => checkTrainFrequency(make));
  it('is deterministic for a seed', () => checkDeterminism(make));
  it('does not leak tensors over 1000 updates', () => checkNoTensorLeak(make));
  it('save/load round trip reproduces the evaluation policy', () => checkSaveLoad(make));
}
