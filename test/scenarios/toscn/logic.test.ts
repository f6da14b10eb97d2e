/** Hand-checked values for the pure toscn logic (003 eqs. 13-14, 19, 22, 35-37) and the scenario schema. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/scenarios/loader.ts';
import {
  allocationFromAction,
  budgetViolations,
  buildObservation,
  channelFeature,
  linkCapacities,
  slotReward,
} from '../../../src/scenarios/toscn/logic.ts';
import { resolveToscn, type ToscnParams } from '../../../src/scenarios/toscn/params.ts';
import { ToscnScenarioSchema } from '../../../src/scenarios/toscn/schema.ts';

const params = (overrides: Record<string, unknown> = {}): ToscnParams => resolveToscn(ToscnScenarioSchema.parse({ scenario: 'toscn', ...overrides }));

describe('allocationFromAction', () => {
  const p = params({ accuracy: { floor: 0.7, maxCompression: 0.95 } }); // D = 6, B = 3 MHz, P = 0.2 W, T = 4

  it('splits the budgets equally for all-zero logits and maps compression a -> (a + 1)/2 * 0.95', () => {
    const a = [-1, -0.5, 0, 0.5, 1, 0.2, ...new Array(12).fill(0)];
    const alloc = allocationFromAction(a, p);
    alloc.bandwidth.forEach((b) => expect(b).toBeCloseTo(500_000, 6));
    alloc.power.forEach((x) => expect(x).toBeCloseTo(0.2 / 6, 15));
    const expected = [0, 0.2375, 0.475, 0.7125, 0.95, 0.57];
    alloc.compression.forEach((eta, u) => expect(eta).toBeCloseTo(expected[u], 15));
  });

  it('applies softmax(T a) to the shares: logits 1 and -1 with T = 4 give e^8 : 1', () => {
    const q = params({ devices: { count: 2, redrawEachEpisode: true }, control: { decisionDelay: { slots: 0 }, shareTemperature: 4 } });
    const alloc = allocationFromAction([0, 0, 1, -1, -1, 1], q);
    const big = 1 / (1 + Math.exp(-8));
    expect(alloc.bandwidth[0]).toBeCloseTo(3e6 * big, 6);
    expect(alloc.bandwidth[1]).toBeCloseTo(3e6 * (1 - big), 6);
    expect(alloc.power[1]).toBeCloseTo(0.2 * big, 15);
    expect(alloc.power[0]).toBeCloseTo(0.2 * (1 - big), 15);
    // Temperature 1: logits 1, -1 give e^2 : 1.
    const r = allocationFromAction([0, 0, 1, -1, 0, 0], params({ devices: { count: 2, redrawEachEpisode: true }, control: { decisionDelay: { slots: 0 }, shareTemperature: 1 } }));
    expect(r.bandwidth[0] / r.bandwidth[1]).toBeCloseTo(Math.exp(2), 12);
  });

  it('clips finite values outside [-1, 1] and rejects non-finite ones by index', () => {
    const q = params({ devices: { count: 2, redrawEachEpisode: true } });
    expect(allocationFromAction([7, -1e300, 1e300, -3, 2, -2], q)).toEqual(allocationFromAction([1, -1, 1, -1, 1, -1], q));
    expect(() => allocationFromAction([0, 0, 0, 0, NaN, 0], q)).toThrow(/action\[4\] is NaN/);
    expect(() => allocationFromAction([0, -Infinity, 0, 0, 0, 0], q)).toThrow(/action\[1\] is -Infinity/);
    expect(() => allocationFromAction([0, 0, 0], q)).toThrow(/needs 6/);
  });

  it('never breaks a budget, even for extreme logits', () => {
    const alloc = allocationFromAction([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, -1, 1, -1, 1, -1, 1], p);
    expect(budgetViolations(alloc, p)).toBe(0);
    expect(budgetViolations({ ...alloc, power: [0.2, 0.2, 0, 0, 0, 0] }, p)).toBe(1);
    expect(budgetViolations({ ...alloc, bandwidth: [-1, 0, 0, 0, 0, 0] }, p)).toBe(1);
  });
});

describe('slotReward (003 eqs. 22 and 37)', () => {
  it('is the task efficiency sum v_u A_u when every device meets A_min', () => {
    // 2 * 0.9 + 3 * 0.8 + 0 * 0.7 = 4.2; accuracy exactly at the floor is allowed.
    const r = slotReward([2, 3, 0], [0.9, 0.8, 0.7], 0.7);
    expect(r.reward).toBeCloseTo(4.2, 12);
    expect(r.objective).toBeCloseTo(4.2, 12);
    expect(r.violations).toBe(0);
  });

  it('is the summed (negative) shortfall otherwise, whatever was delivered', () => {
    // Shortfalls: 0.65 - 0.7 = -0.05 and 0.5 - 0.7 = -0.2; the objective is still reported.
    const r = slotReward([2, 3, 4], [0.9, 0.65, 0.5], 0.7);
    expect(r.reward).toBeCloseTo(-0.25, 12);
    expect(r.objective).toBeCloseTo(2 * 0.9 + 3 * 0.65 + 4 * 0.5, 12);
    expect(r.violations).toBe(2);
    // A device with nothing delivered still counts for the floor.
    expect(slotReward([0], [0.6], 0.7).reward).toBeCloseTo(-0.1, 12);
  });
});

describe('linkCapacities (003 eqs. 13-14, 19)', () => {
  // N0 = 1e-20 W/Hz, B = 1 MHz, P = 0.3 W, h = 1e-13: SNR = 0.3e-13 / 1e-14 = 3, so R = B log2(4) = 2 Mbit/s.
  const p = { ...params(), noiseDensity: 1e-20 };

  it('computes Shannon rates and whole packets per slot by hand', () => {
    const { rate, capacity } = linkCapacities({ bandwidth: [1e6, 2e6, 1e6], power: [0.3, 0.3, 0] }, [1e-13, 1e-13, 1e-13], [1.5e5, 1e5, 1e5], p);
    expect(rate[0]).toBeCloseTo(2e6, 3);
    // 2 MHz: SNR = 0.3e-13 / 2e-14 = 1.5, R = 2e6 log2(2.5).
    expect(rate[1]).toBeCloseTo(2e6 * Math.log2(2.5), 3);
    expect(rate[2]).toBe(0);
    // floor(0.2 s * 2e6 / 1.5e5) = floor(2.67) = 2; floor(0.2 * 2.644e6 / 1e5) = floor(5.29) = 5.
    expect(capacity).toEqual([2, 5, 0]);
  });

  it('gives zero rate and capacity to a device without bandwidth', () => {
    const { rate, capacity } = linkCapacities({ bandwidth: [0], power: [0.2] }, [1e-9], [2e5], p);
    expect(rate[0]).toBe(0);
    expect(capacity[0]).toBe(0);
  });
});

describe('observation (003 eq. 35)', () => {
  it('scales task counts by D and queues by v_max, and the channel by full-budget SNR in dB / 30', () => {
    const p = params({ devices: { count: 2, redrawEachEpisode: true } });
    // SNR at full budget = 0.2 h / (N0 3e6) = 1000 (30 dB) for this h, so the feature is 1.
    const h = (1000 * p.noiseDensity * 3e6) / 0.2;
    expect(channelFeature(h, p)).toBeCloseTo(1, 12);
    const obs = buildObservation([2, 2], [h, h / 10], [3, 6], p);
    expect(obs[0]).toBe(0);
    expect(obs[2]).toBe(1); // both devices do task 3: 2 / D
    expect(obs[3]).toBeCloseTo(1, 12);
    expect(obs[4]).toBeCloseTo(20 / 30, 12);
    expect(obs.slice(5)).toEqual([0.5, 1]);
  });
});

describe('ToscnScenarioSchema', () => {
  const reject = (over: Record<string, unknown>): { path: string; message: string } => {
    const r = ToscnScenarioSchema.safeParse({ scenario: 'toscn', ...over });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0];
    return { path: issue.path.join('.'), message: r.error!.message };
  };

  it('rejects out-of-range values and names the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ budgets: { bandwidth_mhz: 0, power_w: 0.2 } }, 'budgets.bandwidth_mhz'],
      [{ budgets: { bandwidth_mhz: 3, power_w: -0.1 } }, 'budgets.power_w'],
      [{ devices: { count: 0, redrawEachEpisode: true } }, 'devices.count'],
      [{ devices: { count: 2.5, redrawEachEpisode: true } }, 'devices.count'],
      [{ accuracy: { floor: 1.2, maxCompression: 0.5 } }, 'accuracy.floor'],
      [{ accuracy: { floor: 0.7, maxCompression: 1 } }, 'accuracy.maxCompression'],
      [{ buffer: { capacity_packets: 0 } }, 'buffer.capacity_packets'],
      [{ control: { decisionDelay: { slots: -1 }, shareTemperature: 4 } }, 'control.decisionDelay'],
      [{ tasks: [{ a1: -0.6, a2: 0, a3: 0.9 }] }, 'tasks.0.a2'],
      [{ seed: -1 }, 'seed'],
    ];
    for (const [over, path] of cases) {
      const r = reject(over);
      expect(r.path.startsWith(path)).toBe(true);
      expect(r.message).toContain(JSON.stringify(path.split('.')[0]));
    }
  });

  it('rejects unknown fields (strict objects)', () => {
    expect(reject({ budgets: { bandwidth_mhz: 3, power_w: 0.2, extra: 1 } }).path).toBe('budgets');
    expect(reject({ bogus: 1 }).path).toBe('');
  });

  it('puts the dotted field path and the allowed range in the loader message', () => {
    // The exact wording of the range belongs to the loader; the path and an 'allowed' hint are the contract.
    expect(() => parseScenario('scenario: toscn\nbudgets:\n  bandwidth_mhz: -2\n', 'x.yaml')).toThrow(/budgets\.bandwidth_mhz: .*allowed/);
    expect(() => parseScenario('scenario: toscn\naccuracy:\n  maxCompression: 1\n', 'x.yaml')).toThrow(/accuracy\.maxCompression: .*allowed/);
  });

  it('fills 003 Table I defaults', () => {
    const s = ToscnScenarioSchema.parse({ scenario: 'toscn' });
    expect(s.devices.count).toBe(6);
    expect(s.buffer.capacity_packets).toBe(6);
    expect(s.packet.size_bits).toBe(200000);
    expect(s.slot.length_s).toBe(0.2);
    expect(s.budgets).toEqual({ bandwidth_mhz: 3, power_w: 0.2 });
    expect(s.accuracy.floor).toBe(0.7);
  });
});
