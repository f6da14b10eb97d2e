import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  cosineSimilarity,
  medianThreshold,
  sampleEmbedding,
  semanticSimilarity,
} from '../../../src/models/semantic/embedding.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { SCQOS_EMBEDDING_SOURCE } from '../../../src/scenarios/scqos/constants.ts';

describe('synthetic sentence-embedding source', () => {
  it('is seeded: the same stream name and seed give the same embeddings', () => {
    const a = sampleEmbedding(new RootRandom(3).stream('emb/u0'), SCQOS_EMBEDDING_SOURCE);
    const b = sampleEmbedding(new RootRandom(3).stream('emb/u0'), SCQOS_EMBEDDING_SOURCE);
    const c = sampleEmbedding(new RootRandom(3).stream('emb/u1'), SCQOS_EMBEDDING_SOURCE);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBe(64);
  });

  it('draws non-negative features with the configured share of exact zeros', () => {
    const s = new RootRandom(5).stream('emb');
    let zeros = 0;
    let negatives = 0;
    for (let i = 0; i < 1000; i++) {
      for (const x of sampleEmbedding(s, SCQOS_EMBEDDING_SOURCE)) {
        if (x < 0) negatives++;
        if (x === 0) zeros++;
      }
    }
    expect(negatives).toBe(0);
    // Binomial(64000, 0.1): mean 6400, std 75.9; allow 5 std.
    expect(Math.abs(zeros - 6400)).toBeLessThan(380);
  });

  it('has log-normal non-zero features: log mean, log variance logStd^2 + sentenceLogStd^2, right skew', () => {
    const config = { ...SCQOS_EMBEDDING_SOURCE, zeroProbability: 0, logMean: -0.5 };
    const s = new RootRandom(9).stream('emb');
    const samples: Float64Array[] = [];
    for (let i = 0; i < 2000; i++) samples.push(sampleEmbedding(s, config));
    let sum = 0;
    let sumSq = 0;
    let mean = 0;
    const n = 2000 * 64;
    for (const e of samples) {
      for (const x of e) {
        const l = Math.log(x);
        sum += l;
        sumSq += l * l;
        mean += x / n;
      }
    }
    const logMean = sum / n;
    const logVar = sumSq / n - logMean * logMean;
    // Sentence offsets (2000 draws of std 0.3) dominate the error of the mean: std ~ 0.3 / sqrt(2000) = 0.0067.
    expect(logMean).toBeCloseTo(-0.5, 1);
    expect(Math.abs(logMean + 0.5)).toBeLessThan(0.035);
    expect(logVar).toBeGreaterThan(0.75 ** 2 + 0.3 ** 2 - 0.05);
    expect(logVar).toBeLessThan(0.75 ** 2 + 0.3 ** 2 + 0.05);
    const median = medianThreshold(samples);
    expect(Math.abs(Math.log(median) + 0.5)).toBeLessThan(0.05); // median of a log-normal is exp(mu)
    expect(mean).toBeGreaterThan(median * 1.3); // E = exp(mu + var/2): mean / median = exp(0.326) = 1.39
  });

  it('rejects invalid configs', () => {
    const s = new RootRandom(1).stream('emb');
    expect(() => sampleEmbedding(s, { ...SCQOS_EMBEDDING_SOURCE, dimension: 0 })).toThrow(RangeError);
    expect(() => sampleEmbedding(s, { ...SCQOS_EMBEDDING_SOURCE, zeroProbability: 1 })).toThrow(RangeError);
  });
});

describe('medianThreshold (SBQ p_th, 001 Sec. III-B)', () => {
  it('is the median of all feature values', () => {
    expect(medianThreshold([Float64Array.of(1, 3), Float64Array.of(2)])).toBe(2);
    expect(medianThreshold([Float64Array.of(4, 1, 3, 2)])).toBe(2.5);
    expect(() => medianThreshold([Float64Array.of(0, 0, 1)])).toThrow(/must be > 0/);
    expect(() => medianThreshold([])).toThrow(RangeError);
  });
});

describe('cosine and semantic similarity (001 eq. 13)', () => {
  // Subnormal entries lose relative precision when scaled (2e-323 * 0.125 rounds to a
  // different direction), which says nothing about the similarity: keep entries normal or 0.
  const vec = fc.array(
    fc.double({ min: -1e3, max: 1e3, noNaN: true }).map((x) => (Math.abs(x) < 1e-300 ? 0 : x)),
    { minLength: 1, maxLength: 64 },
  );

  it('matches hand values', () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosineSimilarity([1, 0], [0, 2])).toBe(0);
    expect(cosineSimilarity([1, 2], [-2, -4])).toBeCloseTo(-1, 15);
    expect(semanticSimilarity([1, 2], [-2, -4])).toBe(0);
    expect(cosineSimilarity([0, 0], [0, 0])).toBe(1);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
  });

  it('is 1 for identical (non-zero) vectors and scale-invariant', () => {
    fc.assert(
      fc.property(vec, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (v, scale) => {
        if (v.every((x) => x === 0)) return;
        expect(cosineSimilarity(v, v)).toBeCloseTo(1, 12);
        expect(semanticSimilarity(v, v)).toBeCloseTo(1, 12);
        const scaled = v.map((x) => x * scale);
        if (scaled.every((x) => x === 0)) return; // underflowed subnormals
        expect(cosineSimilarity(v, scaled)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('maps into [0, 1] and is symmetric', () => {
    fc.assert(
      fc.property(vec, vec, (a0, b0) => {
        const n = Math.min(a0.length, b0.length);
        const a = a0.slice(0, n);
        const b = b0.slice(0, n);
        const s = semanticSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(cosineSimilarity(a, b)).toBe(cosineSimilarity(b, a));
      }),
    );
  });
});
