import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeToscnObservation } from '../../../../src/scenarios/toscn/baselines/observation.ts';
import { buildObservation } from '../../../../src/scenarios/toscn/logic.ts';
import { toscnParams } from './fixtures.ts';

describe('decodeToscnObservation', () => {
  it('recovers task counts, queues and gains from the float32 observation the env hands out', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.double({ min: -14, max: -6, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (D, vmax, tasks, queues, log10Gain) => {
          const p = toscnParams({ devices: { count: D, redrawEachEpisode: true }, buffer: { capacity_packets: vmax } });
          const t = tasks.slice(0, D);
          const q = queues.slice(0, D).map((x) => Math.min(x, vmax));
          const g = log10Gain.slice(0, D).map((x) => 10 ** x);
          const obs = Float32Array.from(buildObservation(t, g, q, p));
          const s = decodeToscnObservation(obs, p);
          expect(s.queues).toEqual(q);
          expect(s.taskCounts).toEqual([0, 1, 2].map((j) => t.filter((x) => x === j).length));
          s.gains.forEach((h, u) => expect(Math.abs(h / g[u] - 1)).toBeLessThan(1e-5));
          // Full-budget SNR by hand: P h / (N0 B).
          s.fullBudgetSnr.forEach((snr, u) => expect(Math.abs(snr / ((p.powerBudget * g[u]) / (p.noiseDensity * p.bandwidthBudget)) - 1)).toBeLessThan(1e-5));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects a wrong length and non-finite entries by index', () => {
    const p = toscnParams();
    expect(() => decodeToscnObservation(new Float32Array(5), p)).toThrow(/expected 15/);
    const obs = new Float32Array(15);
    obs[7] = NaN;
    expect(() => decodeToscnObservation(obs, p)).toThrow(/observation\[7\] is NaN/);
  });
});
