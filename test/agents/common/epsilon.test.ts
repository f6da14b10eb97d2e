import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  Epsilon,
  adaptiveEpsilonStep,
  exponentialEpsilon,
  linearEpsilon,
  vdbeSquash,
  type AdaptiveEpsilonConfig,
} from '../../../src/agents/common/epsilon.ts';

describe('linear schedule', () => {
  const c = { kind: 'linear', start: 1, end: 0.04, duration: 8000 } as const;
  it('interpolates by hand', () => {
    expect(linearEpsilon(c, 0)).toBe(1);
    expect(linearEpsilon(c, 4000)).toBeCloseTo(0.52, 12);
    expect(linearEpsilon(c, 2000)).toBeCloseTo(1 - 0.96 / 4, 12);
    expect(linearEpsilon(c, 8000)).toBe(0.04);
    expect(linearEpsilon(c, 1e9)).toBe(0.04);
  });
  it('is monotone non-increasing and within [end, start]', () => {
    fc.assert(
      fc.property(fc.nat(20000), fc.nat(20000), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(linearEpsilon(c, hi)).toBeLessThanOrEqual(linearEpsilon(c, lo));
        expect(linearEpsilon(c, a)).toBeGreaterThanOrEqual(0.04);
        expect(linearEpsilon(c, a)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('exponential schedule', () => {
  it('shrinks the excess by e per time constant', () => {
    const c = { kind: 'exponential', start: 1, end: 0.1, timeConstant: 100 } as const;
    expect(exponentialEpsilon(c, 0)).toBe(1);
    expect(exponentialEpsilon(c, 100)).toBeCloseTo(0.1 + 0.9 / Math.E, 12);
    expect(exponentialEpsilon(c, 200)).toBeCloseTo(0.1 + 0.9 / Math.E ** 2, 12);
  });
});

describe('adaptive (VDBE) rule', () => {
  const c: AdaptiveEpsilonConfig = { kind: 'adaptive', min: 0.1, max: 0.6, sigma: 1, delta: 0.5 };
  it('squashes like tanh(|td| / 2 sigma)', () => {
    expect(vdbeSquash(0, 1)).toBe(0);
    expect(vdbeSquash(1, 1)).toBeCloseTo((1 - Math.exp(-1)) / (1 + Math.exp(-1)), 12);
    expect(vdbeSquash(-3, 2)).toBeCloseTo(Math.tanh(0.75), 12);
  });
  it('mixes by delta and clamps to [min, max], by hand', () => {
    // 0.5 * f(1) + 0.5 * 0.6 = 0.5 * 0.46212 + 0.3 = 0.53106.
    expect(adaptiveEpsilonStep(c, 0.6, 1)).toBeCloseTo(0.5 * 0.46211715726 + 0.3, 9);
    expect(adaptiveEpsilonStep(c, 0.6, 100)).toBe(0.6);
    expect(adaptiveEpsilonStep(c, 0.15, 0)).toBe(0.1);
    expect(adaptiveEpsilonStep(c, 0.3, Number.NaN)).toBe(0.3);
  });
  it('falls to min when TD errors vanish and recovers when they return', () => {
    const e = new Epsilon(c);
    expect(e.value).toBe(0.6);
    for (let i = 0; i < 20; i++) e.onTdError(0);
    expect(e.value).toBe(0.1);
    for (let i = 0; i < 20; i++) e.onTdError(50);
    expect(e.value).toBe(0.6);
  });
  it('stays within [min, max] for any TD error sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: false })), (tds) => {
        const e = new Epsilon(c);
        for (const td of tds) {
          e.onTdError(td);
          expect(e.value).toBeGreaterThanOrEqual(0.1);
          expect(e.value).toBeLessThanOrEqual(0.6);
        }
      }),
    );
  });
});

describe('Epsilon holder', () => {
  it('advances the fixed schedules with onStep and round-trips its state', () => {
    const e = new Epsilon({ kind: 'linear', start: 1, end: 0, duration: 10 });
    for (let i = 0; i < 3; i++) e.onStep();
    expect(e.value).toBeCloseTo(0.7, 12);
    e.onTdError(5);
    expect(e.value).toBeCloseTo(0.7, 12);
    const f = new Epsilon(e.config);
    f.setState(e.getState());
    expect(f.value).toBe(e.value);
  });
});
