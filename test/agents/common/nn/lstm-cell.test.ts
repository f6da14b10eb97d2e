import { describe, expect, it } from 'vitest';
import { cellBackward, cellForward, lstmKernels } from '../../../../src/agents/common/nn/lstm-cell.ts';
import { createLstmKernels } from '../../../../src/agents/common/nn/lstm-kernels.ts';
import { RandomStream } from '../../../../src/random/index.ts';
import { relErr, sech2, sigmoidPrime } from './closed-forms.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Float64 LSTM from h = c = 0 over pre-activations `zx` (`x W`, time-major), then BPTT of `dh`. */
function reference(zx: Float32Array, u: Float32Array, bias: Float32Array, dh: Float32Array, T: number, B: number, H: number) {
  const G = 4 * H;
  const gates = new Float64Array(T * B * G);
  const slopes = new Float64Array(T * B * G);
  const c = new Float64Array(T * B * H);
  const tc = new Float64Array(T * B * H);
  const h = new Float64Array(T * B * H);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const row = t * B + b;
      for (let j = 0; j < G; j++) {
        let z = zx[row * G + j] + bias[j];
        if (t > 0) for (let k = 0; k < H; k++) z += h[(row - B) * H + k] * u[k * G + j];
        const isTanh = j >= 2 * H && j < 3 * H;
        gates[row * G + j] = isTanh ? Math.tanh(z) : sigmoid(z);
        slopes[row * G + j] = isTanh ? sech2(z) : sigmoidPrime(z);
      }
      for (let j = 0; j < H; j++) {
        const g = (k: number) => gates[row * G + k * H + j];
        c[row * H + j] = g(1) * (t > 0 ? c[(row - B) * H + j] : 0) + g(0) * g(2);
        tc[row * H + j] = Math.tanh(c[row * H + j]);
        h[row * H + j] = g(3) * tc[row * H + j];
      }
    }
  }
  const dz = new Float64Array(T * B * G);
  const dc = new Float64Array(B * H);
  const dhRec = new Float64Array(B * H);
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const row = t * B + b;
      for (let j = 0; j < H; j++) {
        const at = row * H + j;
        const g = (k: number) => gates[row * G + k * H + j];
        const s = (k: number) => slopes[row * G + k * H + j];
        const dhNow = dh[at] + dhRec[b * H + j];
        const dcNow = dc[b * H + j] + dhNow * g(3) * sech2(c[at]);
        dz[row * G + j] = dcNow * g(2) * s(0);
        dz[row * G + H + j] = dcNow * (t > 0 ? c[at - B * H] : 0) * s(1);
        dz[row * G + 2 * H + j] = dcNow * g(0) * s(2);
        dz[row * G + 3 * H + j] = dhNow * tc[at] * s(3);
        dc[b * H + j] = dcNow * g(1);
      }
    }
    for (let b = 0; b < B; b++) {
      for (let m = 0; m < H; m++) {
        let sum = 0;
        for (let k = 0; k < G; k++) sum += dz[(t * B + b) * G + k] * u[m * G + k];
        dhRec[b * H + m] = sum;
      }
    }
  }
  return { gates, slopes, c, tc, h, dz };
}

