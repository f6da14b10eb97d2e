import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GREEDY_DEFAULTS, GreedyBaseline } from '../../../../src/scenarios/toscn/baselines/greedy.ts';
import { allocationFromAction, buildObservation, linkCapacities } from '../../../../src/scenarios/toscn/logic.ts';
import type { ToscnParams } from '../../../../src/scenarios/toscn/params.ts';
import { toscnParams, toscnSpec } from './fixtures.ts';

/** Packets an action delivers with the true gains, through the scenario's own mapping (003 eq. 19). */
function deliveredBy(action: Float32Array, gains: number[], queues: number[], p: ToscnParams): number[] {
  const alloc = allocationFromAction(action, p);
  const bits = alloc.compression.map((eta) => (1 - eta) * p.packetBits);
  return linkCapacities(alloc, gains, bits, p).capacity.map((c, u) => Math.min(c, queues[u]));
}

/**
 * Most packets any equal-power-spectral-density split of `budgetShare` of the budget can
 * deliver without compression, found independently of the planner: with power following
 * bandwidth, a packet of user u costs the share b / (L B log2(1 + SNR_u)), so taking the
 * cheapest packets first is optimal for a packet count.
 */
function equalPsdOptimum(gains: number[], queues: number[], p: ToscnParams, budgetShare: number): number {
  const costs: number[] = [];
  gains.forEach((h, u) => {
    const snr = (p.powerBudget * h) / (p.noiseDensity * p.bandwidthBudget);
    const cost = p.packetBits / (p.slotLength * p.bandwidthBudget * Math.log2(1 + snr));
    for (let k = 0; k < queues[u]; k++) costs.push(cost);
  });
  costs.sort((a, b) => a - b);
  let used = 0;
  let n = 0;
  for (const c of costs) {
    if (used + c > budgetShare) break;
    used += c;
    n++;
  }
  return n;
}

const stateArb = fc.record({
  D: fc.integer({ min: 1, max: 8 }),
  queues: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 8, maxLength: 8 }),
  log10Gain: fc.array(fc.double({ min: -12, max: -8, noNaN: true }), { minLength: 8, maxLength: 8 }),
  packetMbit: fc.double({ min: 0.2, max: 3, noNaN: true }),
  bandwidthMhz: fc.double({ min: 2, max: 8, noNaN: true }),
});

describe('GreedyBaseline', () => {
  it('never compresses, and its packet count sits between the equal-PSD optimum with a sliced budget and without', () => {
    fc.assert(
      fc.property(stateArb, ({ D, queues, log10Gain, packetMbit, bandwidthMhz }) => {
        const p = toscnParams({
          devices: { count: D, redrawEachEpisode: true },
          packet: { size_bits: packetMbit * 1e6 },
          budgets: { bandwidth_mhz: bandwidthMhz, power_w: 0.2 },
        });
        const q = queues.slice(0, D);
        const g = log10Gain.slice(0, D).map((x) => 10 ** x);
        const agent = new GreedyBaseline(toscnSpec(p), p);
        const action = agent.act(Float32Array.from(buildObservation(new Array(D).fill(0), g, q, p)), false).continuous!;
        for (let u = 0; u < D; u++) expect(action[u]).toBe(-1);
        const got = deliveredBy(action, g, q, p).reduce((a, b) => a + b, 0);
        expect(got).toBeLessThanOrEqual(equalPsdOptimum(g, q, p, 1));
        // Losses the planner accepts: the softmax floor of left-out users, one slice per user, the rate margin.
        const kept = (1 - (D - 1) * Math.exp(-2 * p.shareTemperature)) * (1 - D / GREEDY_DEFAULTS.budgetQuanta) * (1 - 1e-5);
        expect(got).toBeGreaterThanOrEqual(equalPsdOptimum(g, q, p, kept));
      }),
      { numRuns: 150 },
    );
  });

  it('gives an idle device only the softmax floor and everything else to the device with packets', () => {
    const p = toscnParams({ devices: { count: 2, redrawEachEpisode: true } });
    const g = [1e-9, 1e-9];
    const action = new GreedyBaseline(toscnSpec(p), p).act(Float32Array.from(buildObservation([0, 0], g, [3, 0], p)), false).continuous!;
    const alloc = allocationFromAction(action, p);
    expect(alloc.bandwidth[1] / alloc.bandwidth[0]).toBeCloseTo(Math.exp(-2 * p.shareTemperature), 9);
    expect(alloc.power[1] / alloc.power[0]).toBeCloseTo(Math.exp(-2 * p.shareTemperature), 9);
    expect(deliveredBy(action, g, [3, 0], p)).toEqual([3, 0]);
  });

  it('splits evenly when no device has packets', () => {
    const p = toscnParams();
    const action = new GreedyBaseline(toscnSpec(p), p).act(Float32Array.from(buildObservation([0, 1, 2, 0, 1, 2], new Array(6).fill(1e-9), new Array(6).fill(0), p)), true).continuous!;
    expect(Array.from(action.subarray(6))).toEqual(new Array(12).fill(0));
  });

  it('rejects planner settings out of range', () => {
    const p = toscnParams();
    expect(() => new GreedyBaseline(toscnSpec(p), p, { budgetQuanta: 0 })).toThrow(/budgetQuanta/);
    expect(() => new GreedyBaseline(toscnSpec(p), p, { rateMargin: -1 })).toThrow(/rateMargin/);
    expect(() => new GreedyBaseline(toscnSpec(p), p, { replans: 1.5 })).toThrow(/replans/);
  });
});
