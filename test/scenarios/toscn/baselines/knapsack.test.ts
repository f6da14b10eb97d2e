import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestUse, planQuanta, type CompressionModel, type KnapsackUser } from '../../../../src/scenarios/toscn/baselines/knapsack.ts';

const COUNT: CompressionModel = { maxEta: 0, value: () => 1 };
const LINEAR: CompressionModel = { maxEta: 0.5, value: (eta) => 1 - eta };

describe('bestUse', () => {
  const user: KnapsackUser = { queue: 3, bitsPerQuantum: 1e5 };

  it('without compression sends floor(carried / b) packets, capped by the queue', () => {
    // 5 slices carry 5e5 bits = 2.5 packets of 2e5 bits.
    expect(bestUse(user, 5, 2e5, COUNT)).toEqual({ quanta: 5, packets: 2, eta: 0, value: 2 });
    // 10 slices carry 5 packets but only 3 are queued.
    expect(bestUse(user, 10, 2e5, COUNT)).toMatchObject({ packets: 3, eta: 0, value: 3 });
    expect(bestUse(user, 0, 2e5, COUNT)).toMatchObject({ packets: 0, value: 0 });
  });

  it('compresses just enough for one more packet when that pays', () => {
    // Third packet needs 3 (1 - eta) 2e5 <= 5e5, eta = 1/6; value 3 (5/6) = 2.5 beats 2 uncompressed.
    const r = bestUse(user, 5, 2e5, LINEAR);
    expect(r.packets).toBe(3);
    expect(r.eta).toBeCloseTo(1 / 6, 12);
    expect(r.value).toBeCloseTo(2.5, 12);
    // With a steep accuracy loss the uncompressed pair wins: 3 (1 - 4 eta) = 1 < 2.
    expect(bestUse(user, 5, 2e5, { maxEta: 0.5, value: (eta) => 1 - 4 * eta })).toMatchObject({ packets: 2, eta: 0 });
    // Never beyond maxEta: 1 slice carries 1e5 bits, one packet would need eta = 0.5 > 0.4.
    expect(bestUse(user, 1, 2e5, { maxEta: 0.4, value: () => 1 }).packets).toBe(0);
  });
});

describe('planQuanta', () => {
  const userArb = fc.record({ queue: fc.integer({ min: 0, max: 4 }), bitsPerQuantum: fc.double({ min: 1e4, max: 3e5, noNaN: true }) });
  const models = [COUNT, LINEAR];

  it('matches exhaustive enumeration of slice splits (up to 3 users)', () => {
    fc.assert(
      fc.property(fc.array(userArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, 1), (users, Q, mi) => {
        const model = models[mi];
        const b = 2e5;
        let brute = 0;
        const rec = (u: number, left: number, acc: number): void => {
          if (u === users.length) {
            brute = Math.max(brute, acc);
            return;
          }
          for (let j = 0; j <= left; j++) rec(u + 1, left - j, acc + bestUse(users[u], j, b, model).value);
        };
        rec(0, Q, 0);
        const plan = planQuanta(users, b, Q, model);
        expect(plan.reduce((s, x) => s + x.quanta, 0)).toBeLessThanOrEqual(Q);
        expect(plan.reduce((s, x) => s + x.value, 0)).toBeCloseTo(brute, 9);
        plan.forEach((x, u) => {
          expect(x.packets).toBeLessThanOrEqual(users[u].queue);
          expect(x.eta).toBeLessThanOrEqual(model.maxEta);
          // What the plan claims must fit in its slices: k (1 - eta) b <= carried.
          expect(x.packets * (1 - x.eta) * b).toBeLessThanOrEqual(x.quanta * users[u].bitsPerQuantum * (1 + 1e-12));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('serves the cheapest packets first when slices are scarce', () => {
    // User 1 needs 1 slice per packet, user 0 needs 2. With 5 slices the only way to 4 packets
    // is all 3 of user 1 (3 slices) and one of user 0 (2 slices).
    const plan = planQuanta([{ queue: 3, bitsPerQuantum: 1e5 }, { queue: 3, bitsPerQuantum: 2e5 }], 2e5, 5, COUNT);
    expect(plan.map((x) => x.packets)).toEqual([1, 3]);
    expect(plan.map((x) => x.quanta)).toEqual([2, 3]);
  });

  it('rejects a bad slice count', () => {
    expect(() => planQuanta([], 1, 0, COUNT)).toThrow(RangeError);
    expect(() => planQuanta([], 1, 2.5, COUNT)).toThrow(RangeError);
  });
});
