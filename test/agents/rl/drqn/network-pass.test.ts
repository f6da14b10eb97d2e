import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { RecurrentQNetwork } from '../../../../src/agents/rl/drqn/network.ts';
import { qBackward, qBackwardChosen, qForward, qForwardGroup, timeMajor } from '../../../../src/agents/rl/drqn/network-pass.ts';
import { lstmKernels, setLstmKernelsEnabled } from '../../../../src/agents/common/nn/lstm-cell.ts';
import { RandomStream } from '../../../../src/random/index.ts';
import { setWasmHeapEnabled } from '../../../../src/agents/common/nn/heap.ts';
import { JS_GATES, gateMath } from '../../../../src/agents/common/nn/lstm-gates.ts';

beforeAll(async () => {
  await initBackend();
});

const random = (n: number, rng: RandomStream, scale = 1) => Float32Array.from({ length: n }, () => scale * rng.normal());

/** Max |a - b| relative to the largest |b| (gradients of one variable share a scale). */
function relativeGap(a: Float32Array, b: Float32Array): number {
  let gap = 0;
  let scale = 1e-12;
  for (let k = 0; k < b.length; k++) {
    gap = Math.max(gap, Math.abs(a[k] - b[k]));
    scale = Math.max(scale, Math.abs(b[k]));
  }
  return gap / scale;
}

describe('DRQN hand-written pass', () => {
  // Shapes: several dense layers, none, and a short sequence (tf's own gradient of a one-step unstack fails).
  const cases = [
    { name: 'two dense layers, 5 steps', pre: [6, 4], lstm: 5, steps: 5, batch: 3, seed: 1 },
    { name: 'no dense layer, 4 steps', pre: [], lstm: 3, steps: 4, batch: 2, seed: 2 },
    { name: 'two steps, wider batch', pre: [4], lstm: 4, steps: 2, batch: 8, seed: 3 },
    // Hidden sizes that are multiples of 4 run the SIMD cell kernels (nn/lstm-cell.ts).
    { name: 'LSTM 8 on the cell kernels, 6 steps', pre: [5], lstm: 8, steps: 6, batch: 4, seed: 4 },
  ];
  for (const c of cases) it(`gives tf autograd's Q-values and gradients (${c.name})`, () => checkAgainstAutograd(c));

  it('gives the same on the plain-tensor path (JavaScript gates, no wasm heap)', () => {
    setWasmHeapEnabled(false);
    try {
      expect(gateMath()).toBe(JS_GATES);
      checkAgainstAutograd(cases[0]);
    } finally {
      setWasmHeapEnabled(true);
    }
  });

  it('gives the same with the cell kernels turned off (lstm-bptt.ts JavaScript/tf path)', () => {
    expect(lstmKernels(8)).not.toBeNull();
    setLstmKernelsEnabled(false);
    try {
      expect(lstmKernels(8)).toBeNull();
      checkAgainstAutograd(cases[3]);
    } finally {
      setLstmKernelsEnabled(true);
    }
  });

  it('computes only the chosen actions: their Q-values and the gradients of a loss on them equal the full pass', () => {
    const [T, B, inputSize, actions] = [4, 5, 3, 6];
    const net = new RecurrentQNetwork({ inputSize, actions, preHiddenSizes: [6], lstmSize: 8, seed: 11 });
    const rng = new RandomStream('test', 11);
    net.setWeights(net.getWeights().map((w) => w.map((v) => v + 0.3 * rng.normal())));
    const x = timeMajor(random(B * T * inputSize, rng, 2), B, T, inputSize);
    const chosen = Int32Array.from({ length: T * B }, () => Math.floor(rng.uniformIn(0, actions)));
    const dq = random(T * B, rng);
    dq[3] = 0; // a masked row
    const full = qForward(net.layers(), x, T, B);
    const part = qForwardGroup([{ layers: net.layers(), obs: x, steps: T, chosen }], B)[0];
    const dense = new Float32Array(T * B * actions);
    chosen.forEach((a, r) => {
      expect(Math.abs(part.q[r] - full.q[r * actions + a])).toBeLessThan(1e-5);
      dense[r * actions + a] = dq[r];
    });
    const want = qBackward(full, dense);
    qBackwardChosen(part, dq).forEach((g, k) => expect(relativeGap(g, want[k]), `variable ${k}`).toBeLessThan(1e-5));
    net.dispose();
  });

  function checkAgainstAutograd(c: (typeof cases)[number]): void {
    {
      const inputSize = 3;
      const actions = 7;
      const net = new RecurrentQNetwork({ inputSize, actions, preHiddenSizes: [...c.pre], lstmSize: c.lstm, seed: c.seed });
      const rng = new RandomStream('test', c.seed);
      // Perturb every weight (biases start at 0 or 1) so no term of the gradient is trivially 0.
      net.setWeights(net.getWeights().map((w) => w.map((v) => v + 0.3 * rng.normal())));
      const { steps: T, batch: B } = c;
      const x = random(B * T * inputSize, rng, 2);
      const weights = random(B * T * actions, rng); // loss = Σ Q ⊙ weights, so dLoss/dQ = weights
      const { value, grads } = tf.variableGrads(() => {
        const q = net.sequence(tf.tensor3d(x, [B, T, inputSize])).q;
        return tf.sum(tf.mul(q, tf.tensor3d(weights, [B, T, actions]))) as tf.Scalar;
      }, net.variables);
      const qAuto = tf.tidy(() => net.sequence(tf.tensor3d(x, [B, T, inputSize])).q.dataSync() as Float32Array);

      const pass = qForward(net.layers(), timeMajor(x, B, T, inputSize), T, B);
      expect(relativeGap(pass.q, timeMajor(qAuto, B, T, actions).data)).toBeLessThan(1e-5);
      const ours = qBackward(pass, timeMajor(weights, B, T, actions).data);
      expect(ours.length).toBe(net.variables.length);
      net.variables.forEach((v, k) => {
        const auto = grads[v.name].dataSync() as Float32Array;
        expect(ours[k].length, v.name).toBe(auto.length);
        expect(relativeGap(ours[k], auto), `variable ${k} (${v.shape.join('x')})`).toBeLessThan(1e-4);
      });
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      tf.dispose([value, ...Object.values(grads)]);
      net.dispose();
    }
  }

  it('leaves no tensors behind', () => {
    const net = new RecurrentQNetwork({ inputSize: 2, actions: 3, preHiddenSizes: [4], lstmSize: 4, seed: 9 });
    const before = tf.memory().numTensors;
    const pass = qForward(net.layers(), timeMajor(new Float32Array(2 * 3 * 2).fill(0.5), 2, 3, 2), 3, 2);
    qBackward(pass, new Float32Array(2 * 3 * 3).fill(1));
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });
});
