import { beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AgentEnvSpec } from '../../../src/agents/agent.ts';
import { initBackend } from '../../../src/agents/common/backend.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/agents/common/checkpoint-file.ts';
import { StateMismatchError, StateReader, StateWriter, type AgentState } from '../../../src/agents/common/checkpoint-state.ts';
import { box, discrete, hybrid, multiDiscrete, type Action } from '../../../src/agents/common/spaces.ts';
import { A2c } from '../../../src/agents/rl/a2c/a2c.ts';
import { D3qn } from '../../../src/agents/rl/d3qn/d3qn.ts';
import { Ddpg } from '../../../src/agents/rl/ddpg/ddpg.ts';
import { Dqn } from '../../../src/agents/rl/dqn/dqn.ts';
import { Drqn } from '../../../src/agents/rl/drqn/drqn.ts';
import { DiscreteSac } from '../../../src/agents/rl/dsac/dsac.ts';
import { HybridSac } from '../../../src/agents/rl/hybrid-sac/hybrid-sac.ts';
import { Sac } from '../../../src/agents/rl/sac/sac.ts';
import { Td3 } from '../../../src/agents/rl/td3/td3.ts';
import { NormalizedObservationAgent } from '../../../src/agents/wrappers/normalized-observation.ts';
import { RandomStream, RootRandom } from '../../../src/random/index.ts';
import { MappedActionAgent } from '../../../src/scenarios/scqos/mapped-agent.ts';

beforeAll(async () => {
  await initBackend();
});

const OBS = 3;
const continuous: AgentEnvSpec = { observationSpace: box(OBS, -1, 1), actionSpace: box(2, -1, 1) };
const discreteSpec: AgentEnvSpec = { observationSpace: box(OBS, -1, 1), actionSpace: discrete(4) };
const hybridSpec: AgentEnvSpec = { observationSpace: box(OBS, -1, 1), actionSpace: hybrid(box(1, -1, 1), multiDiscrete([3])) };
const small = { bufferSize: 64, learningStarts: 8, batchSize: 8 };
const valueBased = { ...small, trainFreq: 2, gradientSteps: 2, hiddenSizes: [8] };
const offPolicy = { ...small, actorHiddenSizes: [8], criticHiddenSizes: [8] };

/** A deterministic toy environment: the observation is a fixed function of the step, the reward of the action. */
function observation(t: number): Float32Array {
  return Float32Array.from({ length: OBS }, (_, i) => Math.sin(0.7 * t + i));
}
function reward(action: Action): number {
  return (action.continuous?.reduce((a, v) => a - v * v, 0) ?? 0) + (action.discrete?.[0] === 1 ? 1 : 0);
}

/**
 * Steps `agent` through `steps` transitions of 10-step episodes from step `from`; returns what
 * it did (actions, update losses, evaluation actions), which must be reproducible from its state.
 */
function play(agent: Agent, from: number, steps: number): unknown[] {
  const trace: unknown[] = [];
  for (let t = from; t < from + steps; t++) {
    const obs = observation(t);
    const action = agent.act(obs, true);
    const ended = (t + 1) % 10 === 0;
    agent.observe({ observation: obs, action, reward: reward(action), nextObservation: observation(t + 1), terminated: false, truncated: ended });
    trace.push(copy(action), agent.update() ?? null);
    if (ended) agent.onEpisodeEnd?.();
  }
  trace.push(copy(agent.act(observation(0), false)));
  agent.onEpisodeEnd?.();
  return trace;
}
const copy = (a: Action): unknown => ({ c: a.continuous ? Array.from(a.continuous) : undefined, d: a.discrete ? Array.from(a.discrete) : undefined });

