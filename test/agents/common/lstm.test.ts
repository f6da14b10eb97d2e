import { beforeAll, describe, it, expect } from 'vitest';
import { initBackend, tf } from '../../../src/agents/common/backend.ts';
import { Lstm, lstmInitialWeights } from '../../../src/agents/common/lstm.ts';
import { relErr, sech2, sigmoidPrime } from './nn/closed-forms.ts';

beforeAll(async () => {
  await initBackend();
});

const sig = (x: number) => 1 / (1 + Math.exp(-x));

describe('Lstm', () => {
  it('has the documented shapes and a step agrees with the unrolled sequence', () => {
    const lstm = new Lstm({ inputSize: 3, hiddenSize: 5, seed: 1 });
    const x = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 7) as tf.Tensor3D;
    const { outputs, state } = lstm.sequence(x);
    expect(outputs.shape).toEqual([2, 4, 5]);
    expect(state.h.shape).toEqual([2, 5]);
    let s = lstm.zeroState(2);
    const xs = tf.unstack(x, 1) as tf.Tensor2D[];
    for (const xt of xs) s = lstm.step(xt, s);
    const last = tf.squeeze(tf.slice(outputs, [0, 3, 0], [2, 1, 5]), [1]);
    expect(Array.from(s.h.dataSync())).toEqual(Array.from(last.dataSync()).map((v) => expect.closeTo(v, 5)));
    expect(Array.from(s.c.dataSync())).toEqual(Array.from(state.c.dataSync()).map((v) => expect.closeTo(v, 5)));
    lstm.dispose();
  });

  it('matches the LSTM equations computed by hand for one unit over two steps', () => {
    const lstm = new Lstm({ inputSize: 1, hiddenSize: 1, seed: 2 });
    const W = [0.5, -0.3, 0.8, 0.1]; // i, f, g, o
    const U = [0.2, 0.4, -0.6, 0.7];
    const b = [0.1, 1.0, -0.2, 0.05];
    lstm.setWeights([Float32Array.from(W), Float32Array.from(U), Float32Array.from(b)]);
    let h = 0;
    let c = 0;
    const inputs = [1.5, -0.7];
    for (const x of inputs) {
      const z = W.map((w, k) => w * x + U[k] * h + b[k]);
      c = sig(z[1]) * c + sig(z[0]) * Math.tanh(z[2]);
      h = sig(z[3]) * Math.tanh(c);
    }
    const out = lstm.sequence(tf.tensor3d(inputs, [1, 2, 1]));
    expect(out.state.h.dataSync()[0]).toBeCloseTo(h, 6);
    expect(out.state.c.dataSync()[0]).toBeCloseTo(c, 6);
    lstm.dispose();
  });

  it('initialises with orthonormal recurrent rows and forget bias 1', () => {
    const [, U, bias] = lstmInitialWeights({ inputSize: 3, hiddenSize: 4, seed: 9 });
    const H = 4;
    for (let r = 0; r < H; r++) {
      for (let q = 0; q < H; q++) {
        let dot = 0;
        for (let k = 0; k < 4 * H; k++) dot += U[r * 4 * H + k] * U[q * 4 * H + k];
        expect(dot).toBeCloseTo(r === q ? 1 : 0, 5);
      }
    }
    expect(Array.from(bias.subarray(H, 2 * H))).toEqual([1, 1, 1, 1]);
    expect(Array.from(bias.subarray(0, H))).toEqual([0, 0, 0, 0]);
    // Same seed, same weights.
    expect(lstmInitialWeights({ inputSize: 3, hiddenSize: 4, seed: 9 })[0]).toEqual(lstmInitialWeights({ inputSize: 3, hiddenSize: 4, seed: 9 })[0]);
  });

  it('passes gradients through time to every weight and to the first input', () => {
    const lstm = new Lstm({ inputSize: 2, hiddenSize: 3, seed: 3 });
    const x = tf.variable(tf.randomNormal([1, 6, 2], 0, 1, 'float32', 1));
    const { grads, value } = tf.variableGrads(() => {
      const { state } = lstm.sequence(x as unknown as tf.Tensor3D);
      return tf.sum(state.h) as tf.Scalar;
    });
    for (const v of lstm.variables) expect(tf.max(tf.abs(grads[v.name])).dataSync()[0]).toBeGreaterThan(0);
    // d h_T / d x_0: the loss at the last step depends on the first input only through the recurrence.
    const gx0 = tf.slice(grads[x.name], [0, 0, 0], [1, 1, 2]);
    expect(tf.max(tf.abs(gx0)).dataSync()[0]).toBeGreaterThan(1e-6);
    tf.dispose([value, x, gx0, ...Object.values(grads)]);
    lstm.dispose();
  });

  it('saturated gates still pass gradient: forget gate and candidate at z = 20 (outputs exactly 1 in float32)', () => {
    // Zero kernels make every step's gate pre-activations equal the biases: i = 0.5, f = 20,
    // g = 20, o = 0. From zero state, c1 = s(i) tanh(g) and c2 = (1 + s(f)) s(i) tanh(g), so
    // dc2/db_f = s'(f) c1 and dc2/db_g = (1 + s(f)) s(i) sech²(g), with s = sigmoid.
    const lstm = new Lstm({ inputSize: 1, hiddenSize: 1, seed: 6 });
    const [bi, bf, bg, bo] = [0.5, 20, 20, 0];
    lstm.setWeights([new Float32Array(4), new Float32Array(4), Float32Array.of(bi, bf, bg, bo)]);
    const x = tf.tensor3d([0.3, -0.8], [1, 2, 1]);
    const { grads, value } = tf.variableGrads(() => tf.sum(lstm.sequence(x).state.c) as tf.Scalar, lstm.variables);
    const db = grads[lstm.variables[2].name].dataSync();
    expect(tf.sigmoid(tf.scalar(bf)).dataSync()[0]).toBe(1);
    expect(tf.tanh(tf.scalar(bg)).dataSync()[0]).toBe(1);
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const c1 = s(bi) * Math.tanh(bg);
    expect(db[1]).toBeGreaterThan(0);
    expect(relErr(db[1], sigmoidPrime(bf) * c1)).toBeLessThan(1e-4);
    expect(db[2]).toBeGreaterThan(0);
    expect(relErr(db[2], (1 + s(bf)) * s(bi) * sech2(bg))).toBeLessThan(1e-4);
    // The unsaturated input gate, for scale: dc2/db_i = (1 + s(f)) s'(i) tanh(g).
    expect(relErr(db[0], (1 + s(bf)) * sigmoidPrime(bi) * Math.tanh(bg))).toBeLessThan(1e-4);
    tf.dispose([x, value, ...Object.values(grads)]);
    lstm.dispose();
  });

  it('leaks no tensors inside tidy and copies/soft-updates weights', () => {
    const a = new Lstm({ inputSize: 2, hiddenSize: 3, seed: 4 });
    const b = new Lstm({ inputSize: 2, hiddenSize: 3, seed: 5 });
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) tf.tidy(() => {
      a.sequence(tf.ones([4, 8, 2]));
    });
    expect(tf.memory().numTensors).toBe(before);
    const wa = a.getWeights();
    const wb = b.getWeights();
    b.softUpdateFrom(a, 0.25);
    const mixed = b.getWeights();
    expect(mixed[0][3]).toBeCloseTo(0.25 * wa[0][3] + 0.75 * wb[0][3], 6);
    b.copyFrom(a);
    expect(b.getWeights()).toEqual(wa);
    a.dispose();
    b.dispose();
  });
});
