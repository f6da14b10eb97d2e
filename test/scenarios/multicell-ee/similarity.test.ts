import { describe, expect, it } from 'vitest';
import { semanticSimilarity } from '../../../src/index.ts';

describe('semanticSimilarity (the package export)', () => {
  it('is the DeepSC-calibrated xi(k, SINR dB) of SPEC section 2', () => {
    // k = 20 at 0 dB: 0.442 + 0.528 / (1 + e^{-1.648})
    expect(semanticSimilarity(20, 0)).toBeCloseTo(0.442 + 0.528 / (1 + Math.exp(-1.648)), 12);
    expect(semanticSimilarity(12, 30)).toBe(semanticSimilarity(12, 20));
    for (let k = 1; k < 20; k++) expect(semanticSimilarity(k, 5)).toBeGreaterThan(semanticSimilarity(k, -5));
  });
});
