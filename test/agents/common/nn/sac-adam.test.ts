import { describe, it, expect, beforeAll, afterEach } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp } from '../../../../src/agents/common/mlp.ts';
import { Adam } from '../../../../src/agents/common/nn/adam.ts';
import { SacAdam } from '../../../../src/agents/common/nn/sac-adam.ts';
import { setSacKernelsEnabled } from '../../../../src/agents/common/nn/sac-kernels.ts';
import { TransposeCache } from '../../../../src/agents/common/nn/sac-mlp.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});
afterEach(() => setSacKernelsEnabled(true));

const bits = (t: tf.Tensor): Uint32Array => new Uint32Array(Float32Array.from(t.dataSync() as Float32Array).buffer);

/** Three steps of both optimisers on twin nets with the same seeded gradients. */
function run(reference: tf.Optimizer) {
  // Shapes: 4-aligned weights (the fused transposed path), odd weights and biases (the plain path).
  const cfg = { inputSize: 8, hiddenSizes: [12, 6], outputSize: 3, seed: 5 };
  const [a, b] = [new Mlp(cfg), new Mlp(cfg)];
  const cache = new TransposeCache();
  const ours = new SacAdam(1e-2, cache);
  const rng = new RandomStream('test/sac-adam', 1);
  for (let step = 0; step < 3; step++) {
    tf.tidy(() => {
      const grads = a.variables.map((v) => tf.tensor(Float32Array.from({ length: v.size }, () => rng.normal()), v.shape));
      ours.applyGradients(Object.fromEntries(a.variables.map((v, i) => [v.name, grads[i]])));
      reference.applyGradients(Object.fromEntries(b.variables.map((v, i) => [v.name, grads[i]])));
    });
  }
  return { a, b, cache, ours };
}

describe('SacAdam (nn/sac-adam.ts)', () => {
  it('updates bitwise as nn/adam.ts on the wasm heap, and caches the new transposes of aligned weights', () => {
    const ref = new Adam({ learningRate: 1e-2 });
    const { a, b, cache, ours } = run(ref);
    a.variables.forEach((v, i) => {
      expect(bits(v)).toEqual(bits(b.variables[i]));
      if (v.rank === 2) {
        const t = tf.transpose(v);
        expect(bits(cache.get(v))).toEqual(bits(t));
        t.dispose();
      }
    });
    [ref, ours, cache, a, b].forEach((x) => x.dispose());
  });

  it('without the kernels, updates bitwise as nn/adam.ts in plain JavaScript', () => {
    setSacKernelsEnabled(false);
    const ref = new Adam({ learningRate: 1e-2, forceScalar: true });
    const { a, b, cache, ours } = run(ref);
    a.variables.forEach((v, i) => expect(bits(v)).toEqual(bits(b.variables[i])));
    [ref, ours, cache, a, b].forEach((x) => x.dispose());
  });

  it('names an unknown variable and refuses a non-positive step size', () => {
    const cache = new TransposeCache();
    expect(() => new SacAdam(0, cache)).toThrow(/learningRate/);
    expect(() => tf.tidy(() => new SacAdam(1e-3, cache).applyGradients({ nope: tf.scalar(1) }))).toThrow(/nope/);
  });
});
