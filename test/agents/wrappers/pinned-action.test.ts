import { describe, expect, it } from 'vitest';
import type { Agent, Transition } from '../../../src/agents/agent.ts';
import { PinnedActionAgent } from '../../../src/agents/wrappers/pinned-action.ts';

/** An agent that returns a fixed action and records what it learns from. */
function recorder(action: number[]): Agent & { seen: Transition[] } {
  const seen: Transition[] = [];
  return {
    name: 'recorder',
    seen,
    act: () => ({ continuous: Float32Array.from(action) }),
    observe: (t) => seen.push(t),
    update: () => ({ loss: 1 }),
    save: async () => undefined,
    load: async () => undefined,
    dispose: () => undefined,
  };
}

describe('PinnedActionAgent', () => {
  it('pins the chosen components in acting and in learning, leaves the others', () => {
    const inner = recorder([0.3, 0.4, 0.5, 0.6]);
    const agent = new PinnedActionAgent('greedy', inner, new Map([[0, -1], [2, -1]]));
    const a = agent.act(new Float32Array(2), true);
    expect(Array.from(a.continuous!)).toEqual([-1, Math.fround(0.4), -1, Math.fround(0.6)]);
    agent.observe({ observation: new Float32Array(2), action: { continuous: Float32Array.from([0.9, 0.9, 0.9, 0.9]) }, reward: 1, nextObservation: new Float32Array(2), terminated: false, truncated: false });
    expect(Array.from(inner.seen[0].action.continuous!)).toEqual([-1, Math.fround(0.9), -1, Math.fround(0.9)]);
    expect(agent.update()).toEqual({ loss: 1 });
  });

  it('does not mutate the inner agent action', () => {
    const inner = recorder([0.3, 0.4]);
    const original = inner.act(new Float32Array(1), false).continuous!;
    new PinnedActionAgent('p', { ...inner, act: () => ({ continuous: original }) }, new Map([[1, 1]])).act(new Float32Array(1), false);
    expect(original[1]).toBeCloseTo(0.4, 6);
  });
});
