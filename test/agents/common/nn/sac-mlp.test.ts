import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp, type MlpConfig } from '../../../../src/agents/common/mlp.ts';
import { TransposeCache, backwardColumns, columnsOf, forwardColumns, namedGradients, passOutput } from '../../../../src/agents/common/nn/sac-mlp.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('column-layout MLP passes (nn/sac-mlp.ts) against Mlp.apply and tf autograd', () => {
  // An odd input width (33: tf.transpose path) and SIMD-transposable hidden widths.
  const cases: [string, MlpConfig, number][] = [
    ['small, odd widths', { inputSize: 5, hiddenSizes: [7, 6], outputSize: 3, seed: 41 }, 6],
    ['critic-like, wide', { inputSize: 33, hiddenSizes: [256, 128], outputSize: 1, seed: 42 }, 16],
  ];
  for (const [name, cfg, n] of cases) {
    it(`output, weight gradients and input gradient match (${name})`, () => {
      const net = new Mlp(cfg);
      const rng = new RandomStream('test/sac-mlp', cfg.seed);
      net.setWeights(net.getWeights().map((w, i) => (i % 2 === 1 ? w.map(() => rng.uniformIn(-0.3, 0.3)) : w)));
      const x = Float32Array.from({ length: n * cfg.inputSize }, () => rng.normal());
      const c = Float32Array.from({ length: n * cfg.outputSize }, () => rng.uniformIn(-1, 1));
      const cache = new TransposeCache();
      tf.tidy(() => {
        const xt = tf.tensor2d(x, [n, cfg.inputSize]);
        const ct = tf.tensor2d(c, [n, cfg.outputSize]);
        const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(net.apply(xt), ct)) as tf.Scalar, net.variables);
        const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(net.apply(v as tf.Tensor2D), ct)))(xt);
        const pass = forwardColumns(net, columnsOf(x, n, cfg.inputSize), cache);
        const y = tf.transpose(passOutput(pass));
        expect(maxAbsDiff(y.dataSync(), net.apply(xt).dataSync())).toBeLessThan(1e-5);
        expect(Math.abs(tf.sum(tf.mul(y, ct)).dataSync()[0] - value.dataSync()[0])).toBeLessThan(1e-4);
        const g = backwardColumns(pass, tf.transpose(ct), { weights: true, input: true });
        const named = namedGradients(net, g);
        for (const v of net.variables) {
          const want = grads[v.name].dataSync();
          const scale = Math.max(1, ...Array.from(want, Math.abs));
          expect(maxAbsDiff(named[v.name].dataSync(), want) / scale).toBeLessThan(1e-5);
        }
        expect(maxAbsDiff(tf.transpose(g.dxT!).dataSync(), dx.dataSync())).toBeLessThan(1e-5);
        // Asking for less gives the same parts.
        const onlyW = backwardColumns(pass, tf.transpose(ct), { weights: true, input: false });
        expect(onlyW.dxT).toBeUndefined();
        expect(maxAbsDiff(onlyW.dW[0].dataSync(), g.dW[0].dataSync())).toBe(0);
        const onlyX = backwardColumns(pass, tf.transpose(ct), { weights: false, input: true });
        expect(onlyX.dW.length).toBe(0);
        expect(maxAbsDiff(onlyX.dxT!.dataSync(), g.dxT!.dataSync())).toBe(0);
      });
      cache.dispose();
      net.dispose();
    });
  }

  it('the transpose cache follows weight changes and frees what it replaces', () => {
    const net = new Mlp({ inputSize: 8, hiddenSizes: [16], outputSize: 4, seed: 3 });
    const other = new Mlp({ inputSize: 8, hiddenSizes: [16], outputSize: 4, seed: 4 });
    const cache = new TransposeCache();
    const w = net.variables[0];
    const first = cache.get(w);
    expect(cache.get(w)).toBe(first); // unchanged weights: the same tensor, no new transpose
    const before = tf.memory().numTensors;
    net.copyFrom(other);
    const second = cache.get(w);
    expect(second).not.toBe(first);
    expect(first.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(before); // one transpose replaced another
    expect(maxAbsDiff(second.dataSync(), tf.tidy(() => tf.transpose(other.variables[0]).dataSync()))).toBe(0);
    cache.dispose();
    expect(second.isDisposed).toBe(true);
    net.dispose();
    other.dispose();
  });

  it('refuses nets it does not implement', () => {
    const net = new Mlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1, activation: 'tanh', seed: 1 });
    expect(() => tf.tidy(() => void forwardColumns(net, columnsOf(new Float32Array(2), 1, 2), new TransposeCache()))).toThrow(/relu hidden layers/);
    net.dispose();
  });
});
