import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { sigmoid, sigmoidGrad, tanh, tanhGrad } from '../../../../src/agents/common/nn/activations.ts';
import { relErr, sech2, sigmoidPrime } from './closed-forms.ts';

beforeAll(async () => {
  await initBackend();
});

describe('activation derivatives from the pre-activation', () => {
  it('tanhGrad and sigmoidGrad equal the float64 closed forms to float32 precision, saturated or not', () => {
    // |z| <= 40: sech²(40) ≈ 7e-35, still a normal float32.
    fc.assert(
      fc.property(fc.array(fc.double({ min: -40, max: 40, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: -3, max: 3, noNaN: true }), (zs, upstream) => {
        fc.pre(Math.abs(upstream) > 1e-3);
        const z32 = Array.from(Float32Array.from(zs)); // the values the tensors hold
        const [gt, gs] = tf.tidy(() => {
          const z = tf.tensor1d(z32);
          const dy = tf.fill([z32.length], upstream);
          return [tanhGrad(dy, z).dataSync(), sigmoidGrad(dy, z, tf.sigmoid(z)).dataSync()];
        });
        const dy32 = Math.fround(upstream);
        z32.forEach((z, k) => {
          expect(relErr(gt[k], dy32 * sech2(z))).toBeLessThan(1e-5);
          expect(relErr(gs[k], dy32 * sigmoidPrime(z))).toBeLessThan(1e-5);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('tanh and sigmoid keep tf.tanh and tf.sigmoid values, and their gradients do not vanish where the output rounds to ±1', () => {
    const zs = [-30, -20, -9.5, -1.2, 0, 0.7, 9.5, 20, 30];
    tf.tidy(() => {
      const z = tf.tensor1d(zs);
      expect(Array.from(tanh(z).dataSync())).toEqual(Array.from(tf.tanh(z).dataSync()));
      expect(Array.from(sigmoid(z).dataSync())).toEqual(Array.from(tf.sigmoid(z).dataSync()));
      // The outputs at |z| >= 9.5 are exactly ±1 in float32 (sigmoid: 1 for z >= 20), so tf's
      // output-based gradients are exactly 0 there; ours are sech²(z) and sigmoid'(z).
      expect(tf.tanh(tf.scalar(9.5)).dataSync()[0]).toBe(1);
      expect(tf.grad((x: tf.Tensor) => tf.sum(tf.tanh(x)))(tf.scalar(20)).dataSync()[0]).toBe(0);
      const gt = tf.grad((x: tf.Tensor) => tf.sum(tanh(x)))(z).dataSync();
      const gs = tf.grad((x: tf.Tensor) => tf.sum(sigmoid(x)))(z).dataSync();
      zs.forEach((v, k) => {
        expect(gt[k]).toBeGreaterThan(0);
        expect(gs[k]).toBeGreaterThan(0);
        expect(relErr(gt[k], sech2(v))).toBeLessThan(1e-5);
        expect(relErr(gs[k], sigmoidPrime(v))).toBeLessThan(1e-5);
      });
    });
  });

  it('ops leak no tensors under gradient', () => {
    const z = tf.tensor1d([0.5, 25]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tanh(x), sigmoid(x))))(z);
    });
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
  });
});
