import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp, layerSizes, type MlpConfig } from '../../../../src/agents/common/mlp.ts';
import { RandomStream } from '../../../../src/random/index.ts';
import { relErr, sech2, sigmoidPrime } from './closed-forms.ts';

beforeAll(async () => {
  await initBackend();
});

type Act = 'relu' | 'tanh' | 'sigmoid' | 'linear';
const act64: Record<Act, (z: number) => number> = {
  relu: (z) => Math.max(z, 0),
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  linear: (z) => z,
};

/** The MLP's function in float64, weights in `getWeights` layout: `loss = sum(c ⊙ mlp(x))`. */
function loss64(cfg: MlpConfig, w: Float64Array[], x: Float64Array, c: Float64Array, batch: number): number {
  const sizes = layerSizes(cfg);
  const layers = sizes.length - 1;
  let h = x;
  for (let l = 0; l < layers; l++) {
    const [nIn, nOut] = [sizes[l], sizes[l + 1]];
    const f = act64[l < layers - 1 ? (cfg.activation ?? 'relu') : (cfg.outputActivation ?? 'linear')];
    const next = new Float64Array(batch * nOut);
    for (let n = 0; n < batch; n++) {
      for (let j = 0; j < nOut; j++) {
        let z = w[2 * l + 1][j];
        for (let i = 0; i < nIn; i++) z += h[n * nIn + i] * w[2 * l][i * nOut + j];
        next[n * nOut + j] = f(z);
      }
    }
    h = next;
  }
  return h.reduce((s, y, k) => s + y * c[k], 0);
}

/** Central difference of `f` in coordinate `k` of `v` (float64, so the step can be tiny). */
function centralDifference(f: () => number, v: Float64Array, k: number, step = 1e-6): number {
  const keep = v[k];
  v[k] = keep + step;
  const up = f();
  v[k] = keep - step;
  const down = f();
  v[k] = keep;
  return (up - down) / (2 * step);
}

/** Coordinates to check: all of a small array, a seeded sample of a large one. */
function coordinates(n: number, rng: RandomStream, max = 40): number[] {
  if (n <= max) return Array.from({ length: n }, (_, k) => k);
  return Array.from({ length: max }, () => Math.floor(rng.uniformIn(0, n)));
}

describe('Mlp backward against finite differences (float64 reference function)', () => {
  // Moderate inputs: x ~ N(0, 1), default inits, nonzero biases. Wide layers (>= 32768
  // weights, sides and batch divisible by 4) take the transposed forward (nn/dense.ts).
  const cases: [string, MlpConfig, number][] = [
    ['relu/linear', { inputSize: 3, hiddenSizes: [6, 5], outputSize: 2, seed: 31 }, 4],
    ['relu/tanh', { inputSize: 3, hiddenSizes: [6, 5], outputSize: 2, outputActivation: 'tanh', seed: 32 }, 4],
    ['relu/sigmoid', { inputSize: 3, hiddenSizes: [6, 5], outputSize: 2, outputActivation: 'sigmoid', seed: 33 }, 4],
    ['tanh/linear', { inputSize: 3, hiddenSizes: [6, 5], outputSize: 2, activation: 'tanh', seed: 34 }, 4],
    ['tanh/tanh', { inputSize: 3, hiddenSizes: [6, 5], outputSize: 2, activation: 'tanh', outputActivation: 'tanh', seed: 35 }, 4],
    ['tanh/sigmoid, no hidden layer', { inputSize: 3, hiddenSizes: [], outputSize: 2, outputActivation: 'sigmoid', seed: 36 }, 4],
    ['tanh/tanh, transposed forward', { inputSize: 8, hiddenSizes: [256, 128], outputSize: 4, activation: 'tanh', outputActivation: 'tanh', seed: 37 }, 8],
  ];
  for (const [name, cfg, batch] of cases) {
    it(`weight and input gradients match (${name})`, () => {
      const m = new Mlp(cfg);
      const rng = new RandomStream('test/fd', cfg.seed);
      m.setWeights(m.getWeights().map((w, i) => (i % 2 === 1 ? w.map(() => rng.uniformIn(-0.3, 0.3)) : w)));
      const x32 = Float32Array.from({ length: batch * cfg.inputSize }, () => rng.normal());
      const c32 = Float32Array.from({ length: batch * cfg.outputSize }, () => rng.uniformIn(-1, 1));
      const { dw, dx } = tf.tidy(() => {
        const x = tf.tensor2d(x32, [batch, cfg.inputSize]);
        const c = tf.tensor2d(c32, [batch, cfg.outputSize]);
        const f = (xx: tf.Tensor) => tf.sum(tf.mul(m.apply(xx as tf.Tensor2D), c)) as tf.Scalar;
        const { grads } = tf.variableGrads(() => f(x), m.variables);
        return { dw: m.variables.map((v) => grads[v.name].dataSync()), dx: tf.grad(f)(x).dataSync() };
      });
      const w64 = m.getWeights().map((w) => Float64Array.from(w));
      const x64 = Float64Array.from(x32);
      const c64 = Float64Array.from(c32);
      const f64 = () => loss64(cfg, w64, x64, c64, batch);
      const check = (got: ArrayLike<number>, v: Float64Array) => {
        for (const k of coordinates(v.length, rng)) {
          const want = centralDifference(f64, v, k);
          expect(Math.abs(got[k] - want)).toBeLessThan(2e-5 + 1e-4 * Math.abs(want));
        }
      };
      w64.forEach((w, l) => check(dw[l], w));
      check(dx, x64);
      m.dispose();
    });
  }
});

