import { beforeAll, describe, it, expect } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { nStepReturns } from '../../../../src/agents/rl/a2c/returns.ts';
import { categoricalLogProbEntropy, gaussianLogProbEntropy } from '../../../../src/agents/rl/a2c/policy.ts';

beforeAll(async () => {
  await initBackend();
});

describe('n-step returns', () => {
  it('bootstrap from V(s\') of the last step, by hand', () => {
    expect(Array.from(nStepReturns([1, 1, 1], [0, 0, 0], [0, 0, 0], [99, 99, 10], 0.5))).toEqual([3, 4, 6]);
  });
  it('stop at a terminal step', () => {
    expect(Array.from(nStepReturns([1, 1, 1], [0, 1, 0], [0, 1, 0], [99, 99, 10], 0.5))).toEqual([1.5, 1, 6]);
  });
  it('bootstrap from V(s\') at a time-limit truncation and restart after it', () => {
    expect(Array.from(nStepReturns([1, 1, 1], [0, 0, 0], [0, 1, 0], [99, 4, 10], 0.5))).toEqual([2.5, 3, 6]);
  });
});

describe('policy heads', () => {
  it('Gaussian log-density and entropy match the closed forms', () => {
    const mean = tf.tensor2d([[0, 1]]);
    const logStd = tf.tensor1d([0, Math.log(2)]);
    const a = tf.tensor2d([[1, 0]]);
    const { logProb, entropy } = gaussianLogProbEntropy(mean, logStd, a);
    const expected = -0.5 * 1 - 0.5 * Math.log(2 * Math.PI) + (-0.5 * 0.25 - Math.log(2) - 0.5 * Math.log(2 * Math.PI));
    expect(logProb.dataSync()[0]).toBeCloseTo(expected, 5);
    expect(entropy.dataSync()[0]).toBeCloseTo(0.5 * (1 + Math.log(2 * Math.PI)) * 2 + Math.log(2), 5);
  });
  it('categorical log-probability and entropy match softmax by hand', () => {
    const { logProb, entropy } = categoricalLogProbEntropy(tf.tensor2d([[0, Math.log(3)]]), tf.tensor1d([1], 'int32'));
    expect(logProb.dataSync()[0]).toBeCloseTo(Math.log(0.75), 6);
    expect(entropy.dataSync()[0]).toBeCloseTo(-(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 6);
  });
});
