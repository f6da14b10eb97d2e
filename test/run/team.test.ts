import { describe, expect, it } from 'vitest';
import type { Agent, Transition } from '../../src/agents/agent.ts';
import { Team } from '../../src/run/team.ts';

function recorder(seen: number[]): Agent {
  return {
    name: 'rec',
    act: () => ({ discrete: Int32Array.of(0) }),
    observe: (t: Transition) => void seen.push(t.reward),
    update: () => undefined,
    save: async () => undefined,
    load: async () => undefined,
    dispose: () => undefined,
  };
}

const step = (reward: number, info: Record<string, number>) => ({
  observations: { a: new Float32Array(1), b: new Float32Array(1) },
  rewards: { a: reward, b: reward },
  terminations: { a: false, b: false },
  truncations: { a: false, b: false },
  infos: { a: { slot: 0, ...info }, b: { slot: 0, ...info } },
});

describe('Team', () => {
  it('members learn from the env reward, or from the entry\'s learningReward of reward and info', () => {
    const plain: number[] = [];
    const shaped: number[] = [];
    const obs = { a: new Float32Array(1), b: new Float32Array(1) };
    const actions = { a: { discrete: Int32Array.of(0) }, b: { discrete: Int32Array.of(0) } };
    new Team({ a: recorder(plain), b: recorder(plain) }).learn(obs, actions, step(0.1, { sumQoe: 2.5 }));
    new Team({ a: recorder(shaped), b: recorder(shaped) }, (_r, info) => info.sumQoe).learn(obs, actions, step(0.1, { sumQoe: 2.5 }));
    expect(plain).toEqual([0.1, 0.1]);
    expect(shaped).toEqual([2.5, 2.5]);
  });
});
