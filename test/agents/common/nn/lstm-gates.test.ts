import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/agents/common/backend.ts';
import { JS_GATES, gateMath, type GateMath } from '../../../../src/agents/common/nn/lstm-gates.ts';
import { relErr, sech2, sigmoidPrime } from './closed-forms.ts';

beforeAll(async () => {
  await initBackend();
});

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const H = 3;
// One row of [i f g o] pre-activations per value, so every value passes through every gate kind;
// includes saturated ones (a float32 sigmoid output is exactly 1 past z ≈ 17).
const values = [-40, -20, -9.5, -1.3, -1e-3, 0, 2e-4, 0.7, 3, 12, 25, 40];

function check(math: GateMath, tolerance: number): void {
  const z = Float32Array.from(values.flatMap((v) => Array.from({ length: 4 * H }, () => v)));
  const out = new Float32Array(z.length);
  const slope = new Float32Array(z.length);
  math.gates([{ z: Float32Array.from(z), out, slope }], H);
  z.forEach((v, k) => {
    const isTanh = k % (4 * H) >= 2 * H && k % (4 * H) < 3 * H;
    const [y, dy] = isTanh ? [Math.tanh(v), sech2(v)] : [sigmoid(v), sigmoidPrime(v)];
    expect(Math.abs(out[k] - y), `activation at ${v}`).toBeLessThan(2e-7);
    expect(relErr(slope[k], dy), `slope at ${v} (tanh: ${isTanh})`).toBeLessThan(tolerance);
  });
  const c = Float32Array.from(values);
  const tc = new Float32Array(c.length);
  const tcSlope = new Float32Array(c.length);
  math.tanh([{ z: c, out: tc, slope: tcSlope }]);
  values.forEach((v, k) => {
    expect(Math.abs(tc[k] - Math.tanh(v))).toBeLessThan(2e-7);
    expect(relErr(tcSlope[k], sech2(v)), `tanh slope at ${v}`).toBeLessThan(tolerance);
  });
}

describe('LSTM gate maths', () => {
  it('the sigmoid-kernel path gives σ, tanh and slopes that stay positive when saturated', () => {
    expect(gateMath()).not.toBe(JS_GATES); // the default test backend is wasm
    check(gateMath(), 1e-5);
  });

  it('the JavaScript path gives the same', () => {
    check(JS_GATES, 1e-6);
  });
});
