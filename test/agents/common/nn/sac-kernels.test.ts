import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp } from '../../../../src/agents/common/mlp.ts';
import { wasmHeap } from '../../../../src/agents/common/nn/heap.ts';
import { addRowBias, lerp, reluGrad, setSacKernelsEnabled, transposeAny } from '../../../../src/agents/common/nn/sac-kernels.ts';
import { TransposeCache, polyakColumns } from '../../../../src/agents/common/nn/sac-mlp.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});
afterEach(() => setSacKernelsEnabled(true));

const rng = new RandomStream('test/sac-kernels', 9);
/** Values with zeros, negative zeros and both signs, so masks and rounding are exercised. */
const data = (n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : i % 13 === 0 ? -0 : rng.normal() * 3));
const bits = (t: tf.Tensor): Uint32Array => new Uint32Array(Float32Array.from(t.dataSync() as Float32Array).buffer);

describe('SAC SIMD kernels (nn/sac-kernels.ts) against the tf ops they replace', () => {
  it('runs on the wasm heap here (otherwise these tests compare the fallback with itself)', () => {
    expect(wasmHeap()).not.toBeNull();
  });

  for (const [rows, cols] of [[8, 12], [33, 64], [5, 6]] as const) {
    it(`lerp is bitwise tf's add(mul(a, ta), mul(b, tb)) ([${rows}, ${cols}])`, () => {
      tf.tidy(() => {
        const a = tf.tensor2d(data(rows * cols), [rows, cols]);
        const b = tf.tensor2d(data(rows * cols), [rows, cols]);
        expect(bits(lerp(a, b, 0.005, 1 - 0.005))).toEqual(bits(tf.add(tf.mul(a, 0.005), tf.mul(b, 1 - 0.005))));
      });
    });

    it(`reluGrad passes g exactly where h > 0 ([${rows}, ${cols}])`, () => {
      tf.tidy(() => {
        const g = tf.tensor2d(data(rows * cols), [rows, cols]);
        const h = tf.relu(tf.tensor2d(data(rows * cols), [rows, cols]));
        const got = reluGrad(g, h).dataSync();
        const [gv, hv] = [g.dataSync(), h.dataSync()];
        got.forEach((x, i) => expect(x).toBe(hv[i] > 0 ? gv[i] : 0));
      });
    });

    it(`addRowBias adds b[r] to row r, with and without ReLU, bitwise as tf ([${rows}, ${cols}])`, () => {
      tf.tidy(() => {
        const z = tf.tensor2d(data(rows * cols), [rows, cols]);
        const b = tf.tensor1d(data(rows));
        const want = tf.add(z, tf.reshape(b, [rows, 1]));
        expect(bits(addRowBias(z, b, false))).toEqual(bits(want));
        expect(bits(addRowBias(z, b, true))).toEqual(bits(tf.relu(want)));
      });
    });
  }

  it('transposeAny equals tf.transpose for aligned and odd shapes', () => {
    for (const [rows, cols] of [[8, 12], [33, 64], [5, 6], [1, 7]] as const) {
      tf.tidy(() => {
        const x = tf.tensor2d(data(rows * cols), [rows, cols]);
        const got = transposeAny(x);
        expect(got.shape).toEqual([cols, rows]);
        expect(bits(got)).toEqual(bits(tf.transpose(x)));
      });
    }
  });

  it('the tf fallback gives the same values', () => {
    const run = () =>
      tf.tidy(() => {
        const r = new RandomStream('test/sac-kernels/fallback', 1);
        const x = tf.tensor2d(Float32Array.from({ length: 32 }, () => r.normal()), [4, 8]);
        const y = tf.tensor2d(Float32Array.from({ length: 32 }, () => r.normal()), [4, 8]);
        return [lerp(x, y, 0.3, 0.7), reluGrad(x, tf.relu(y)), addRowBias(x, tf.tensor1d([1, -2, 3, -4]), true)].map((t) => Array.from(t.dataSync()));
      });
    const fast = run();
    setSacKernelsEnabled(false);
    expect(run()).toEqual(fast);
  });
});

describe('polyakColumns', () => {
  it('updates the target as Mlp.softUpdateFrom does, bitwise, and leaves the cache holding the new transposes', () => {
    const cfg = { inputSize: 6, hiddenSizes: [16, 8], outputSize: 3 };
    const [online, target, reference] = [new Mlp({ ...cfg, seed: 1 }), new Mlp({ ...cfg, seed: 2 }), new Mlp({ ...cfg, seed: 2 })];
    const cache = new TransposeCache();
    tf.tidy(() => polyakColumns(target, online, 0.005, cache));
    reference.softUpdateFrom(online, 0.005);
    target.variables.forEach((v, i) => {
      expect(bits(v)).toEqual(bits(reference.variables[i]));
      if (i % 2 === 0) {
        const t = tf.transpose(v);
        expect(bits(cache.get(v))).toEqual(bits(t));
        t.dispose();
      }
    });
    expect(() => polyakColumns(target, online, 1.5, cache)).toThrow(/tau/);
    cache.dispose();
    [online, target, reference].forEach((m) => m.dispose());
  });
});
