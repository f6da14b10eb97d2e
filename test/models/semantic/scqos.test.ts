import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  effectiveScQos,
  latencyPenalty,
  scQosReward,
  semanticQuantisationEfficiency,
  similarityPenalty,
  transmissionLatency,
} from '../../../src/models/semantic/scqos.ts';
import type { UserScQos } from '../../../src/models/semantic/scqos.ts';
import { SCQOS_FEATURES, SCQOS_REWARD } from '../../../src/scenarios/scqos/constants.ts';
import { bitPerSecond, seconds } from '../../../src/units.ts';

const user = (similarity: number, bits: number, latency: number): UserScQos => ({ similarity, bits, latency: seconds(latency) });

describe('SQE and latency (001 eqs. 14, 16)', () => {
  it('SQE is similarity per bit per feature', () => {
    expect(semanticQuantisationEfficiency(0.9, 3)).toBeCloseTo(0.3, 15);
    expect(() => semanticQuantisationEfficiency(0.9, 0)).toThrow(RangeError);
  });

  it('latency sends 64 features of n bits; featureCount = 1 is the literal paper form', () => {
    // 64 * 3 = 192 bits at 19.2 kbit/s = 10 ms
    expect(transmissionLatency(3, bitPerSecond(19200), SCQOS_FEATURES)).toBeCloseTo(0.01, 15);
    expect(transmissionLatency(3, bitPerSecond(19200), 1)).toBeCloseTo(3 / 19200, 15);
    expect(transmissionLatency(1, bitPerSecond(0), SCQOS_FEATURES)).toBe(Infinity);
  });
});

describe('effective SC-QoS and reward (001 eqs. 17, 20a-b, Table I)', () => {
  const users = [user(0.9, 2, 0.002), user(0.7, 1, 0.004)];

  it('matches a hand calculation', () => {
    // Psi = (0.9/2 * 1 - 10 * 0.002) + (0.7/1 * 0 - 10 * 0.004) = 0.43 - 0.04 = 0.39
    expect(effectiveScQos(users, SCQOS_REWARD)).toBeCloseTo(0.39, 12);
    // P^S = 3 + (0.7 - 0.8) = 2.9; P^G = 3 + 3 = 6 (both within 10 ms); r = 0.39 + 1 * 2.9 + 10 * 6 = 63.29
    expect(scQosReward(users, SCQOS_REWARD)).toBeCloseTo(63.29, 12);
  });

  it('punishes misses with the shortfall, rewards hits with r_hat = 3', () => {
    expect(similarityPenalty(0.8, SCQOS_REWARD)).toBe(3);
    expect(similarityPenalty(0.65, SCQOS_REWARD)).toBeCloseTo(-0.15, 12);
    expect(latencyPenalty(seconds(0.01), SCQOS_REWARD)).toBe(3);
    expect(latencyPenalty(seconds(0.03), SCQOS_REWARD)).toBeCloseTo(-0.02, 12);
  });

  it('caps infinite latency so the reward stays finite', () => {
    const starved = [user(0.9, 1, Infinity)];
    // Psi = 0.9 - 10 * 1 = -9.1; P^S = 3; P^G = 0.01 - 1 = -0.99 -> r = -9.1 + 3 - 9.9 = -16
    expect(effectiveScQos(starved, SCQOS_REWARD)).toBeCloseTo(-9.1, 12);
    expect(scQosReward(starved, SCQOS_REWARD)).toBeCloseTo(-16, 12);
    expect(() => scQosReward([user(0.9, 1, NaN)], SCQOS_REWARD)).toThrow(RangeError);
  });

  it('reward never falls when a user gains similarity or loses latency', () => {
    const u = fc.record({
      similarity: fc.double({ min: 0, max: 1, noNaN: true }),
      bits: fc.integer({ min: 1, max: 3 }),
      latency: fc.double({ min: 0, max: 2, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(u, { minLength: 1, maxLength: 4 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (us, ds, dg) => {
        const base = us.map((x) => user(x.similarity, x.bits, x.latency));
        const better = base.map((x, i) => (i === 0 ? user(Math.min(1, x.similarity + ds), x.bits, Math.max(0, x.latency - dg)) : x));
        expect(scQosReward(better, SCQOS_REWARD)).toBeGreaterThanOrEqual(scQosReward(base, SCQOS_REWARD) - 1e-12);
        // Psi never exceeds the SQE of perfect similarity, sum 1/n_u.
        expect(effectiveScQos(base, SCQOS_REWARD)).toBeLessThanOrEqual(base.reduce((s, x) => s + 1 / x.bits, 0) + 1e-12);
      }),
    );
  });

  it('SCQOS_REWARD holds the Table I weights', () => {
    expect(SCQOS_REWARD.similarityPenaltyWeight).toBe(1);
    expect(SCQOS_REWARD.latencyPenaltyWeight).toBe(10);
    expect(SCQOS_REWARD.metReward).toBe(3);
  });
});
