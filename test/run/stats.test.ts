import { describe, expect, it } from 'vitest';
import { meanCi95, tQuantile975 } from '../../src/run/stats.ts';

describe('meanCi95', () => {
  it('matches a hand calculation: [1, 2, 3, 4, 5] has mean 3, s = 1.5811, t(4) = 2.776', () => {
    const r = meanCi95([1, 2, 3, 4, 5]);
    const half = 2.776 * (Math.sqrt(2.5) / Math.sqrt(5));
    expect(r.mean).toBe(3);
    expect(r.ci95[0]).toBeCloseTo(3 - half, 12);
    expect(r.ci95[1]).toBeCloseTo(3 + half, 12);
  });

  it('gives a zero-width interval for one value and NaN for none', () => {
    expect(meanCi95([7]).ci95).toEqual([7, 7]);
    expect(Number.isNaN(meanCi95([]).mean)).toBe(true);
  });

  it('uses the normal quantile beyond 30 degrees of freedom', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(100)).toBe(1.96);
  });
});