/** Max |a - b| over max |b|. */
function gap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let scale = 1e-30;
  for (let k = 0; k < b.length; k++) {
    d = Math.max(d, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return d / scale;
}

function run(T: number, B: number, H: number, seed: number, scale: number) {
  const rng = new RandomStream('lstm-cell', seed);
  const random = (n: number, s: number) => Float32Array.from({ length: n }, () => s * rng.normal());
  const zx = random(T * B * 4 * H, scale);
  const u = random(H * 4 * H, 0.5);
  const bias = random(4 * H, 0.5);
  const dh = random(T * B * H, 1);
  const k = createLstmKernels(H)!;
  const n = T * B;
  const f = { steps: T, batch: B, z: Float32Array.from(zx), recurrent: u, bias, keep: true, gateSlopes: new Float32Array(n * 4 * H), c: new Float32Array(n * H), tanhC: new Float32Array(n * H), tanhCSlope: new Float32Array(n * H), h: new Float32Array(n * H) };
  cellForward(k, f);
  const uT = new Float32Array(4 * H * H);
  for (let r = 0; r < H; r++) for (let q = 0; q < 4 * H; q++) uT[q * H + r] = u[r * 4 * H + q];
  const forward = { gates: Float32Array.from(f.z), slopes: Float32Array.from(f.gateSlopes), c: f.c, tc: f.tanhC, h: f.h };
  cellBackward(k, { steps: T, batch: B, gates: f.z, gateSlopes: f.gateSlopes, c: f.c, tanhC: f.tanhC, tanhCSlope: f.tanhCSlope, dh, recurrentT: uT });
  return { forward, dz: f.gateSlopes, ref: reference(zx, u, bias, dh, T, B, H), f };
}

describe('LSTM cell SIMD kernels', () => {
  it('are built for hidden sizes that are multiples of 4 only', () => {
    expect(lstmKernels(32)).not.toBeNull(); // the test runtime has wasm SIMD
    expect(createLstmKernels(6)).toBeNull();
  });

  for (const [T, B, H] of [[8, 8, 32], [3, 4, 8], [2, 1, 4], [5, 3, 12]] as const) {
    it(`forward and BPTT equal a float64 LSTM (T ${T}, B ${B}, H ${H})`, () => {
      const { forward, dz, ref } = run(T, B, H, T * 100 + H, 1.5);
      expect(gap(forward.gates, ref.gates)).toBeLessThan(1e-6);
      expect(gap(forward.slopes, ref.slopes)).toBeLessThan(1e-5);
      expect(gap(forward.c, ref.c)).toBeLessThan(1e-5);
      expect(gap(forward.h, ref.h)).toBeLessThan(1e-5);
      expect(gap(dz, ref.dz)).toBeLessThan(1e-4);
    });
  }

  it('gives σ, tanh and slopes from the pre-activation, positive when saturated, down to |z| = 40', () => {
    const H = 4;
    const values = [-87, -40, -20, -9.5, -1.3, -1e-3, -1e-6, 0, 2e-4, 0.7, 3, 12, 25, 40, 87];
    const B = values.length;
    const k = createLstmKernels(H)!;
    // Row b: every pre-activation is values[b]; bias 0, one step (no recurrence).
    const z = Float32Array.from(values.flatMap((v) => Array.from({ length: 4 * H }, () => v)));
    const f = { steps: 1, batch: B, z, recurrent: new Float32Array(H * 4 * H), bias: new Float32Array(4 * H), keep: true, gateSlopes: new Float32Array(B * 4 * H), c: new Float32Array(B * H), tanhC: new Float32Array(B * H), tanhCSlope: new Float32Array(B * H), h: new Float32Array(B * H) };
    cellForward(k, f);
    values.forEach((v, b) => {
      for (let j = 0; j < 4 * H; j++) {
        const isTanh = j >= 2 * H && j < 3 * H;
        const [y, dy] = isTanh ? [Math.tanh(v), sech2(v)] : [sigmoid(v), sigmoidPrime(v)];
        const at = b * 4 * H + j;
        expect(Math.abs(f.z[at] - y), `activation at ${v}`).toBeLessThan(2e-7);
        expect(f.gateSlopes[at], `slope at ${v}`).toBeGreaterThan(0);
        // Past the clamp (|z| > 87.3 for σ, 43.6 for tanh) the slope stays near the smallest normal float.
        if (Math.abs(v) <= 40) expect(relErr(f.gateSlopes[at], dy), `slope at ${v} (tanh: ${isTanh})`).toBeLessThan(1e-5);
      }
      const c = sigmoid(v) * Math.tanh(v);
      expect(Math.abs(f.c[b * H] - c)).toBeLessThan(2e-7);
      expect(relErr(f.tanhCSlope[b * H], sech2(f.c[b * H]))).toBeLessThan(1e-5);
    });
  });
});
