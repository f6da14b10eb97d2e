import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { discreteTransition, epsilonExploration, sampleCategorical } from '../../../../src/agents/rl/dqn/discrete-agent.ts';
import { discrete, multiDiscrete } from '../../../../src/agents/common/spaces.ts';
import { RandomStream } from '../../../../src/random/index.ts';

describe('discreteTransition', () => {
  it('stores the joint index of a multi-discrete action (first dimension most significant) and keeps the rest', () => {
    const t = { observation: Float32Array.of(1, 2), action: { discrete: Int32Array.of(2, 1) }, reward: -0.5, nextObservation: Float32Array.of(3, 4), terminated: false, truncated: true };
    // nvec [3, 2]: index = 2 * 2 + 1.
    expect(discreteTransition(multiDiscrete([3, 2]), t)).toEqual({ observation: t.observation, discreteAction: [5], reward: -0.5, nextObservation: t.nextObservation, terminated: false, truncated: true });
    expect(discreteTransition(discrete(4), { ...t, action: { discrete: Int32Array.of(3) } }).discreteAction).toEqual([3]);
  });
});

describe('epsilonExploration', () => {
  it('during warm-up draws only the random action', () => {
    const rng = new RandomStream('eps', 1);
    const twin = new RandomStream('eps', 1);
    expect(epsilonExploration(rng, 7, true, 0)).toBe(twin.int(7));
    expect(rng.uniform()).toBe(twin.uniform());
  });

  it('past warm-up draws one uniform, then an action only when it is below epsilon', () => {
    fc.assert(
      fc.property(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, epsilon) => {
        const rng = new RandomStream('eps', seed);
        const twin = new RandomStream('eps', seed);
        const explores = twin.uniform() < epsilon;
        const expected = explores ? twin.int(5) : undefined;
        expect(epsilonExploration(rng, 5, false, epsilon)).toBe(expected);
        expect(rng.uniform()).toBe(twin.uniform());
      }),
      { numRuns: 50 },
    );
  });
});

describe('sampleCategorical', () => {
  it('picks the index whose CDF interval holds u', () => {
    const p = [0.25, 0.5, 0.25];
    expect([0, 0.2499, 0.25, 0.7499, 0.75, 0.9999].map((u) => sampleCategorical(p, u))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('gives the mass a float32 distribution lacks to the last index, never running past it', () => {
    expect(sampleCategorical(Float32Array.of(0.3, 0.3, 0.3), 0.95)).toBe(2);
    expect(sampleCategorical([1], 0.99)).toBe(0);
  });

  it('draws each index with its probability', () => {
    const p = [0.1, 0.6, 0.3];
    const rng = new RandomStream('cat', 3);
    const counts = [0, 0, 0];
    const n = 20_000;
    for (let i = 0; i < n; i++) counts[sampleCategorical(p, rng.uniform())]++;
    // 4 binomial standard deviations at most.
    counts.forEach((c, k) => expect(Math.abs(c / n - p[k])).toBeLessThan(4 * Math.sqrt((p[k] * (1 - p[k])) / n)));
  });
});
