import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decisionFromAction, linkBudget, observationOf, OBS_LIMIT, semanticOutcome, systemEe } from '../../../src/scenarios/multicell-ee/logic.ts';
import { resolveMulticell } from '../../../src/scenarios/multicell-ee/params.ts';
import { MulticellScenarioSchema } from '../../../src/scenarios/multicell-ee/schema.ts';

const params = resolveMulticell(MulticellScenarioSchema.parse({ scenario: 'multicell-ee', cells: { count: 3 } }));
const gainArb = fc.double({ min: 1e-16, max: 1e-6, noNaN: true });
const powerArb = fc.double({ min: 0, max: 0.1, noNaN: true });

describe('multicell-ee logic', () => {
  it('resolves 004 Table 1: codebook {0, p_max/6, ..., p_max}, noise -114 dBm, P_BS + P_UT + P_AI per cell', () => {
    expect(params.powerCodebook.length).toBe(7);
    expect(params.powerCodebook[0]).toBe(0);
    expect(params.powerCodebook[6]).toBeCloseTo(0.1, 15);
    expect(params.noise).toBeCloseTo(10 ** -14.4, 25);
    const { totalPower } = systemEe([1, 1, 1], [0, 0, 0], params);
    expect(totalPower).toBeCloseTo(3 * (7.9433 + 0.01 + 0.0031623), 3);
  });

  it('SINR (eq. 2) falls when any interferer raises its power', () => {
    fc.assert(
      fc.property(fc.array(gainArb, { minLength: 2, maxLength: 7 }), fc.array(powerArb, { minLength: 7, maxLength: 7 }), fc.nat(), fc.nat(), fc.double({ min: 1e-4, max: 0.1, noNaN: true }), (row, p, a, b, delta) => {
          const M = row.length;
          const m = a % M;
          const j = (m + 1 + (b % (M - 1))) % M;
          const powers = p.slice(0, M);
          powers[m] = Math.max(powers[m], 1e-3);
          const before = linkBudget(row, powers, m, params.noise);
          const louder = powers.slice();
          louder[j] += delta;
          const after = linkBudget(row, louder, m, params.noise);
          expect(after.sinr).toBeLessThan(before.sinr);
          expect(after.interference).toBeGreaterThan(before.interference);
          expect(after.signal).toBe(before.signal);
        },
      ),
    );
  });

  it('QoE stays in [0, 1] for any symbols, SINR and QoE draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 19 }), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 40, max: 70, noNaN: true }), (k, sinr, w, beta) => {
        const o = semanticOutcome(k, sinr, { ...params.nominalQoe, rateWeight: w, accuracyGrowth: beta }, params);
        expect(o.qoe).toBeGreaterThanOrEqual(0);
        expect(o.qoe).toBeLessThanOrEqual(1);
        expect(Number.isFinite(o.sinrDb)).toBe(true);
      }),
    );
  });

  it('maps codebook indices to decisions and rejects anything else, naming the entry', () => {
    expect(decisionFromAction([6, 0], params)).toEqual({ powerLevel: 6, power: params.powerCodebook[6], symbols: 1 });
    expect(decisionFromAction([0, 18], params).symbols).toBe(19);
    expect(() => decisionFromAction([7, 0], params, 'bs/2')).toThrow(/bs\/2: power level 7 is not an integer in 0\.\.6/);
    expect(() => decisionFromAction([NaN, 0], params)).toThrow(/power level NaN/);
    expect(() => decisionFromAction([1, 19], params)).toThrow(/symbols index 19 is not an integer in 0\.\.18/);
    expect(() => decisionFromAction([1], params)).toThrow(/needs a discrete part/);
  });

  it('observations stay inside the box, silent links included', () => {
    const silent = { signal: 0, interference: params.noise, sinr: 0, qoe: 0 };
    const loud = { signal: 1, interference: 1e-20, sinr: 1e20, qoe: 1 };
    for (const obs of [observationOf(0, silent, loud, params), observationOf(0.1, loud, silent, params)]) {
      expect(obs.length).toBe(7);
      for (const x of obs) expect(Math.abs(x)).toBeLessThanOrEqual(OBS_LIMIT);
    }
  });
});
