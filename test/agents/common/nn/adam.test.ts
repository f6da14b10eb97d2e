import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Adam, adamUpdate } from '../../../../src/agents/common/nn/adam.ts';
import { Mlp } from '../../../../src/agents/common/mlp.ts';

beforeAll(async () => {
  await initBackend();
});

const f32 = (xs: number[]) => Float32Array.from(xs);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('adamUpdate (scalar reference)', () => {
  it('first step moves each parameter by lr * g / (|g| + eps) (m_hat = g, v_hat = g²)', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }), (gs) => {
        const g = f32(gs);
        const p = f32(gs.map((_, i) => i * 0.5));
        const out = new Float32Array(g.length);
        const m = new Float32Array(g.length);
        const v = new Float32Array(g.length);
        adamUpdate(out, p, g, m, v, 1, 0.01, 0.9, 0.999, 1e-8);
        for (let i = 0; i < g.length; i++) {
          const want = p[i] - (0.01 * g[i]) / (Math.abs(g[i]) + 1e-8);
          expect(out[i]).toBeCloseTo(want, 5);
          expect(m[i]).toBeCloseTo(0.1 * g[i], 5);
          expect(v[i]).toBeCloseTo(0.001 * g[i] * g[i], 5);
        }
      }),
    );
  });

  it('constant gradient: after t steps the bias-corrected step is still lr * sign(g)', () => {
    const g = f32([2, -3]);
    const p = f32([0, 0]);
    const m = new Float32Array(2);
    const v = new Float32Array(2);
    for (let t = 1; t <= 50; t++) adamUpdate(p, p, g, m, v, t, 1e-3, 0.9, 0.999, 1e-8);
    // m_hat = g and v_hat = g² exactly for a constant gradient, so each step is lr * sign(g).
    expect(p[0]).toBeCloseTo(-50e-3, 5);
    expect(p[1]).toBeCloseTo(50e-3, 5);
  });
});

/** Train two copies of a net, one with tf.train.adam, one with ours, on the same data. */
function trainPair(opt: Adam, steps: number, between?: (a: Mlp, b: Mlp, step: number) => void) {
  const cfg = { inputSize: 5, hiddenSizes: [7, 6], outputSize: 3, seed: 4 };
  const a = new Mlp(cfg);
  const b = new Mlp(cfg);
  const ref = tf.train.adam(opt.learningRate, opt.beta1, opt.beta2, opt.epsilon);
  const x = tf.randomNormal([9, 5], 0, 1, 'float32', 3) as tf.Tensor2D;
  const y = tf.randomNormal([9, 3], 0, 1, 'float32', 4);
  for (let s = 0; s < steps; s++) {
    ref.minimize(() => tf.losses.meanSquaredError(y, a.apply(x)) as tf.Scalar, false, a.variables);
    opt.minimize(() => tf.losses.meanSquaredError(y, b.apply(x)) as tf.Scalar, false, b.variables);
    between?.(a, b, s);
  }
  const out = { ref: a.getWeights(), ours: b.getWeights() };
  [a, b].forEach((m) => m.dispose());
  tf.dispose([x, y]);
  ref.dispose();
  return out;
}

