import { beforeAll, describe, it, expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import type { SequenceBatch } from '../../../../src/agents/common/sequence-replay.ts';
import { Drqn } from '../../../../src/agents/rl/drqn/drqn.ts';
import { DRQN_MULTICELL_PRESET } from '../../../../src/scenarios/multicell-ee/constants.ts';
import { extendedObservations, lossMask } from '../../../../src/agents/rl/drqn/sequences.ts';
import { Dqn } from '../../../../src/agents/rl/dqn/dqn.ts';
import { evaluate, mean, train } from '../../../../src/envs/runner.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { expectFlatTensorCount, envDriver } from '../../common/leak-check.ts';
import { CueMemory } from './cue-memory.ts';

beforeAll(async () => {
  await initBackend();
});

const spec = () => {
  const e = new CueMemory(2);
  return { observationSpace: e.observationSpace, actionSpace: e.actionSpace };
};

const SMALL = {
  preHiddenSizes: [16],
  lstmSize: 16,
  learningRate: 3e-3,
  learningStarts: 200,
  batchSize: 16,
  trainFreq: 2,
  targetUpdateInterval: 100,
  gamma: 0.9,
  exploration: { kind: 'linear', start: 1, end: 0.05, duration: 800 },
} as const;

describe('DRQN sequence helpers', () => {
  // Two rows of length 3, observation size 1: row 0 has 2 real steps, row 1 has 3.
  const batch: SequenceBatch = {
    batchSize: 2,
    sequenceLength: 3,
    observations: Float32Array.of(1, 2, 0, 5, 6, 7),
    nextObservations: Float32Array.of(2, 3, 0, 6, 7, 8),
    actions: new Int32Array(6),
    rewards: new Float32Array(6),
    terminated: new Float32Array(6),
    mask: Float32Array.of(1, 1, 0, 1, 1, 1),
    startsEpisode: Float32Array.of(1, 0),
    slots: new Int32Array(6),
  };

  it('appends the last next-observation after the real steps', () => {
    expect(Array.from(extendedObservations(batch))).toEqual([1, 2, 3, 0, 5, 6, 7, 8]);
  });

  it('burn-in masks the first steps only of rows starting mid-episode', () => {
    expect(Array.from(lossMask(batch, 0))).toEqual([1, 1, 0, 1, 1, 1]);
    expect(Array.from(lossMask(batch, 2))).toEqual([1, 1, 0, 0, 0, 1]);
  });
});

describe('Drqn', () => {
  it('solves a cue-memory task that a memoryless DQN cannot', () => {
    const drqn = new Drqn(spec(), SMALL, new RootRandom(1));
    train(new CueMemory(2), drqn, { steps: 1500, seed: 1 });
    expect(mean(evaluate(new CueMemory(2), drqn, { episodes: 50, seed: 101 }))).toBe(1);
    drqn.dispose();

    const { preHiddenSizes, lstmSize: _lstmSize, ...rest } = SMALL;
    const dqn = new Dqn(spec(), { ...rest, hiddenSizes: preHiddenSizes, gradientSteps: 1 }, new RootRandom(1));
    train(new CueMemory(2), dqn, { steps: 1500, seed: 1 });
    // The query observation is identical for both cues: at best a coin flip.
    expect(mean(evaluate(new CueMemory(2), dqn, { episodes: 50, seed: 101 }))).toBeLessThan(0.7);
    dqn.dispose();
  });

  it('carries its hidden state while acting and resets it at episode end', () => {
    const agent = new Drqn(spec(), { preHiddenSizes: [8], lstmSize: 8 }, new RootRandom(2));
    const blank = new Float32Array(3);
    const fresh = agent.stepQ(blank, 'evaluate');
    agent.stepQ(Float32Array.of(1, 0, 0), 'evaluate');
    const afterHistory = agent.stepQ(blank, 'evaluate');
    expect(Array.from(afterHistory)).not.toEqual(Array.from(fresh));
    agent.act(blank, false);
    agent.onEpisodeEnd();
    expect(Array.from(agent.stepQ(blank, 'evaluate'))).toEqual(Array.from(fresh));
    // An evaluation episode does not disturb the training episode's memory.
    agent.stepQ(Float32Array.of(0, 1, 0), 'explore');
    const explore1 = agent.stepQ(blank, 'explore');
    const twin = new Drqn(spec(), { preHiddenSizes: [8], lstmSize: 8 }, new RootRandom(2));
    twin.stepQ(Float32Array.of(0, 1, 0), 'explore');
    twin.act(blank, false);
    twin.onEpisodeEnd();
    expect(Array.from(twin.stepQ(blank, 'explore'))).toEqual(Array.from(explore1));
    agent.dispose();
    twin.dispose();
  });

  it('keeps the tensor count flat over 1000 updates (004 preset: adaptive epsilon, training every step)', () => {
    const agent = new Drqn(spec(), { ...DRQN_MULTICELL_PRESET, batchSize: 8, sequenceLength: 4, preHiddenSizes: [8], lstmSize: 8 }, new RootRandom(3));
    try {
      // The preset's learningStarts is 100; both acting modes hold an LSTM state when counted.
      expectFlatTensorCount({ actor: agent, probe: Float32Array.of(1, 0, 0), drive: envDriver(new CueMemory(2), agent, 3, 1), warmupSteps: 110 });
      // Episode ends free the acting states too: evaluation episodes leave only the training one.
      const before = tf.memory().numTensors;
      evaluate(new CueMemory(2), agent, { episodes: 3, seed: 5 });
      expect(tf.memory().numTensors).toBe(before - 2);
      expect(agent.epsilon.value).toBeLessThanOrEqual(0.6);
    } finally {
      agent.dispose();
    }
  });

  it('round-trips through save/load', async () => {
    const a = new Drqn(spec(), { preHiddenSizes: [8], lstmSize: 8 }, new RootRandom(4));
    const b = new Drqn(spec(), { preHiddenSizes: [8], lstmSize: 8 }, new RootRandom(5));
    const o = Float32Array.of(1, 0, 0);
    const dir = await mkdtemp(join(tmpdir(), 'drqn-'));
    try {
      await a.save(dir);
      await b.load(dir);
      expect(b.stepQ(o, 'evaluate')).toEqual(a.stepQ(o, 'evaluate'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    a.dispose();
    b.dispose();
  });
});
