import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { initBackend, tf } from '../../../src/agents/common/backend.ts';
import { Mlp, layerSizes, type MlpConfig } from '../../../src/agents/common/mlp.ts';

beforeAll(async () => {
  await initBackend();
});

const small: MlpConfig = { inputSize: 3, hiddenSizes: [5, 4], outputSize: 2, seed: 7 };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('Mlp initialisation', () => {
  it('same seed gives the same weights, a different seed different ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (s1, s2) => {
        fc.pre(s1 !== s2);
        const a = new Mlp({ ...small, seed: s1 });
        const b = new Mlp({ ...small, seed: s1 });
        const c = new Mlp({ ...small, seed: s2 });
        const [wa, wb, wc] = [a.getWeights(), b.getWeights(), c.getWeights()];
        [a, b, c].forEach((m) => m.dispose());
        expect(wa.map((w) => Array.from(w))).toEqual(wb.map((w) => Array.from(w)));
        expect(maxAbsDiff(wa[0], wc[0])).toBeGreaterThan(0);
      }),
      { numRuns: 20 },
    );
  });

  it('draws He-uniform hidden weights within ±sqrt(6/fan_in), zero biases, and the DDPG final-layer range', () => {
    const m = new Mlp({ inputSize: 24, hiddenSizes: [300], outputSize: 4, seed: 3, finalLayerInitScale: 3e-3 });
    const [w0, b0, w1, b1] = m.getWeights();
    m.dispose();
    const lim = Math.sqrt(6 / 24);
    expect(Math.max(...w0.map(Math.abs))).toBeLessThanOrEqual(lim);
    // A uniform on ±lim has variance lim²/3: 7200 draws pin it within a few percent.
    const variance = w0.reduce((s, v) => s + v * v, 0) / w0.length;
    expect(variance).toBeCloseTo((lim * lim) / 3, 2);
    expect(Array.from(b0).every((v) => v === 0)).toBe(true);
    expect(Math.max(...w1.map(Math.abs), ...b1.map(Math.abs))).toBeLessThanOrEqual(3e-3);
    expect(w1.some((v) => v !== 0)).toBe(true);
  });

  it("init 'pytorch' draws weights and biases from U(±1/sqrt(fan_in)) in every layer, as torch.nn.Linear", () => {
    const m = new Mlp({ inputSize: 16, hiddenSizes: [400], outputSize: 64, seed: 5, init: 'pytorch' });
    const [w0, b0, w1, b1] = m.getWeights();
    m.dispose();
    for (const [w, b, fanIn] of [[w0, b0, 16], [w1, b1, 400]] as const) {
      const lim = 1 / Math.sqrt(fanIn);
      expect(Math.max(...w.map(Math.abs), ...b.map(Math.abs))).toBeLessThanOrEqual(lim);
      const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
      expect(variance).toBeCloseTo((lim * lim) / 3, 3);
      expect(b.some((v) => v !== 0)).toBe(true);
    }
    expect(() => new Mlp({ ...small, init: 'xavier' as 'keras' })).toThrow(/init must be/);
  });
});

describe('Mlp forward', () => {
  it('matches a hand-computed 2-2-1 relu net with a sigmoid output', () => {
    const m = new Mlp({ inputSize: 2, hiddenSizes: [2], outputSize: 1, outputActivation: 'sigmoid', seed: 1 });
    // W0 = [[1, -1], [2, 0.5]] ([in, out]), b0 = [0.5, -1]; W1 = [[1], [-2]], b1 = [0.25]
    m.setWeights([new Float32Array([1, -1, 2, 0.5]), new Float32Array([0.5, -1]), new Float32Array([1, -2]), new Float32Array([0.25])]);
    // x = (1, 2): z0 = (1 + 4 + 0.5, -1 + 1 - 1) = (5.5, -1) -> relu (5.5, 0) -> z1 = 5.5 + 0.25 = 5.75
    // x = (-1, 0): z0 = (-1 + 0.5, 1 - 1) = (-0.5, 0) -> relu (0, 0) -> z1 = 0.25
    const y = m.predict(new Float32Array([1, 2, -1, 0]), 2);
    m.dispose();
    expect(y[0]).toBeCloseTo(1 / (1 + Math.exp(-5.75)), 6);
    expect(y[1]).toBeCloseTo(1 / (1 + Math.exp(-0.25)), 6);
  });

  it('tanh hidden and tanh output layers', () => {
    const m = new Mlp({ inputSize: 1, hiddenSizes: [1], outputSize: 1, activation: 'tanh', outputActivation: 'tanh', seed: 1 });
    m.setWeights([new Float32Array([2]), new Float32Array([-1]), new Float32Array([3]), new Float32Array([0.5])]);
    const y = m.predict(new Float32Array([0.8]));
    m.dispose();
    expect(y[0]).toBeCloseTo(Math.tanh(3 * Math.tanh(2 * 0.8 - 1) + 0.5), 6);
  });

  it('predict agrees with the reference forward on a wide net, right after a weight change and after', () => {
    const cfg: MlpConfig = { inputSize: 8, hiddenSizes: [256, 128], outputSize: 4, outputActivation: 'tanh', seed: 3 };
    const m = new Mlp(cfg);
    const other = new Mlp({ ...cfg, seed: 4 });
    const withBiases = (net: Mlp) => net.getWeights().map((w, i) => (i % 2 === 1 ? w.map((_, j) => 0.1 * Math.cos(j + i)) : w));
    m.setWeights(withBiases(m));
    for (const batch of [1, 4, 5]) {
      const x = Float32Array.from({ length: batch * 8 }, (_, i) => Math.sin(i));
      const want = () => tf.tidy(() => referenceForward(cfg, m.variables, tf.tensor2d(x, [batch, 8])).dataSync());
      // 1st call: weights new to XNNPACK (transposed path); 2nd: unchanged (fused path).
      expect(maxAbsDiff(m.predict(x, batch), want())).toBeLessThan(1e-5);
      expect(maxAbsDiff(m.predict(x, batch), want())).toBeLessThan(1e-5);
      m.softUpdateFrom(other, 0.5);
    }
    [m, other].forEach((n) => n.dispose());
  });

  it('rejects an input of the wrong length', () => {
    const m = new Mlp(small);
    expect(() => m.predict(new Float32Array(4))).toThrow(RangeError);
    m.dispose();
  });
});