describe('Mlp backward through saturated units', () => {
  /** Zero the weight column of unit `j` in layer `l` and set its bias, so its pre-activation is exactly `z` for every input. */
  function pin(m: Mlp, l: number, j: number, z: number): Float32Array[] {
    const w = m.getWeights();
    const out = layerSizes(m.config)[l + 1];
    for (let i = j; i < w[2 * l].length; i += out) w[2 * l][i] = 0;
    w[2 * l + 1][j] = z;
    m.setWeights(w);
    return w;
  }

  const batch = 8;
  const inputs = (cfg: MlpConfig) => tf.randomNormal([batch, cfg.inputSize], 0, 1, 'float32', 3) as tf.Tensor2D;
  const coefficients = (cfg: MlpConfig) => tf.randomUniform([batch, cfg.outputSize], -1, 1, 'float32', 4) as tf.Tensor2D;
  /** Gradient of `sum(c ⊙ mlp(x))` w.r.t. every variable, and c. */
  function gradients(m: Mlp): { dw: Float32Array[]; c: Float32Array; x: Float32Array } {
    return tf.tidy(() => {
      const x = inputs(m.config);
      const c = coefficients(m.config);
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(m.apply(x), c)) as tf.Scalar, m.variables);
      return { dw: m.variables.map((v) => grads[v.name].dataSync() as Float32Array), c: c.dataSync() as Float32Array, x: x.dataSync() as Float32Array };
    });
  }

  for (const [act, z, deriv] of [['tanh', 20, sech2], ['sigmoid', 30, sigmoidPrime]] as const) {
    it(`a ${act} output unit at z = ${z} (output exactly 1 in float32) gets dL/dz = dL/dy · ${act}'(z)`, () => {
      const cfg: MlpConfig = { inputSize: 3, hiddenSizes: [], outputSize: 2, outputActivation: act, seed: 41 };
      const m = new Mlp(cfg);
      pin(m, 0, 0, z);
      const y = tf.tidy(() => m.apply(inputs(cfg)).dataSync());
      for (let n = 0; n < batch; n++) expect(y[2 * n]).toBe(1);
      const { dw, c, x } = gradients(m);
      // db_0 = Σ_n c_n0 act'(z); dW_i0 = Σ_n x_ni c_n0 act'(z).
      let db = 0;
      const dW = [0, 0, 0];
      for (let n = 0; n < batch; n++) {
        db += c[2 * n] * deriv(z);
        for (let i = 0; i < 3; i++) dW[i] += x[3 * n + i] * c[2 * n] * deriv(z);
      }
      expect(Math.abs(dw[1][0])).toBeGreaterThan(0);
      expect(relErr(dw[1][0], db)).toBeLessThan(1e-4);
      for (let i = 0; i < 3; i++) expect(relErr(dw[0][2 * i], dW[i])).toBeLessThan(1e-4);
      m.dispose();
    });
  }

  // [name, config, layer of the pinned unit]: the second case's 256x128 layer takes the transposed forward.
  const hidden: [string, MlpConfig, number][] = [
    ['small net', { inputSize: 3, hiddenSizes: [4], outputSize: 2, activation: 'tanh', seed: 42 }, 0],
    ['transposed forward', { inputSize: 8, hiddenSizes: [256, 128], outputSize: 4, activation: 'tanh', seed: 43 }, 1],
  ];
  for (const [name, cfg, l] of hidden) {
    it(`a tanh hidden unit at z = 20 (output exactly 1) passes sech²(20) times its downstream gradient (${name})`, () => {
      const m = new Mlp(cfg);
      const j = 5 % layerSizes(cfg)[l + 1];
      const w = pin(m, l, j, 20);
      const { dw, c } = gradients(m);
      // The pinned unit feeds the linear output layer directly: dL/dh_nj = Σ_k c_nk W_out[j, k].
      const out = cfg.outputSize;
      const wOut = w[2 * (l + 1)];
      let want = 0;
      for (let n = 0; n < batch; n++) for (let k = 0; k < out; k++) want += c[n * out + k] * wOut[j * out + k];
      want *= sech2(20);
      expect(Math.abs(dw[2 * l + 1][j])).toBeGreaterThan(0);
      expect(relErr(dw[2 * l + 1][j], want)).toBeLessThan(1e-4);
      m.dispose();
    });
  }
});
