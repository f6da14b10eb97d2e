import { describe, expect, it } from 'vitest';
import { RootRandom } from '../../../src/random/index.ts';
import { greedySymbols, multicellGreedy, multicellRandom } from '../../../src/scenarios/multicell-ee/baselines.ts';
import { semanticOutcome, sinrFeature } from '../../../src/scenarios/multicell-ee/logic.ts';
import { resolveMulticell } from '../../../src/scenarios/multicell-ee/params.ts';
import { MulticellScenarioSchema } from '../../../src/scenarios/multicell-ee/schema.ts';

const params = resolveMulticell(MulticellScenarioSchema.parse({ scenario: 'multicell-ee', cells: { count: 3 } }));

describe('multicell-ee baselines', () => {
  it('greedy: p_max always, and the symbols that maximise the nominal QoE at the observed SINR', () => {
    const greedy = multicellGreedy(params);
    for (const db of [-5, 0, 5, 10, 20]) {
      const obs = new Float32Array(7);
      obs[1] = sinrFeature(10 ** (db / 10));
      const [q, k] = greedy.act(obs, false).discrete!;
      expect(q).toBe(6);
      const sinr = 10 ** (obs[1] * 3);
      const best = Math.max(...Array.from({ length: 19 }, (_, i) => semanticOutcome(i + 1, sinr, params.nominalQoe, params).qoe));
      expect(semanticOutcome(k + 1, sinr, params.nominalQoe, params).qoe).toBe(best);
    }
    // More SINR never asks for more redundancy.
    expect(greedySymbols(10 ** 2, params)).toBeLessThanOrEqual(greedySymbols(10 ** 0.5, params));
  });

  it('random: power level and symbols drawn separately, uniform over each codebook, seeded', () => {
    const a = multicellRandom(params, new RootRandom(3));
    const b = multicellRandom(params, new RootRandom(3));
    const none = new Float32Array(7);
    const counts = [new Array(7).fill(0), new Array(19).fill(0)];
    for (let t = 0; t < 7000; t++) {
      const x = a.act(none, false).discrete!;
      expect(Array.from(x)).toEqual(Array.from(b.act(none, false).discrete!));
      counts[0][x[0]]++;
      counts[1][x[1]]++;
    }
    for (const c of counts[0]) expect(c).toBeGreaterThan(850);
    for (const c of counts[1]) expect(c).toBeGreaterThan(250);
  });
});
