import { describe, it, expect } from 'vitest';
import { RandomStream } from '../../../src/random/index.ts';
import { ReachEnv } from './reach-env.ts';

/** Mean episode return of a policy on ReachEnv, over `episodes` seeded episodes. */
function meanReturn(policy: (obs: Float32Array) => number, episodes = 200): number {
  const env = new ReachEnv();
  let total = 0;
  for (let ep = 0; ep < episodes; ep++) {
    let { observation } = env.reset(ep === 0 ? { seed: 5 } : {});
    for (;;) {
      const r = env.step({ continuous: Float32Array.of(policy(observation)) });
      total += r.reward;
      observation = r.observation;
      if (r.truncated) break;
    }
  }
  return total / episodes;
}

describe('ReachEnv (smoke-test task)', () => {
  it('separates a random policy from the optimal one by an order of magnitude', () => {
    const rng = new RandomStream('policy', 1);
    const random = meanReturn(() => rng.uniformIn(-1, 1));
    const optimal = meanReturn(([x, g]) => Math.max(-1, Math.min(1, 4 * (g - x))));
    // The thresholds the learning smoke tests use (-3, -4) sit between these two.
    expect(random).toBeLessThan(-9);
    expect(optimal).toBeGreaterThan(-1.2);
  });

  it('moves by 0.25 v and rewards -|x - goal|', () => {
    const env = new ReachEnv();
    const { observation } = env.reset({ seed: 1 });
    const [x, g] = observation;
    const r = env.step({ continuous: Float32Array.of(0.5) });
    const x1 = Math.min(1, Math.max(-1, x + 0.125));
    expect(r.observation[0]).toBeCloseTo(x1, 6);
    expect(r.reward).toBeCloseTo(-Math.abs(x1 - g), 6);
  });
});
