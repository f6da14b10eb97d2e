import { beforeAll, describe, it, expect } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { continuousActorLoss, continuousTemperatureLoss, hybridCriticTargets, hybridSoftValue } from '../../../../src/agents/rl/hybrid-sac/losses.ts';
import { ARM_LEVELS, ARM_PEAKS, armReward } from '../../../../src/agents/rl/hybrid-sac/toy-env.ts';

beforeAll(async () => {
  await initBackend();
});

describe('hybrid SAC losses', () => {
  const P = [0.2, 0.8];
  const LOGP = P.map(Math.log);

  it('soft value adds both entropies to the discrete expectation of Q', () => {
    const v = hybridSoftValue(tf.tensor2d([[1, 3]]), tf.tensor2d([P]), tf.tensor2d([LOGP]), tf.tensor2d([[-0.7]]), 0.5, 0.1).dataSync()[0];
    expect(v).toBeCloseTo(0.2 * (1 - 0.1 * LOGP[0]) + 0.8 * (3 - 0.1 * LOGP[1]) + 0.5 * 0.7, 5);
    const y = hybridCriticTargets(tf.tensor1d([2, 2]), tf.tensor1d([0, 1]), 0.9, tf.tensor1d([v, v])).dataSync();
    expect(y[0]).toBeCloseTo(2 + 0.9 * v, 5);
    expect(y[1]).toBeCloseTo(2, 6);
  });

  it('continuous actor loss marginalises Q over the discrete policy', () => {
    const l = continuousActorLoss(tf.tensor2d([[-0.7], [0.3]]), tf.tensor2d([[1, 3], [0, 2]]), tf.tensor2d([P, P]), 0.5).dataSync()[0];
    const row0 = 0.5 * -0.7 - (0.2 * 1 + 0.8 * 3);
    const row1 = 0.5 * 0.3 - 0.8 * 2;
    expect(l).toBeCloseTo((row0 + row1) / 2, 5);
  });

  it('continuous temperature gradient raises alpha when entropy is below the target', () => {
    // log pi = 1 (entropy estimate -1) below target 0: -(log pi + H) = -1 < 0 -> dL/dlogAlpha < 0.
    const g = tf.grad((la: tf.Tensor) => continuousTemperatureLoss(la, tf.tensor2d([[1]]), 0))(tf.scalar(0)).dataSync()[0];
    expect(g).toBeCloseTo(-1, 6);
  });
});

describe('HybridArms toy', () => {
  it('has one optimum per context worth 1, coupled to the arm', () => {
    expect(armReward(0, 1, 0.6)).toBe(1);
    expect(armReward(1, 0, -0.5)).toBe(1);
    for (const c of [0, 1]) {
      for (let k = 0; k < 3; k++) {
        expect(armReward(c, k, ARM_LEVELS[c][k])).toBe(ARM_PEAKS[c][k]);
        expect(ARM_PEAKS[c][k]).toBeLessThanOrEqual(1);
      }
    }
    // The right arm at the wrong arm's level is worse than the safe arm.
    expect(armReward(0, 1, ARM_LEVELS[0][0])).toBeLessThan(armReward(0, 2, ARM_LEVELS[0][2]));
  });
});
