import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressionAction, compressionOf, nextFloat32, sharesToLogits } from '../../../../src/scenarios/toscn/baselines/slot-plan.ts';
import { allocationFromAction } from '../../../../src/scenarios/toscn/logic.ts';
import { toscnParams } from './fixtures.ts';

/** Bandwidth shares the scenario realises for these logits (compression and power left at 0). */
function realisedShares(logits: number[], devices: number, temperature: number): number[] {
  const p = toscnParams({ devices: { count: devices, redrawEachEpisode: true }, control: { decisionDelay: { slots: 0 }, shareTemperature: temperature } });
  const action = new Float32Array(3 * devices);
  logits.forEach((a, u) => (action[devices + u] = a));
  return allocationFromAction(action, p).bandwidth.map((x) => x / p.bandwidthBudget);
}

describe('sharesToLogits', () => {
  it('realises any shares whose spread the softmax can express (max/min <= e^{2T})', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.double({ min: 2.5, max: 10, noNaN: true }), (shares, T) => {
        const total = shares.reduce((a, b) => a + b, 0);
        const got = realisedShares(sharesToLogits(shares, T), shares.length, T);
        // Float32 logits perturb exp(T a) by about T * 6e-8.
        got.forEach((s, u) => expect(Math.abs(s / (shares[u] / total) - 1)).toBeLessThan(2e-6));
      }),
      { numRuns: 100 },
    );
  });

  it('gives left-out users the softmax floor e^{-2T} of the largest share, and all-zero shares an equal split', () => {
    const T = 4;
    const got = realisedShares(sharesToLogits([3, 0, 1], T), 3, T);
    expect(got[1] / got[0]).toBeCloseTo(Math.exp(-2 * T), 9);
    expect(got[2] / got[0]).toBeCloseTo(1 / 3, 6);
    expect(sharesToLogits([0, 0, 0], T)).toEqual([0, 0, 0]);
  });
});

describe('nextFloat32', () => {
  it('steps one float32 ulp', () => {
    expect(nextFloat32(1, -1)).toBe(1 - 2 ** -24);
    expect(nextFloat32(1, 1)).toBe(1 + 2 ** -23);
    expect(nextFloat32(-1, 1)).toBe(-1 + 2 ** -24);
    expect(nextFloat32(-0.5, -1)).toBe(-0.5 - 2 ** -24);
    expect(nextFloat32(0, 1)).toBe(2 ** -149);
    expect(nextFloat32(0, -1)).toBe(-(2 ** -149));
  });
});

describe('compressionAction', () => {
  it('returns the float32 action nearest to eta on the asked side', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (maxC, t) => {
        const eta = t * maxC;
        const up = compressionAction(eta, maxC, 'up');
        const down = compressionAction(eta, maxC, 'down');
        expect(Math.fround(up)).toBe(up);
        expect(Math.fround(down)).toBe(down);
        expect(compressionOf(up, maxC)).toBeGreaterThanOrEqual(eta);
        expect(compressionOf(down, maxC)).toBeLessThanOrEqual(eta);
        // Nearest: one ulp further in would cross eta (unless already at the box edge).
        if (up > -1) expect(compressionOf(nextFloat32(up, -1), maxC)).toBeLessThan(eta);
        if (down < 1) expect(compressionOf(nextFloat32(down, 1), maxC)).toBeGreaterThan(eta);
      }),
      { numRuns: 300 },
    );
  });

  it('maps the ends of [0, maxCompression] onto -1 and 1, and maxCompression = 0 onto -1', () => {
    expect(compressionAction(0, 0.95, 'down')).toBe(-1);
    expect(compressionAction(0.95, 0.95, 'up')).toBe(1);
    expect(compressionAction(0.3, 0, 'up')).toBe(-1);
  });
});
