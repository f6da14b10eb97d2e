import { describe, it, expect } from 'vitest';
import type { Agent, Transition, UpdateInfo } from '../../src/agents/agent.ts';
import { box } from '../../src/agents/common/spaces.ts';
import type { Action } from '../../src/agents/common/spaces.ts';
import { evaluate, mean, std, train } from '../../src/envs/runner.ts';
import type { Env, ResetResult, StepResult } from '../../src/envs/types.ts';
import { RootRandom } from '../../src/random/index.ts';
import type { RandomStream } from '../../src/random/index.ts';

/**
 * Episodes of `length` steps (terminated on the last one when `terminal`, else truncated).
 * The observation is [episode, t, start] where `start` is drawn at reset from the seeded
 * stream; the reward is the action taken plus `start`, so returns depend on both.
 */
class ScriptedEnv implements Env {
  readonly observationSpace = box(3, -1e9, 1e9);
  readonly actionSpace = box(1, -1e9, 1e9);
  readonly resets: (number | undefined)[] = [];
  private random: RandomStream = new RootRandom(0).stream('env');
  private episode = -1;
  private t = 0;
  private start = 0;
  constructor(
    readonly length: number,
    readonly terminal: boolean,
  ) {}
  reset(options: { seed?: number } = {}): ResetResult {
    this.resets.push(options.seed);
    if (options.seed !== undefined) this.random = new RootRandom(options.seed).stream('env');
    this.episode++;
    this.t = 0;
    this.start = Math.round(this.random.uniform() * 100);
    return { observation: Float32Array.of(this.episode, 0, this.start), info: {} };
  }
  step(action: Action): StepResult {
    this.t++;
    const end = this.t >= this.length;
    return {
      observation: Float32Array.of(this.episode, this.t, this.start),
      reward: action.continuous![0] + this.start,
      terminated: end && this.terminal,
      truncated: end && !this.terminal,
      info: {},
    };
  }
}

/** Acts `+1` when exploring and `-1` otherwise; records every call. */
class RecordingAgent implements Agent {
  readonly name = 'recording';
  readonly calls: string[] = [];
  readonly transitions: Transition[] = [];
  updates = 0;
  act(observation: Float32Array, explore: boolean): Action {
    this.calls.push(`act(${Array.from(observation).join(',')},${explore})`);
    return { continuous: Float32Array.of(explore ? 1 : -1) };
  }
  observe(t: Transition): void {
    this.calls.push('observe');
    this.transitions.push(t);
  }
  update(): UpdateInfo | undefined {
    this.calls.push('update');
    this.updates++;
    return { n: this.updates };
  }
  onEpisodeEnd(): void {
    this.calls.push('end');
  }
  async save(): Promise<void> {}
  async load(): Promise<void> {}
  dispose(): void {}
}

describe('train', () => {
  it('runs act -> step -> observe -> update per step and resets after each episode', () => {
    const env = new ScriptedEnv(3, true);
    const agent = new RecordingAgent();
    const res = train(env, agent, { steps: 7, seed: 11, learningStarts: 2 });
    expect(res.steps).toBe(7);
    expect(agent.transitions).toHaveLength(7);
    // update() only from env step 2 on: steps 2..7.
    expect(agent.updates).toBe(6);
    expect(agent.calls.slice(0, 6)).toEqual(['act(0,0,' + envStart(11, 0) + ',true)', 'observe', 'act(0,1,' + envStart(11, 0) + ',true)', 'observe', 'update', 'act(0,2,' + envStart(11, 0) + ',true)']);
    // Two complete episodes of 3 steps; the 7th step starts a third one.
    expect(res.episodeLengths).toEqual([3, 3]);
    expect(env.resets).toEqual([11, undefined, undefined]);
    expect(agent.calls.filter((c) => c === 'end')).toHaveLength(2);
    // Each step earns action (+1) + start, so an episode returns 3 (1 + start).
    expect(res.episodeReturns).toEqual([3 * (1 + envStart(11, 0)), 3 * (1 + envStart(11, 1))]);
  });

  it('hands the agent consistent transitions: next observation, flags, reward', () => {
    const agent = new RecordingAgent();
    train(new ScriptedEnv(4, false), agent, { episodes: 2, seed: 5 });
    const ts = agent.transitions;
    expect(ts).toHaveLength(8);
    ts.forEach((t, i) => {
      expect(t.nextObservation[1]).toBe(t.observation[1] + 1);
      expect(t.truncated).toBe(i % 4 === 3);
      expect(t.terminated).toBe(false);
      expect(t.reward).toBe(1 + t.observation[2]);
      if (i % 4 !== 3) expect(Array.from(ts[i + 1].observation)).toEqual(Array.from(t.nextObservation));
    });
  });

  it('evaluates periodically on the separate env with the deterministic policy', () => {
    const env = new ScriptedEnv(5, true);
    const evalEnv = new ScriptedEnv(2, false);
    const agent = new RecordingAgent();
    const seen: number[] = [];
    const res = train(env, agent, { steps: 10, seed: 1, evalEvery: 4, evalEnv, evalEpisodes: 3, evalSeed: 77, onEvaluation: (e) => seen.push(e.step) });
    expect(seen).toEqual([4, 8]);
    expect(res.evaluations.map((e) => e.returns.length)).toEqual([3, 3]);
    // Evaluation acts with explore=false (-1 per step): return = 2 * (start - 1), same seed each time.
    expect(res.evaluations[0].returns).toEqual(res.evaluations[1].returns);
    expect(res.evaluations[0].returns[0]).toBe(2 * (envStart(77, 0) - 1));
    expect(evalEnv.resets).toEqual([77, undefined, undefined, 77, undefined, undefined]);
    expect(() => train(env, agent, { steps: 1, seed: 1, evalEvery: 1 })).toThrow(/evalEnv/);
    expect(() => train(env, agent, { seed: 1 })).toThrow(/steps/);
  });
});

describe('evaluate', () => {
  it('returns one undiscounted return per episode, deterministic for a seed', () => {
    const run = (seed: number) => evaluate(new ScriptedEnv(3, true), new RecordingAgent(), { episodes: 4, seed });
    const a = run(9);
    expect(a).toEqual(run(9));
    expect(a).toEqual([0, 1, 2, 3].map((ep) => 3 * (envStart(9, ep) - 1)));
    expect(run(10)).not.toEqual(a);
  });

  it('caps episodes without a time limit', () => {
    expect(evaluate(new ScriptedEnv(1e9, true), new RecordingAgent(), { episodes: 1, seed: 0, maxEpisodeSteps: 10 })).toHaveLength(1);
  });
});

describe('statistics helpers', () => {
  it('mean and sample std', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    // deviations -2, -1, 0, 3: sum of squares 14, / 3
    expect(std([1, 2, 3, 6])).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(std([5])).toBe(0);
    expect(mean([])).toBeNaN();
  });
});

/** The `start` value of the `episode`-th reset after seeding with `seed` (same draws as ScriptedEnv). */
function envStart(seed: number, episode: number): number {
  const r = new RootRandom(seed).stream('env');
  let s = 0;
  for (let i = 0; i <= episode; i++) s = Math.round(r.uniform() * 100);
  return s;
}
