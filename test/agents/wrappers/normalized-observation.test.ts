import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Agent, Transition } from '../../../src/agents/agent.ts';
import { NormalizedObservationAgent } from '../../../src/agents/wrappers/normalized-observation.ts';

function recorder(): Agent & { acted: Float32Array[]; seen: Transition[] } {
  const acted: Float32Array[] = [];
  const seen: Transition[] = [];
  return {
    name: 'recorder',
    acted,
    seen,
    act: (o) => (acted.push(o), { continuous: new Float32Array(1) }),
    observe: (t) => void seen.push(t),
    update: () => undefined,
    save: async () => undefined,
    load: async () => undefined,
    dispose: () => undefined,
  };
}

const step = (x: number[]): Transition => ({
  observation: Float32Array.from(x),
  action: { continuous: new Float32Array(1) },
  reward: 0,
  nextObservation: Float32Array.from(x),
  terminated: false,
  truncated: false,
});

describe('NormalizedObservationAgent', () => {
  it('standardises with the running mean and variance of training observations', () => {
    const inner = recorder();
    const agent = new NormalizedObservationAgent('n', inner, 2);
    for (const x of [1, 2, 3, 4, 5]) agent.observe(step([x, 10 * x]));
    // mean (3, 30), population variance (2, 200): (5 - 3)/sqrt(2) = 1.4142
    agent.act(Float32Array.from([5, 50]), false);
    expect(inner.acted[0][0]).toBeCloseTo(2 / Math.sqrt(2), 4);
    expect(inner.acted[0][1]).toBeCloseTo(20 / Math.sqrt(200), 4);
  });

  it('does not move its statistics when only acting (evaluation)', () => {
    const inner = recorder();
    const agent = new NormalizedObservationAgent('n', inner, 1);
    agent.observe(step([1]));
    agent.observe(step([3]));
    const before = Array.from(agent.normalizer.mean);
    for (let i = 0; i < 10; i++) agent.act(Float32Array.from([100]), false);
    expect(Array.from(agent.normalizer.mean)).toEqual(before);
  });

  it('saves and restores its statistics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'semsim-norm-'));
    try {
      const a = new NormalizedObservationAgent('n', recorder(), 1);
      for (const x of [2, 4, 9]) a.observe(step([x]));
      await a.save(dir);
      const b = new NormalizedObservationAgent('n', recorder(), 1);
      await b.load(dir);
      expect(Array.from(b.normalizer.mean)).toEqual(Array.from(a.normalizer.mean));
      expect(Array.from(b.normalizer.variance)).toEqual(Array.from(a.normalizer.variance));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