const families: [string, (seed: number) => Agent][] = [
  ['ddpg (OU noise)', (s) => new Ddpg(continuous, { ...offPolicy, noise: { kind: 'ornstein-uhlenbeck', sigma: 0.3 } }, new RootRandom(s))],
  ['td3', (s) => new Td3(continuous, { ...offPolicy, policyDelay: 2 }, new RootRandom(s))],
  ['sac', (s) => new Sac(continuous, offPolicy, new RootRandom(s))],
  ['hybrid-sac', (s) => new HybridSac(hybridSpec, { ...small, hiddenSizes: [8] }, new RootRandom(s))],
  ['dsac', (s) => new DiscreteSac(discreteSpec, { ...small, hiddenSizes: [8] }, new RootRandom(s))],
  ['dqn', (s) => new Dqn(discreteSpec, { ...valueBased, targetUpdateInterval: 5, exploration: { kind: 'adaptive', min: 0.05, max: 1, sigma: 0.5, delta: 0.1 } }, new RootRandom(s))],
  ['d3qn', (s) => new D3qn(discreteSpec, { ...valueBased, exploration: { kind: 'linear', start: 1, end: 0.1, duration: 40 } }, new RootRandom(s))],
  ['drqn', (s) => new Drqn(discreteSpec, { ...small, preHiddenSizes: [8], lstmSize: 4, sequenceLength: 4, burnIn: 1 }, new RootRandom(s))],
  ['a2c (rollouts across episodes)', (s) => new A2c(continuous, { hiddenSizes: [8], nSteps: 7 }, new RootRandom(s))],
  ['a2c discrete', (s) => new A2c(discreteSpec, { hiddenSizes: [8], nSteps: 3 }, new RootRandom(s))],
  [
    'mapped ddpg drawing from its own stream (scqos rate-only)',
    (s) => {
      const root = new RootRandom(s);
      const codecs = root.stream('agent/codec');
      return new MappedActionAgent('mapped', new Ddpg(continuous, offPolicy, root), (a) => ({ continuous: a.continuous!.map((v) => v * codecs.uniform()) }), undefined, { codec: codecs });
    },
  ],
  ['normalised ddpg', (s) => new NormalizedObservationAgent('n-ddpg', new Ddpg(continuous, offPolicy, new RootRandom(s)), OBS)],
];

/** The state as it comes back from the checkpoint file. */
async function throughFile(agent: Agent): Promise<AgentState> {
  const w = new StateWriter();
  await agent.saveState!(w);
  return decodeCheckpoint(encodeCheckpoint(w.result()), 'test') as AgentState;
}

describe('agent training state round trip (save -> fresh agent -> restore)', () => {
  for (const [name, make] of families) {
    it(`${name}: the restored agent's next actions and updates equal the original's`, async () => {
      const original = make(7);
      play(original, 0, 30); // past warm-up: updates, optimiser moments and replay are all non-trivial
      const state = await throughFile(original);
      const restored = make(7);
      await restored.loadState!(new StateReader(state));
      const expected = play(original, 30, 25);
      const got = play(restored, 30, 25);
      expect(expected.some((x) => x !== null && typeof x === 'object' && Object.keys(x).some((k) => !['c', 'd'].includes(k)))).toBe(true); // updates ran
      expect(got).toEqual(expected);
      // A fresh agent that was not restored acts differently (the state carries information).
      const fresh = make(7);
      expect(play(fresh, 30, 25)).not.toEqual(expected);
      for (const a of [original, restored, fresh]) a.dispose();
    });
  }

  it('a state from another architecture is refused with the name of what does not fit', async () => {
    const a = new Dqn(discreteSpec, { ...small, hiddenSizes: [8] }, new RootRandom(1));
    const b = new Dqn(discreteSpec, { ...small, hiddenSizes: [6] }, new RootRandom(1));
    const w = new StateWriter();
    await a.saveState(w);
    await expect(b.loadState(new StateReader(w.result()))).rejects.toThrow(StateMismatchError);
    await expect(b.loadState(new StateReader(w.result()))).rejects.toThrow(/online\/0' has \d+ elements, expected \d+/);
    a.dispose();
    b.dispose();
  });
});

describe('checkpoint file codec', () => {
  it('keeps NaN, infinities, -0 and every typed array bit for bit', () => {
    const tree = { n: [NaN, Infinity, -Infinity, -0, 1.5e-300], s: 'x', b: true, z: null, f: Float32Array.of(1.25, NaN), d: Float64Array.of(Math.PI), i: Int32Array.of(-3), u: Uint8Array.of(255) };
    const back = decodeCheckpoint(encodeCheckpoint(tree), 'test') as typeof tree;
    expect(Object.is(back.n[3], -0)).toBe(true);
    expect(back).toEqual(tree);
    expect(back.f).toBeInstanceOf(Float32Array);
  });

  it('refuses what it cannot store, naming where it is', () => {
    expect(() => encodeCheckpoint({ a: [new Map()] })).toThrow(/checkpoint\.a\[0\] is a Map/);
  });

  it('a random stream restored from its snapshot continues with the same draws', () => {
    const s = new RandomStream('x', 5);
    s.normal(); // leaves a cached second normal
    const snap = s.snapshot();
    const t = new RandomStream('x', 99);
    t.restore(snap);
    expect([t.normal(), t.uniform(), t.normal()]).toEqual([s.normal(), s.uniform(), s.normal()]);
  });
});
