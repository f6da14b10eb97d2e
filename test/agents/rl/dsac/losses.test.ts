import { beforeAll, describe, it, expect } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { actorLoss, categorical, criticTargets, softValue, temperatureLoss } from '../../../../src/agents/rl/dsac/losses.ts';
import { resolveTargetEntropy, DSAC_DEFAULTS } from '../../../../src/agents/rl/dsac/config.ts';

beforeAll(async () => {
  await initBackend();
});

// One state, two actions, pi = (0.25, 0.75).
const P = [0.25, 0.75];
const LOGP = P.map(Math.log);

describe('discrete SAC losses (001 eqs. 24-26)', () => {
  it('soft value = sum_a pi (Q - alpha log pi), by hand', () => {
    const v = softValue(tf.tensor2d([P]), tf.tensor2d([LOGP]), tf.tensor2d([[2, 4]]), 0.5).dataSync()[0];
    expect(v).toBeCloseTo(0.25 * (2 - 0.5 * LOGP[0]) + 0.75 * (4 - 0.5 * LOGP[1]), 5);
  });

  it('critic target uses the smaller target critic and stops at terminals', () => {
    const args = [tf.tensor2d([P, P]), tf.tensor2d([LOGP, LOGP]), tf.tensor2d([[2, 9], [2, 9]]), tf.tensor2d([[5, 4], [5, 4]]), 0.5] as const;
    const y = criticTargets(tf.tensor1d([1, 1]), tf.tensor1d([0, 1]), 0.9, ...args).dataSync();
    const v = 0.25 * (2 - 0.5 * LOGP[0]) + 0.75 * (4 - 0.5 * LOGP[1]);
    expect(y[0]).toBeCloseTo(1 + 0.9 * v, 5);
    expect(y[1]).toBeCloseTo(1, 6);
  });

  it('actor loss = sum_a pi (alpha log pi - Q_min) and its gradient favours the better action', () => {
    const q = tf.tensor2d([[0, 1]]);
    const l = actorLoss(tf.tensor2d([P]), tf.tensor2d([LOGP]), q, 0.1).dataSync()[0];
    expect(l).toBeCloseTo(0.25 * (0.1 * LOGP[0] - 0) + 0.75 * (0.1 * LOGP[1] - 1), 5);
    const logits = tf.tensor2d([[0, 0]]);
    const g = tf.grad((z: tf.Tensor) => {
      const { probs, logProbs } = categorical(z as tf.Tensor2D);
      return actorLoss(probs, logProbs, q, 0.1);
    })(logits).dataSync();
    expect(g[1]).toBeLessThan(g[0]); // descending raises the logit of action 1
  });

  it('temperature loss = alpha (H(pi) - target) and lowers alpha when entropy exceeds the target', () => {
    const H = -(P[0] * LOGP[0] + P[1] * LOGP[1]);
    const logAlpha = tf.scalar(Math.log(0.2));
    const loss = temperatureLoss(logAlpha, tf.tensor2d([P]), tf.tensor2d([LOGP]), 0.1).dataSync()[0];
    expect(loss).toBeCloseTo(0.2 * (H - 0.1), 5);
    // dL/dlogAlpha = alpha (H - target) > 0 when H > target: gradient descent shrinks alpha.
    const g = tf.grad((la: tf.Tensor) => temperatureLoss(la, tf.tensor2d([P]), tf.tensor2d([LOGP]), 0.1))(logAlpha).dataSync()[0];
    expect(g).toBeCloseTo(0.2 * (H - 0.1), 5);
    const g2 = tf.grad((la: tf.Tensor) => temperatureLoss(la, tf.tensor2d([P]), tf.tensor2d([LOGP]), 0.69))(logAlpha).dataSync()[0];
    expect(g2).toBeLessThan(0);
  });

  it('auto target entropy is 0.98 log|A| (Christodoulou 2019)', () => {
    expect(resolveTargetEntropy(DSAC_DEFAULTS, 4)).toBeCloseTo(0.98 * Math.log(4), 12);
    expect(resolveTargetEntropy({ ...DSAC_DEFAULTS, targetEntropy: -1 }, 4)).toBe(-1);
  });
});