/** Plain autograd reference: x W + b with tf's own matMul/relu/tanh gradients. */
function referenceForward(cfg: MlpConfig, vars: tf.Variable[], x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  const layers = layerSizes(cfg).length - 1;
  for (let l = 0; l < layers; l++) {
    const z = tf.add(tf.matMul(h, vars[2 * l]), vars[2 * l + 1]) as tf.Tensor2D;
    if (l < layers - 1) h = cfg.activation === 'tanh' ? tf.tanh(z) : tf.relu(z);
    else if (cfg.outputActivation === 'tanh') h = tf.tanh(z);
    else if (cfg.outputActivation === 'sigmoid') h = tf.sigmoid(z);
    else h = z;
  }
  return h;
}

describe('Mlp gradients', () => {
  // [name, net, batch]. Layers of >= 32768 weights with sides and batch divisible by 4 take
  // the transposed forward (nn/dense.ts); the others the fused kernel.
  const cases: [string, MlpConfig, number][] = [
    ['relu/linear', { inputSize: 6, hiddenSizes: [8, 7], outputSize: 3, seed: 11 }, 10],
    ['tanh/tanh', { inputSize: 4, hiddenSizes: [9], outputSize: 2, activation: 'tanh', outputActivation: 'tanh', seed: 12 }, 10],
    ['relu/sigmoid, no hidden', { inputSize: 5, hiddenSizes: [], outputSize: 2, outputActivation: 'sigmoid', seed: 13 }, 10],
    ['relu, transposed forward', { inputSize: 8, hiddenSizes: [256, 128], outputSize: 4, seed: 14 }, 12],
    ['tanh/tanh, transposed forward', { inputSize: 8, hiddenSizes: [256, 128], outputSize: 4, activation: 'tanh', outputActivation: 'tanh', seed: 15 }, 12],
    ['wide layer, batch not divisible by 4', { inputSize: 8, hiddenSizes: [256, 128], outputSize: 4, seed: 16 }, 10],
  ];
  for (const [name, cfg, batch] of cases) {
    it(`equal tf autograd gradients (${name}), w.r.t. weights and input`, () => {
      const m = new Mlp(cfg);
      // Non-zero biases (the init's are zero), so a dropped bias term would show.
      m.setWeights(m.getWeights().map((w, i) => (i % 2 === 1 ? w.map((_, j) => 0.2 * Math.sin(3 * j + i)) : w)));
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.randomNormal([batch, cfg.inputSize], 0, 1, 'float32', 5) as tf.Tensor2D;
        const target = tf.randomNormal([batch, cfg.outputSize], 0, 1, 'float32', 6);
        const loss = (f: (x: tf.Tensor2D) => tf.Tensor2D) => (xx: tf.Tensor) => tf.mean(tf.square(tf.sub(f(xx as tf.Tensor2D), target))) as tf.Scalar;
        const mine = tf.variableGrads(() => loss((xx) => m.apply(xx))(x), m.variables);
        const ref = tf.variableGrads(() => loss((xx) => referenceForward(cfg, m.variables, xx))(x), m.variables);
        expect(Math.abs(mine.value.dataSync()[0] - ref.value.dataSync()[0])).toBeLessThan(1e-5);
        for (const v of m.variables) {
          expect(maxAbsDiff(mine.grads[v.name].dataSync(), ref.grads[v.name].dataSync())).toBeLessThan(1e-5);
        }
        const gxMine = tf.grad(loss((xx) => m.apply(xx)))(x);
        const gxRef = tf.grad(loss((xx) => referenceForward(cfg, m.variables, xx)))(x);
        expect(maxAbsDiff(gxMine.dataSync(), gxRef.dataSync())).toBeLessThan(1e-5);
      });
      expect(tf.memory().numTensors).toBe(before);
      m.dispose();
    });
  }
});

