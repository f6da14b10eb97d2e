import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { squashBackward, squashForward } from '../../../../src/agents/common/nn/squash-gaussian.ts';
import { squashedGaussian } from '../../../../src/agents/rl/sac/policy.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});

const LO = -5;
const HI = 2;

/** Rows → columns for a row-major `[rows, cols]` array. */
function columns(x: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = x[r * cols + c];
  return t;
}

/**
 * A head `[n, 2A]` (rows) with some log-stds outside [LO, HI] (the clip active) and some means
 * far out (tanh saturated in float32), noise `[n, A]`, and upstream gradients `cA` `[n, A]`, `cL` `[n]`.
 */
function sample(n: number, A: number, seed: number) {
  const rng = new RandomStream('test/squash', seed);
  const head = new Float32Array(n * 2 * A);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < A; j++) {
      head[i * 2 * A + j] = (i + j) % 5 === 0 ? rng.uniformIn(9, 12) * (j % 2 ? 1 : -1) : rng.uniformIn(-2, 2);
      head[i * 2 * A + A + j] = (i * A + j) % 7 === 3 ? rng.uniformIn(2.5, 4) : (i * A + j) % 7 === 5 ? rng.uniformIn(-8, -6) : rng.uniformIn(-3, 1.5);
    }
  }
  const eps = Float32Array.from({ length: n * A }, () => rng.normal());
  const cA = Float32Array.from({ length: n * A }, () => rng.uniformIn(-1, 1));
  const cL = Float32Array.from({ length: n }, () => rng.uniformIn(-1, 1));
  return { head, eps, cA, cL };
}

describe('squashed Gaussian on arrays (nn/squash-gaussian.ts)', () => {
  const n = 12;
  const A = 3;
  const { head, eps, cA, cL } = sample(n, A, 5);
  const s = squashForward(columns(head, n, 2 * A), eps, A, n, LO, HI);

  it('samples the same actions and log-densities as the tf policy (sac/policy.ts)', () => {
    const [act, lp] = tf.tidy(() => {
      const r = squashedGaussian(tf.tensor2d(head, [n, 2 * A]), tf.tensor2d(eps, [n, A]), LO, HI);
      return [r.action.dataSync() as Float32Array, r.logProb.dataSync() as Float32Array];
    });
    const actT = columns(act, n, A);
    for (let k = 0; k < n * A; k++) expect(s.actionT[k]).toBeCloseTo(actT[k], 6);
    for (let i = 0; i < n; i++) expect(Math.abs(s.logProb[i] - lp[i])).toBeLessThan(2e-5 * Math.max(1, Math.abs(lp[i])));
  });

  it('hand-derived head gradient equals tf autograd through the tf policy, clip and saturation included', () => {
    const want = tf.tidy(() => {
      const g = tf.grad((h: tf.Tensor) => {
        const r = squashedGaussian(h as tf.Tensor2D, tf.tensor2d(eps, [n, A]), LO, HI);
        return tf.add(tf.sum(tf.mul(r.action, tf.tensor2d(cA, [n, A]))), tf.sum(tf.mul(r.logProb, tf.tensor2d(cL, [n, 1]))));
      });
      return g(tf.tensor2d(head, [n, 2 * A])).dataSync() as Float32Array;
    });
    const got = squashBackward(s, columns(cA, n, A), cL);
    const wantT = columns(want, n, 2 * A);
    let clipped = 0;
    for (let k = 0; k < 2 * A * n; k++) {
      expect(Math.abs(got[k] - wantT[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(wantT[k])));
      if (k >= A * n && got[k] === 0) clipped++;
    }
    expect(clipped).toBeGreaterThan(0); // the sample does exercise the clip
  });

  it('log-std gradient matches a float64 central difference of log pi where the clip is inactive', () => {
    const headT = columns(head, n, 2 * A);
    const dLogProbOnly = squashBackward(s, undefined, Float64Array.from({ length: n }, (_, i) => (i === 4 ? 1 : 0)));
    const logp4 = (hT: Float32Array) => squashForward(hT, eps, A, n, LO, HI).logProb[4];
    for (let j = 0; j < 2 * A; j++) {
      const k = j * n + 4;
      const raw = headT[k];
      if (j >= A && (raw < LO || raw > HI)) continue;
      const h = 1e-2; // float32 head: a step large enough to be represented, the function is smooth at this scale
      const up = Float32Array.from(headT);
      const down = Float32Array.from(headT);
      up[k] = raw + h;
      down[k] = raw - h;
      const fd = (logp4(up) - logp4(down)) / (up[k] - down[k]);
      expect(Math.abs(dLogProbOnly[k] - fd)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fd)));
    }
  });

  it('rejects mismatched sizes', () => {
    expect(() => squashForward(new Float32Array(5), eps, A, n, LO, HI)).toThrow(/head needs/);
  });
});
