import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { squashedAction, squashedGaussian } from '../../../../src/agents/rl/sac/policy.ts';
import { relErr, sech2 } from '../../common/nn/closed-forms.ts';

beforeAll(async () => {
  await initBackend();
});

/** log pi(tanh(u)) by the textbook change of variables, in float64: log N(u; mu, sigma) - sum log(1 - tanh(u)^2). */
function referenceLogProb(mu: number[], logStd: number[], eps: number[]): number {
  let lp = 0;
  for (let i = 0; i < mu.length; i++) {
    const sigma = Math.exp(logStd[i]);
    const u = mu[i] + sigma * eps[i];
    lp += -((u - mu[i]) ** 2) / (2 * sigma * sigma) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
    lp -= Math.log(1 - Math.tanh(u) ** 2);
  }
  return lp;
}

describe('squashed Gaussian policy', () => {
  it('log-probability matches the change-of-variables formula', () => {
    const row = fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 1.5, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(row, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const n = rows.length;
        const head = rows.flatMap((r) => [...r.map(([m]) => m), ...r.map(([, s]) => s)]);
        const eps = rows.flatMap((r) => r.map(([, , e]) => e));
        const [act, lp] = tf.tidy(() => {
          const s = squashedGaussian(tf.tensor2d(head, [n, 4]), tf.tensor2d(eps, [n, 2]), -20, 2);
          return [s.action.dataSync(), s.logProb.dataSync()];
        });
        rows.forEach((r, k) => {
          const mu = r.map(([m]) => m);
          const ls = r.map(([, s]) => s);
          const e = r.map(([, , x]) => x);
          const want = referenceLogProb(mu, ls, e);
          // float32 tanh saturates near |u| = 9, where the reference's log(1 - tanh^2) is still exact in float64.
          expect(Math.abs(lp[k] - want)).toBeLessThan(2e-3 * Math.max(1, Math.abs(want)));
          for (let i = 0; i < 2; i++) expect(act[2 * k + i]).toBeCloseTo(Math.tanh(mu[i] + Math.exp(ls[i]) * e[i]), 5);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('clamps log-std to [logStdMin, logStdMax] in both the tensor and the JS paths', () => {
    const head = [0.3, 5]; // one action dim, raw log-std 5 -> 2
    const eps = [1];
    const [a, lp] = tf.tidy(() => {
      const s = squashedGaussian(tf.tensor2d(head, [1, 2]), tf.tensor2d(eps, [1, 1]), -20, 2);
      return [s.action.dataSync()[0], s.logProb.dataSync()[0]];
    });
    expect(a).toBeCloseTo(Math.tanh(0.3 + Math.exp(2)), 5);
    expect(lp).toBeCloseTo(referenceLogProb([0.3], [2], [1]), 3);
    expect(squashedAction(Float32Array.from(head), -20, 2, eps, new Float32Array(1))[0]).toBeCloseTo(a, 6);
  });

  it('the squash passes sech²(u) to a saturated action (u = 20: action exactly 1 in float32)', () => {
    // d action / d mu = tanh'(u) with u = mu + sigma eps; tf.tanh's gradient 1 - a² is 0 here.
    const [a, dmu] = tf.tidy(() => {
      const eps = tf.tensor2d([[0, 0.5]]);
      const head = tf.tensor2d([[20, -0.4, -1, Math.log(0.2)]]); // mu = (20, -0.4), log-std = (-1, log 0.2): u = (20, -0.3)
      const g = tf.grad((h: tf.Tensor) => tf.sum(squashedGaussian(h as tf.Tensor2D, eps, -20, 2).action))(head);
      return [squashedGaussian(head, eps, -20, 2).action.dataSync(), g.dataSync()];
    });
    expect(a[0]).toBe(1);
    expect(dmu[0]).toBeGreaterThan(0);
    expect(relErr(dmu[0], sech2(20))).toBeLessThan(1e-4);
    expect(relErr(dmu[1], sech2(-0.4 + 0.2 * 0.5))).toBeLessThan(1e-4);
  });

  it('the evaluation action is tanh(mu)', () => {
    const out = squashedAction(Float32Array.of(0.5, -2, 7, 7), -20, 2, undefined, new Float32Array(2));
    expect(out[0]).toBeCloseTo(Math.tanh(0.5), 6);
    expect(out[1]).toBeCloseTo(Math.tanh(-2), 6);
  });
});
