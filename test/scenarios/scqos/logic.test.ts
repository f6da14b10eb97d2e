import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { factorial, permutationFromIndex } from '../../../src/models/phy/ofdm.ts';
import { fromDiscretised, fromRelaxed, permutationFromScores, permutationIndex } from '../../../src/scenarios/scqos/relax.ts';
import { guidedCodec, lookupSimilarity, type SimilarityRecord } from '../../../src/scenarios/scqos/guided.ts';
import { paramsOf, payloads, runPlan, tracedEnv } from './harness.ts';

type Transmitted = { user: number; slot: number; bits: number; bandwidth: number; snrDb: number; rate: number; latency: number; subchannel: number };
type Measured = { user: number; slot: number; bits: number; similarity: number; latency: number };
type Reward = { slot: number; metrics: Record<string, number> };

describe('scqos slot physics from the trace, recomputed by hand', () => {
  const { env, sink } = tracedEnv(6);
  // Equal bandwidth and power shares (zero logits), codecs 1, 2, 3 bits, permutation 5 = [2, 1, 0].
  runPlan(env, [{ continuous: new Float32Array(6), discrete: Int32Array.of(0, 1, 2, 5) }], 1, 11);
  const trace = sink.records;

  it('equal shares: b_u = B / 3, SNR = full-power MRT SNR on the assigned subchannel / 3, R = b log2(1 + SNR), G = 64 n / R', () => {
    const measuredLinks = payloads<{ slot: number; fullPowerSnrDb: number[] }>(trace, 'link.measured');
    for (const t of payloads<Transmitted>(trace, 'channel.transmitted')) {
      expect(t.subchannel).toBe(2 - t.user);
      expect(t.bits).toBe(t.user + 1);
      expect(t.bandwidth).toBeCloseTo(30e3, 6);
      const full = measuredLinks.find((m) => m.slot === t.slot)!.fullPowerSnrDb[t.user * 3 + t.subchannel];
      expect(t.snrDb).toBeCloseTo(full - 10 * Math.log10(3), 9);
      const snr = 10 ** (t.snrDb / 10);
      expect(t.rate).toBeCloseTo(30e3 * Math.log2(1 + snr), 3);
      expect(t.latency).toBeCloseTo(Math.min(1, (64 * t.bits) / t.rate), 12);
    }
  });

  it('reward = Psi + sum P^S + 10 sum P^G with S_th 0.8, G_th 10 ms, phi_G 10, r_hat 3 (001 eqs. 14, 17, 20a-b)', () => {
    const measured = payloads<Measured>(trace, 'semantic.measured');
    const rewards = payloads<Reward>(trace, 'reward.computed');
    expect(rewards.length).toBe(6);
    for (const r of rewards) {
      const mine = measured.filter((m) => m.slot === r.slot);
      expect(mine.length).toBe(3);
      const psi = mine.reduce((s, m) => s + (m.similarity >= 0.8 ? m.similarity / m.bits : 0) - 10 * m.latency, 0);
      const ps = mine.reduce((s, m) => s + (m.similarity >= 0.8 ? 3 : m.similarity - 0.8), 0);
      const pg = mine.reduce((s, m) => s + (m.latency <= 0.01 ? 3 : 0.01 - m.latency), 0);
      expect(r.metrics.scqos).toBeCloseTo(psi, 12);
      expect(r.metrics.reward).toBeCloseTo(psi + ps + 10 * pg, 10);
      expect(r.metrics.bits).toBeCloseTo(2, 12);
    }
  });
});

describe('scqos action relaxations', () => {
  it('permutationIndex inverts permutationFromIndex', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: factorial(n) - 1 }))), ([n, k]) => {
        expect(permutationIndex(permutationFromIndex(k, n))).toBe(k);
      }),
    );
  });

  it('scores give every user a distinct subchannel, the best-scored pair first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((c) => fc.tuple(fc.integer({ min: 1, max: c }), fc.constant(c))).chain(([u, c]) => fc.tuple(fc.constant(u), fc.constant(c), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: u * c, maxLength: u * c }))), ([u, c, scores]) => {
        const perm = permutationFromIndex(permutationFromScores(scores, u, c), c);
        expect(new Set(perm).size).toBe(c);
        let best = 0;
        for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
        expect(perm[Math.floor(best / c)]).toBe(best % c);
      }),
    );
  });

  it('ddpg/td3 relaxation: codec = argmax of its scores; d3qn discretisation: a focus raises one logit', () => {
    const p = paramsOf();
    const x = new Float32Array(6 + 9 + 9);
    x.set([0.1, 0.9, -1], 6); // user 0 scores -> codec 1
    x.set([1, 0, 0], 6 + 9); // user 0 wants subchannel 0
    const a = fromRelaxed(x, p);
    expect(a.discrete![0]).toBe(1);
    expect(permutationFromIndex(a.discrete![3], 3)[0]).toBe(0);
    expect(Array.from(fromDiscretised(Int32Array.of(2, 0, 1, 3, 0, 2), p).continuous!)).toEqual([0, 0, 0, 0, 0.25, 0]);
  });
});

describe('scqos mapping-guided record', () => {
  const record: SimilarityRecord = { resolutionDb: 5, minDb: 0, values: [Float64Array.of(0.5, 0.7, 0.85), Float64Array.of(0.6, 0.85, 0.95), Float64Array.of(0.65, 0.9, 0.99)] };
  const p = paramsOf();

  it('reads the nearest recorded SNR, clamped to the record', () => {
    expect(lookupSimilarity(record, 1, 2.4)).toBe(0.6);
    expect(lookupSimilarity(record, 1, 2.6)).toBe(0.85);
    expect(lookupSimilarity(record, 2, 100)).toBe(0.99);
    expect(lookupSimilarity(record, 0, -100)).toBe(0.5);
  });

  it('picks the cheapest codec meeting S_th = 0.8, else the most similar', () => {
    expect(guidedCodec(record, 10, p)).toBe(0);
    expect(guidedCodec(record, 5, p)).toBe(1);
    expect(guidedCodec(record, 0, p)).toBe(2);
  });
});
