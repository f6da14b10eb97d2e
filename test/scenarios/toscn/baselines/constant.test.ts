import { describe, expect, it } from 'vitest';
import { ConstantBaseline } from '../../../../src/scenarios/toscn/baselines/constant.ts';
import { toscnEnv } from '../../../actors/toscn-run.ts';
import { toscnParams, toscnSpec } from './fixtures.ts';

describe('constant baseline (best state-blind policy)', () => {
  const p = toscnParams({ run: { slotsPerEpisode: 5, episodes: 1, evalEpisodes: 1, evalSeeds: 1 }, packet: { size_bits: 1.6e6 } });

  it('plays equal shares and eta_i = i/(n-1) x maxCompression through the toscn action mapping', () => {
    const agent = new ConstantBaseline(toscnSpec(p), p, { candidates: 5 });
    const a = agent.act(new Float32Array(15), false).continuous!;
    expect(Array.from(a.subarray(0, 6))).toEqual(new Array(6).fill(-1)); // untrained: candidate 0, eta 0
    expect(Array.from(a.subarray(6))).toEqual(new Array(12).fill(0)); // equal bandwidth and power logits
    expect(agent.eta(4)).toBeCloseTo(p.maxCompression, 12);
    expect(agent.eta(2)).toBeCloseTo(p.maxCompression / 2, 12);
  });

  it('picks the candidate whose constant action has the best mean return on its training episodes', () => {
    const n = 5;
    const agent = new ConstantBaseline(toscnSpec(p), p, { candidates: n });
    const env = toscnEnv(p);
    for (let e = 0; e < 3 * n; e++) {
      let obs = env.reset({ seed: 100 + e }).observation;
      for (;;) {
        const action = agent.act(obs, true);
        const s = env.step(action);
        agent.observe({ observation: obs, action, reward: s.reward, nextObservation: s.observation, terminated: false, truncated: s.truncated });
        obs = s.observation;
        if (s.truncated) break;
      }
      agent.onEpisodeEnd();
    }
    // Independently: the same constant actions, written out by hand, on the same seeds.
    const mean = Array.from({ length: n }, (_, i) => {
      const eta = (i / (n - 1)) * p.maxCompression;
      const action = new Float32Array(18);
      action.fill((2 * eta) / p.maxCompression - 1, 0, 6);
      let total = 0;
      for (let e = i; e < 3 * n; e += n) {
        env.reset({ seed: 100 + e });
        for (let done = false; !done; ) {
          const s = env.step({ continuous: action });
          total += s.reward;
          done = s.truncated;
        }
      }
      return total / 3;
    });
    agent.returns.forEach((r, i) => expect(r).toBeCloseTo(mean[i], 9));
    expect(agent.best).toBe(mean.indexOf(Math.max(...mean)));
    // Evaluation plays the best candidate, whatever the state.
    const a = agent.act(new Float32Array(15).fill(0.3), false).continuous!;
    expect(a[0]).toBeCloseTo((2 * agent.eta(agent.best)) / p.maxCompression - 1, 6);
  });

  it('rejects a grid of fewer than 2 candidates', () => {
    expect(() => new ConstantBaseline(toscnSpec(p), p, { candidates: 1 })).toThrow(/candidates: Too small: expected number to be >=2 \(got 1\)/);
  });
});
