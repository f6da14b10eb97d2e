import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RootRandom } from '../../../src/random/index.ts';
import { checkOnOff, initialOnOff, onOffDutyCycle, onOffMeanRate, poissonArrivals, stepOnOff, type OnOffTraffic } from '../../../src/models/traffic/index.ts';

function stats(xs: readonly number[]): { mean: number; dispersion: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, dispersion: variance / mean };
}

function onOffCounts(p: OnOffTraffic, seed: number, slots: number): number[] {
  const rng = new RootRandom(seed).stream('traffic/u0');
  let on = initialOnOff(p, rng);
  const out: number[] = [];
  for (let t = 0; t < slots; t++) {
    const r = stepOnOff(p, on, rng);
    on = r.on;
    out.push(r.packets);
  }
  return out;
}

describe('Poisson traffic', () => {
  it('has mean rate lambda and index of dispersion 1 (not bursty)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 8, noNaN: true }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (mean, seed) => {
        const rng = new RootRandom(seed).stream('traffic/u0');
        const xs = Array.from({ length: 20000 }, () => poissonArrivals(rng, mean));
        const s = stats(xs);
        expect(Math.abs(s.mean - mean)).toBeLessThan(5 * Math.sqrt(mean / 20000));
        expect(s.dispersion).toBeGreaterThan(0.92);
        expect(s.dispersion).toBeLessThan(1.08);
      }),
      { numRuns: 10 },
    );
  });

  it('draws the same counts as RandomStream.poisson (today’s toscn arrivals)', () => {
    const a = new RootRandom(3).stream('traffic/u2');
    const b = new RootRandom(3).stream('traffic/u2');
    for (let i = 0; i < 100; i++) expect(poissonArrivals(a, 2)).toBe(b.poisson(2));
  });
});

describe('on/off traffic', () => {
  const shape = fc.record({
    peakPacketsPerSlot: fc.double({ min: 1, max: 10, noNaN: true }),
    meanOnSlots: fc.double({ min: 1, max: 8, noNaN: true }),
    meanOffSlots: fc.double({ min: 1, max: 8, noNaN: true }),
  });

  it('has mean rate peak * on / (on + off)', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (s, seed) => {
        const p: OnOffTraffic = { model: 'onoff', ...s };
        const xs = onOffCounts(p, seed, 40000);
        const rate = onOffMeanRate(p);
        // Sojourns correlate the counts: allow a wide band, still far tighter than the rate's range.
        expect(Math.abs(stats(xs).mean - rate)).toBeLessThan(0.08 * rate + 0.05);
      }),
      { numRuns: 10 },
    );
  });

  it('is bursty: counts are overdispersed (variance > mean), unlike Poisson', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (s, seed) => {
        const p: OnOffTraffic = { model: 'onoff', ...s };
        const d = onOffDutyCycle(p);
        fc.pre(d > 0.1 && d < 0.9 && p.peakPacketsPerSlot >= 2);
        const { dispersion } = stats(onOffCounts(p, seed, 20000));
        // Index of dispersion of one slot: 1 + peak (1 - duty) for a Poisson mixture.
        expect(dispersion).toBeGreaterThan(1 + 0.5 * p.peakPacketsPerSlot * (1 - d));
      }),
      { numRuns: 10 },
    );
  });

  it('stays on for meanOnSlots and off for meanOffSlots on average', () => {
    const p: OnOffTraffic = { model: 'onoff', peakPacketsPerSlot: 4, meanOnSlots: 5, meanOffSlots: 2 };
    const rng = new RootRandom(11).stream('traffic/u0');
    let on = initialOnOff(p, rng);
    const runs: Record<'on' | 'off', number[]> = { on: [], off: [] };
    let len = 0;
    for (let t = 0; t < 50000; t++) {
      const next = stepOnOff(p, on, rng).on;
      len++;
      if (next !== on) {
        runs[on ? 'on' : 'off'].push(len);
        len = 0;
      }
      on = next;
    }
    const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(runs.on)).toBeCloseTo(5, 0);
    expect(avg(runs.off)).toBeCloseTo(2, 0);
  });

  it('rejects parameters outside their ranges, naming them', () => {
    expect(() => checkOnOff({ model: 'onoff', peakPacketsPerSlot: -1, meanOnSlots: 2, meanOffSlots: 2 })).toThrow(/peakPacketsPerSlot/);
    expect(() => checkOnOff({ model: 'onoff', peakPacketsPerSlot: 1, meanOnSlots: 0.5, meanOffSlots: 2 })).toThrow(/meanOnSlots/);
    expect(() => checkOnOff({ model: 'onoff', peakPacketsPerSlot: 1, meanOnSlots: 2, meanOffSlots: NaN })).toThrow(/meanOffSlots/);
  });
});