describe('Mlp gradient options', () => {
  const cfg: MlpConfig = { inputSize: 4, hiddenSizes: [6, 5], outputSize: 2, activation: 'tanh', seed: 21 };

  it('{ weights: false } still gives the input gradient and no weight gradient', () => {
    const m = new Mlp(cfg);
    tf.tidy(() => {
      const x = tf.randomNormal([7, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
      const f = (withGrads: boolean) => (xx: tf.Tensor) => tf.sum(tf.square(withGrads ? m.apply(xx as tf.Tensor2D) : m.apply(xx as tf.Tensor2D, { weights: false }))) as tf.Scalar;
      expect(maxAbsDiff(tf.grad(f(false))(x).dataSync(), tf.grad(f(true))(x).dataSync())).toBeLessThan(1e-6);
      expect(() => tf.variableGrads(() => f(false)(x), m.variables)).toThrow();
    });
    m.dispose();
  });

  it('{ input: false } gives the same weight gradients and treats the input as a constant', () => {
    const m = new Mlp(cfg);
    tf.tidy(() => {
      const x = tf.randomNormal([7, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
      const full = tf.variableGrads(() => tf.sum(tf.square(m.apply(x))) as tf.Scalar, m.variables);
      const noInput = tf.variableGrads(() => tf.sum(tf.square(m.apply(x, { input: false }))) as tf.Scalar, m.variables);
      for (const v of m.variables) expect(maxAbsDiff(noInput.grads[v.name].dataSync(), full.grads[v.name].dataSync())).toBeLessThan(1e-6);
      const gx = tf.grad((xx: tf.Tensor) => tf.sum(m.apply(xx as tf.Tensor2D, { input: false, weights: false })) as tf.Scalar)(x);
      expect(Array.from(gx.dataSync()).every((v) => v === 0)).toBe(true);
    });
    m.dispose();
  });
});

describe('Mlp target updates', () => {
  it('softUpdateFrom applies theta <- tau*other + (1-tau)*theta', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (tau) => {
        const a = new Mlp({ ...small, seed: 1 });
        const b = new Mlp({ ...small, seed: 2 });
        const [wa, wb] = [a.getWeights(), b.getWeights()];
        a.softUpdateFrom(b, tau);
        const got = a.getWeights();
        a.dispose();
        b.dispose();
        got.forEach((g, i) => {
          const want = wa[i].map((v, j) => tau * wb[i][j] + (1 - tau) * v);
          expect(maxAbsDiff(g, want)).toBeLessThan(1e-6);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('copyFrom makes the nets equal; shape mismatch and bad tau are rejected', () => {
    const a = new Mlp({ ...small, seed: 1 });
    const b = new Mlp({ ...small, seed: 2 });
    const c = new Mlp({ ...small, hiddenSizes: [5], seed: 2 });
    a.copyFrom(b);
    expect(a.getWeights().map((w) => Array.from(w))).toEqual(b.getWeights().map((w) => Array.from(w)));
    expect(() => a.copyFrom(c)).toThrow(RangeError);
    expect(() => a.softUpdateFrom(b, 1.5)).toThrow(RangeError);
    [a, b, c].forEach((m) => m.dispose());
  });
});

describe('Mlp memory', () => {
  it('keeps the tensor count flat over 1000 Adam steps', () => {
    const m = new Mlp({ inputSize: 4, hiddenSizes: [16, 16], outputSize: 2, seed: 9 });
    const opt = tf.train.adam(1e-3);
    const x = tf.randomNormal([8, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
    const y = tf.randomNormal([8, 2], 0, 1, 'float32', 2);
    const step = () => {
      const cost = opt.minimize(() => tf.mean(tf.square(tf.sub(m.apply(x), y))) as tf.Scalar, true, m.variables);
      cost?.dispose();
    };
    step(); // Adam creates its moment slots on the first step
    const before = tf.memory().numTensors;
    let first = NaN;
    let last = NaN;
    for (let i = 0; i < 1000; i++) {
      const cost = opt.minimize(() => tf.mean(tf.square(tf.sub(m.apply(x), y))) as tf.Scalar, true, m.variables);
      const v = cost!.dataSync()[0];
      cost!.dispose();
      if (i === 0) first = v;
      last = v;
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first); // the steps did learn
    opt.dispose();
    [x, y].forEach((t) => t.dispose());
    m.dispose();
  });

  it('predict leaks no tensors and dispose releases the weights', () => {
    const before = tf.memory().numTensors;
    const m = new Mlp(small);
    const withNet = tf.memory().numTensors;
    expect(withNet - before).toBe(m.variables.length);
    for (let i = 0; i < 200; i++) m.predict(new Float32Array([i, 1, 2]));
    expect(tf.memory().numTensors).toBe(withNet);
    m.dispose();
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
