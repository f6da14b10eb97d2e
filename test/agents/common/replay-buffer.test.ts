import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ReplayBuffer } from '../../../src/agents/common/replay-buffer.ts';
import { RandomStream } from '../../../src/random/index.ts';

/** Transition number `k`, with every field derived from `k` so a row identifies itself. */
function transition(k: number) {
  return {
    observation: [k, k + 0.5],
    continuousAction: [-k],
    discreteAction: [k % 7, (k * 3) % 5],
    reward: 10 * k,
    nextObservation: [k + 1, k + 1.5],
    terminated: k % 3 === 0,
    truncated: k % 4 === 0,
  };
}

const config = { capacity: 5, observationSize: 2, continuousActionSize: 1, discreteActionSize: 2 };

describe('ReplayBuffer', () => {
  it('keeps the newest `capacity` transitions once it wraps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 }), (capacity, added) => {
        const buf = new ReplayBuffer({ ...config, capacity }, new RandomStream('t', 1));
        for (let k = 0; k < added; k++) buf.add(transition(k));
        expect(buf.size).toBe(Math.min(added, capacity));
        expect(buf.position).toBe(added % capacity);
        if (added === 0) return;
        // Read every slot: the set of stored k must be exactly the newest min(added, capacity).
        const all = buf.gather(Int32Array.from({ length: buf.size }, (_, i) => i));
        const stored = Array.from(all.rewards, (r) => r / 10).sort((a, b) => a - b);
        const expected = Array.from({ length: buf.size }, (_, i) => added - buf.size + i);
        expect(stored).toEqual(expected);
      }),
    );
  });

  it('returns batches whose rows are whole stored transitions', () => {
    const buf = new ReplayBuffer(config, new RandomStream('t', 2));
    for (let k = 0; k < 13; k++) buf.add(transition(k));
    const b = buf.sample(32);
    expect(b.size).toBe(32);
    for (let r = 0; r < 32; r++) {
      const k = b.rewards[r] / 10;
      expect(k).toBeGreaterThanOrEqual(8); // only 8..12 survive in a ring of 5
      expect([b.observations[2 * r], b.observations[2 * r + 1]]).toEqual([k, k + 0.5]);
      expect([b.nextObservations[2 * r], b.nextObservations[2 * r + 1]]).toEqual([k + 1, k + 1.5]);
      expect(b.continuousActions[r]).toBe(-k);
      expect([b.discreteActions[2 * r], b.discreteActions[2 * r + 1]]).toEqual([k % 7, (k * 3) % 5]);
      expect(b.terminated[r]).toBe(k % 3 === 0 ? 1 : 0);
      expect(b.truncated[r]).toBe(k % 4 === 0 ? 1 : 0);
      // The ring slot of transition k is k mod capacity.
      expect(b.indices[r]).toBe(k % 5);
    }
  });

  it('samples deterministically for a seed, differently for another', () => {
    const draw = (seed: number) => {
      const buf = new ReplayBuffer({ ...config, capacity: 100 }, new RandomStream('replay', seed));
      for (let k = 0; k < 100; k++) buf.add(transition(k));
      return [Array.from(buf.sample(16).indices), Array.from(buf.sample(16).indices)];
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
  });

  it('samples uniformly: every slot about equally often', () => {
    const buf = new ReplayBuffer({ ...config, capacity: 10 }, new RandomStream('u', 9));
    for (let k = 0; k < 10; k++) buf.add(transition(k));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 2000; i++) for (const idx of buf.sample(10).indices) counts[idx]++;
    // 20 000 draws over 10 slots: mean 2000, binomial std ~42; 6 std tolerance.
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(255);
  });

  it('reuses the batch arrays between samples of the same size', () => {
    const buf = new ReplayBuffer(config, new RandomStream('t', 5));
    buf.add(transition(1));
    const a = buf.sample(4);
    const b = buf.sample(4);
    expect(b.observations).toBe(a.observations);
    expect(buf.sample(3).observations).not.toBe(a.observations);
  });

  it('rejects wrong widths, empty sampling and bad sizes', () => {
    const buf = new ReplayBuffer(config, new RandomStream('t', 6));
    expect(() => buf.sample(1)).toThrow(/empty/);
    expect(() => buf.add({ ...transition(1), observation: [1] })).toThrow(/observation must have length 2/);
    expect(() => buf.add({ ...transition(1), continuousAction: undefined })).toThrow(/continuousAction/);
    expect(() => new ReplayBuffer({ ...config, capacity: 0 }, new RandomStream('t', 1))).toThrow(/capacity/);
    buf.add(transition(1));
    expect(() => buf.sample(0)).toThrow(/batch size/);
    buf.clear();
    expect(buf.size).toBe(0);
  });
});
