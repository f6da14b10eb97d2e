import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { logistic, normalisedSemanticRate, qoe, semanticRate } from '../../../src/models/semantic/qoe.ts';
import { MULTICELL_SEMANTIC_RATE } from '../../../src/scenarios/multicell-ee/constants.ts';
import type { QoeConfig } from '../../../src/models/semantic/qoe.ts';

/** A fixed hand-checkable config (growth 10 and 20, requirements 0.85 and 0.9). */
const MULTICELL_QOE: QoeConfig = { rateWeight: 0.5, rateGrowth: 10, accuracyGrowth: 20, rateRequirement: 0.85, accuracyRequirement: 0.9 };
import { hz } from '../../../src/units.ts';

describe('semantic rate (004 eq. 6)', () => {
  it('is H / (Q k) * W, and W-normalised H / (Q k)', () => {
    // H = 4, Q = 10, k = 0.5: 4 / 5 = 0.8 per Hz; times 180 kHz = 144 000 units/s
    expect(semanticRate(0.5, hz(180e3), MULTICELL_SEMANTIC_RATE)).toBeCloseTo(144000, 6);
    expect(normalisedSemanticRate(0.5, MULTICELL_SEMANTIC_RATE)).toBeCloseTo(0.8, 12);
    expect(normalisedSemanticRate(0.05, { entropy: 4, textLength: 20 })).toBeCloseTo(4, 12);
  });

  it('falls as fewer symbols are compressed away (larger k) and rejects k outside (0, 1]', () => {
    for (let j = 1; j < 19; j++) expect(normalisedSemanticRate((j + 1) / 20, MULTICELL_SEMANTIC_RATE)).toBeLessThan(normalisedSemanticRate(j / 20, MULTICELL_SEMANTIC_RATE));
    expect(() => normalisedSemanticRate(0, MULTICELL_SEMANTIC_RATE)).toThrow(RangeError);
    expect(() => semanticRate(1.5, hz(1), MULTICELL_SEMANTIC_RATE)).toThrow(RangeError);
  });
});

describe('QoE (004 eq. 8)', () => {
  it('logistic is 1/2 at the requirement and saturates without NaN', () => {
    expect(logistic(0, 10)).toBe(0.5);
    expect(logistic(1e6, 10)).toBe(0);
    expect(logistic(-1e6, 10)).toBe(1);
  });

  it('matches a hand calculation', () => {
    // rate 0.95 vs 0.85: 1/(1+e^{10 * -0.1}) = 0.731059; accuracy 0.8 vs 0.9: 1/(1+e^{20 * 0.1}) = 0.119203
    // 0.5 * 0.731059 + 0.5 * 0.119203 = 0.425131
    expect(qoe(0.95, 0.8, MULTICELL_QOE)).toBeCloseTo(0.425131, 6);
    expect(qoe(0.85, 0.9, MULTICELL_QOE)).toBeCloseTo(0.5, 12);
    // all weight on accuracy: only f_a counts
    expect(qoe(100, 0.8, { ...MULTICELL_QOE, rateWeight: 0 })).toBeCloseTo(0.119203, 6);
  });

  it('stays in [0, 1] for any finite inputs', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (rate, acc, w, alpha, beta, rr, ar) => {
          const q = qoe(rate, acc, { rateWeight: w, rateGrowth: alpha, accuracyGrowth: beta, rateRequirement: rr, accuracyRequirement: ar });
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('never falls when rate or accuracy rises', () => {
    const unit = fc.double({ min: 0, max: 2, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, unit, (r1, r2, a1, a2) => {
        const [rl, rh] = r1 <= r2 ? [r1, r2] : [r2, r1];
        const [al, ah] = a1 <= a2 ? [a1, a2] : [a2, a1];
        expect(qoe(rh, al, MULTICELL_QOE)).toBeGreaterThanOrEqual(qoe(rl, al, MULTICELL_QOE));
        expect(qoe(rl, ah, MULTICELL_QOE)).toBeGreaterThanOrEqual(qoe(rl, al, MULTICELL_QOE));
      }),
    );
  });

  it('rejects NaN inputs and weights outside [0, 1]', () => {
    expect(() => qoe(NaN, 0.5, MULTICELL_QOE)).toThrow(RangeError);
    expect(() => qoe(0.5, 0.5, { ...MULTICELL_QOE, rateWeight: 1.5 })).toThrow(RangeError);
  });
});
