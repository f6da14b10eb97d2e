import { beforeAll, describe, it, expect } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { chosenQ, qTargets, tdLossElements } from '../../../../src/agents/rl/dqn/loss.ts';

beforeAll(async () => {
  await initBackend();
});

describe('DQN targets and loss', () => {
  let nextTarget: tf.Tensor2D;
  let nextOnline: tf.Tensor2D;
  let rewards: tf.Tensor1D;
  beforeAll(() => {
    nextTarget = tf.tensor2d([
      [1, 5, 2],
      [4, 0, -1],
    ]);
    nextOnline = tf.tensor2d([
      [9, 0, 0],
      [0, 0, 3],
    ]);
    rewards = tf.tensor1d([0.5, -1]);
  });

  it('DQN: r + gamma * (1 - done) * max_a Q_target(s\', a)', () => {
    const y = qTargets(rewards, tf.tensor1d([0, 0]), 0.9, nextTarget).dataSync();
    expect(y[0]).toBeCloseTo(0.5 + 0.9 * 5, 5);
    expect(y[1]).toBeCloseTo(-1 + 0.9 * 4, 5);
    const done = qTargets(rewards, tf.tensor1d([1, 0]), 0.9, nextTarget).dataSync();
    expect(done[0]).toBeCloseTo(0.5, 6);
  });

  it('double DQN: the online net picks a\', the target net values it', () => {
    const y = qTargets(rewards, tf.tensor1d([0, 0]), 0.9, nextTarget, nextOnline).dataSync();
    expect(y[0]).toBeCloseTo(0.5 + 0.9 * 1, 5); // online argmax 0 -> target value 1
    expect(y[1]).toBeCloseTo(-1 + 0.9 * -1, 5); // online argmax 2 -> target value -1
  });

  it('picks Q(s, a) of the taken action', () => {
    expect(Array.from(chosenQ(nextTarget, tf.tensor1d([1, 2], 'int32')).dataSync())).toEqual([5, -1]);
  });

  it('Huber is quadratic inside |td| <= 1 and linear outside; mse squares', () => {
    const td = tf.tensor1d([0.5, -2, 3, 0]);
    expect(Array.from(tdLossElements(td, 'huber').dataSync())).toEqual([0.125, 1.5, 2.5, 0]);
    expect(Array.from(tdLossElements(td, 'mse').dataSync())).toEqual([0.25, 4, 9, 0]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tdLossElements(x, 'huber')))(td).dataSync();
    expect(Array.from(g).map((v) => v + 0)).toEqual([0.5, -1, 1, 0]);
  });
});
