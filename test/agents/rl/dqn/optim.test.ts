import { beforeAll, describe, it, expect } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { linearlyAnnealedLearningRate, minimizeClipped, setLearningRate, timeDecayedLearningRate } from '../../../../src/agents/rl/dqn/optim.ts';

beforeAll(async () => {
  await initBackend();
});

describe('optimiser helpers', () => {
  it('clips the global gradient norm before an SGD step', () => {
    // loss = 3x + 4y has gradient (3, 4), norm 5; clipped to 1 it is (0.6, 0.8).
    const x = tf.variable(tf.scalar(0));
    const y = tf.variable(tf.scalar(0));
    const opt = tf.train.sgd(1);
    const loss = minimizeClipped(opt, () => tf.add(tf.mul(3, x), tf.mul(4, y)) as tf.Scalar, [x, y], 1);
    expect(loss).toBe(0);
    expect(x.dataSync()[0]).toBeCloseTo(-0.6, 5);
    expect(y.dataSync()[0]).toBeCloseTo(-0.8, 5);
    // Below the limit nothing is scaled.
    minimizeClipped(opt, () => tf.add(tf.mul(3, x), tf.mul(4, y)) as tf.Scalar, [x, y], 10);
    expect(x.dataSync()[0]).toBeCloseTo(-3.6, 5);
    tf.dispose([x, y]);
    opt.dispose();
  });

  it('decays the learning rate like Keras: lr / (1 + decay * t)', () => {
    expect(timeDecayedLearningRate(5e-4, 1e-4, 0)).toBe(5e-4);
    expect(timeDecayedLearningRate(5e-4, 1e-4, 10_000)).toBeCloseTo(2.5e-4, 12);
    expect(timeDecayedLearningRate(1, 0, 1e9)).toBe(1);
  });

  it("anneals the learning rate linearly to 0 like RL Zoo's lin_<lr> schedule", () => {
    // 2.3e-3 over 5e4 steps: 3/4 left at 12 500 steps, half at 25 000, 0 at and after the end.
    expect(linearlyAnnealedLearningRate(2.3e-3, 50_000, 0)).toBe(2.3e-3);
    expect(linearlyAnnealedLearningRate(2.3e-3, 50_000, 12_500)).toBeCloseTo(1.725e-3, 15);
    expect(linearlyAnnealedLearningRate(2.3e-3, 50_000, 25_000)).toBeCloseTo(1.15e-3, 15);
    expect(linearlyAnnealedLearningRate(2.3e-3, 50_000, 50_000)).toBe(0);
    expect(linearlyAnnealedLearningRate(2.3e-3, 50_000, 80_000)).toBe(0);
    expect(linearlyAnnealedLearningRate(2.3e-3, 0, 80_000)).toBe(2.3e-3);
  });

  it('setLearningRate changes the step size of an existing Adam', () => {
    const x = tf.variable(tf.scalar(1));
    const opt = tf.train.adam(0.1);
    setLearningRate(opt, 0);
    minimizeClipped(opt, () => tf.square(x) as tf.Scalar, [x]);
    expect(x.dataSync()[0]).toBe(1);
    setLearningRate(opt, 0.1);
    minimizeClipped(opt, () => tf.square(x) as tf.Scalar, [x]);
    expect(x.dataSync()[0]).toBeLessThan(1);
    x.dispose();
    opt.dispose();
  });

  it('leaves no tensors behind', () => {
    const x = tf.variable(tf.tensor1d([1, 2, 3]));
    const opt = tf.train.sgd(0.1);
    minimizeClipped(opt, () => tf.sum(tf.square(x)) as tf.Scalar, [x], 1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) minimizeClipped(opt, () => tf.sum(tf.square(x)) as tf.Scalar, [x], 1);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    opt.dispose();
  });
});