describe('Adam optimizer', () => {
  for (const forceScalar of [false, true]) {
    it(`matches tf.train.adam over 30 steps (${forceScalar ? 'JS loop' : 'SIMD kernel'})`, () => {
      const opt = new Adam({ learningRate: 3e-3, epsilon: 1e-7, forceScalar });
      expect(opt.mode).toBe(forceScalar ? 'copy-js' : 'wasm-heap');
      const { ref, ours } = trainPair(opt, 30);
      ours.forEach((w, i) => expect(maxAbsDiff(w, ref[i])).toBeLessThan(1e-5));
      // and the weights did move: the comparison is not between two untouched nets
      const init = new Mlp({ inputSize: 5, hiddenSizes: [7, 6], outputSize: 3, seed: 4 });
      expect(maxAbsDiff(ours[0], init.getWeights()[0])).toBeGreaterThan(1e-2);
      init.dispose();
    });
  }

  it('on the cpu backend runs the SIMD kernel on copies and still matches tf.train.adam', async () => {
    await initBackend('cpu');
    try {
      const opt = new Adam({ learningRate: 3e-3, epsilon: 1e-7 });
      expect(opt.mode).toBe('copy-simd');
      const { ref, ours } = trainPair(opt, 20);
      ours.forEach((w, i) => expect(maxAbsDiff(w, ref[i])).toBeLessThan(1e-5));
    } finally {
      await initBackend('wasm');
    }
  });

  it('carries its moments across a backend switch mid-run', async () => {
    const opt = new Adam({ learningRate: 3e-3, epsilon: 1e-7 });
    const { ref, ours } = trainPair(opt, 16, (_a, _b, s) => {
      // trainPair is synchronous; tf.setBackend on an initialised backend resolves at once.
      if (s === 7) {
        void tf.setBackend('cpu');
        expect(opt.mode).toBe('copy-simd');
      }
      if (s === 11) {
        void tf.setBackend('wasm');
        expect(opt.mode).toBe('wasm-heap');
      }
    });
    expect(tf.getBackend()).toBe('wasm');
    ours.forEach((w, i) => expect(maxAbsDiff(w, ref[i])).toBeLessThan(1e-5));
  });

  it('re-reads a variable that changed between steps (setWeights, soft update)', () => {
    const opt = new Adam({ learningRate: 1e-2, epsilon: 1e-7 });
    const other = new Mlp({ inputSize: 5, hiddenSizes: [7, 6], outputSize: 3, seed: 99 });
    const { ref, ours } = trainPair(opt, 12, (a, b, s) => {
      if (s === 4) {
        const w = other.getWeights();
        a.setWeights(w);
        b.setWeights(w);
      }
      if (s === 8) {
        a.softUpdateFrom(other, 0.3);
        b.softUpdateFrom(other, 0.3);
      }
    });
    other.dispose();
    ours.forEach((w, i) => expect(maxAbsDiff(w, ref[i])).toBeLessThan(1e-5));
  });

  it('getWeights/setWeights carry the moments: a restored optimizer continues identically', async () => {
    const cfg = { inputSize: 3, hiddenSizes: [4], outputSize: 2, seed: 5 };
    const net = new Mlp(cfg);
    const x = tf.randomNormal([6, 3], 0, 1, 'float32', 8) as tf.Tensor2D;
    const y = tf.randomNormal([6, 2], 0, 1, 'float32', 9);
    const loss = (m: Mlp) => () => tf.losses.meanSquaredError(y, m.apply(x)) as tf.Scalar;
    const a = new Adam({ learningRate: 1e-2 });
    for (let i = 0; i < 5; i++) a.minimize(loss(net), false, net.variables);
    const snapshot = net.getWeights();
    const state = await a.getWeights();
    a.minimize(loss(net), false, net.variables);
    const afterA = net.getWeights();

    const b = new Adam({ learningRate: 1e-2 });
    await b.setWeights(state);
    tf.dispose(state.map((s) => s.tensor));
    expect(b.iterations).toBe(5);
    net.setWeights(snapshot);
    b.minimize(loss(net), false, net.variables);
    const afterB = net.getWeights();
    afterA.forEach((w, i) => expect(Array.from(afterB[i])).toEqual(Array.from(w)));
    // A fresh optimizer (zero moments, t = 1) takes a different step: the state mattered.
    net.setWeights(snapshot);
    new Adam({ learningRate: 1e-2 }).minimize(loss(net), false, net.variables);
    expect(maxAbsDiff(net.getWeights()[0], afterA[0])).toBeGreaterThan(1e-4);
    net.dispose();
    tf.dispose([x, y]);
  });

  it('updates scalar and odd-sized variables like tf.train.adam (no 4-lane padding on the heap)', () => {
    for (const shape of [[], [1], [5], [3, 3]] as number[][]) {
      const init = tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => 0.3 * i - 0.5), shape);
      const a = tf.variable(init.clone());
      const b = tf.variable(init.clone());
      const ref = tf.train.adam(0.05, 0.9, 0.999, 1e-8);
      const ours = new Adam({ learningRate: 0.05 });
      const loss = (v: tf.Variable) => () => tf.sum(tf.mul(tf.square(tf.sub(v, 0.7)), tf.add(v, 2))) as tf.Scalar;
      for (let i = 0; i < 10; i++) {
        ref.minimize(loss(a), false, [a]);
        ours.minimize(loss(b), false, [b]);
      }
      expect(maxAbsDiff(b.dataSync(), a.dataSync())).toBeLessThan(1e-5);
      expect(maxAbsDiff(b.dataSync(), init.dataSync())).toBeGreaterThan(0.1);
      tf.dispose([init, a, b]);
      ref.dispose();
      ours.dispose();
    }
  });

  it('keeps the tensor count flat and rejects bad hyper-parameters', () => {
    const net = new Mlp({ inputSize: 3, hiddenSizes: [4], outputSize: 2, seed: 5 });
    const x = tf.ones([2, 3]) as tf.Tensor2D;
    const opt = new Adam({ learningRate: 1e-3 });
    opt.minimize(() => tf.sum(net.apply(x)) as tf.Scalar, false, net.variables);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) opt.minimize(() => tf.sum(net.apply(x)) as tf.Scalar, false, net.variables);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
    x.dispose();
    expect(() => new Adam({ learningRate: 0 })).toThrow(RangeError);
    expect(() => new Adam({ learningRate: 1e-3, beta1: 1 })).toThrow(RangeError);
  });
});
