import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { SequenceReplay, type SequenceBatch } from '../../../../src/agents/common/sequence-replay.ts';
import { RecurrentQNetwork } from '../../../../src/agents/rl/drqn/network.ts';
import { tdGradientsAutograd } from '../../../../src/agents/rl/drqn/td-autograd.ts';
import { tdGradients } from '../../../../src/agents/rl/drqn/td-step.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});

const OBS = 3;
const ACTIONS = 6;

/** Random episodes of 2..9 steps, some ending in a terminal state, sampled into one batch. */
export function randomBatch(seed: number, batchSize: number, sequenceLength: number): SequenceBatch {
  const rng = new RandomStream('batch', seed);
  const replay = new SequenceReplay({ capacity: 200, observationSize: OBS, actionSize: 1, sequenceLength });
  const obs = () => Float32Array.from({ length: OBS }, () => rng.normal());
  for (let episode = 0; episode < 12; episode++) {
    const length = 2 + Math.floor(rng.uniformIn(0, 8));
    const terminal = rng.uniformIn(0, 1) < 0.5;
    for (let t = 0; t < length; t++) replay.add(obs(), [Math.floor(rng.uniformIn(0, ACTIONS))], 3 * rng.normal(), obs(), terminal && t === length - 1, false);
    replay.endEpisode();
  }
  return replay.sample(batchSize, rng);
}

export function perturbedNet(seed: number, pre: number[] = [5], lstmSize = 4): RecurrentQNetwork {
  const net = new RecurrentQNetwork({ inputSize: OBS, actions: ACTIONS, preHiddenSizes: pre, lstmSize, seed });
  const rng = new RandomStream('perturb', seed);
  net.setWeights(net.getWeights().map((w) => w.map((v) => v + 0.3 * rng.normal())));
  return net;
}

function expectClose(ours: Float32Array, ref: Float32Array, label: string): void {
  let gap = 0;
  let scale = 1e-12;
  for (let k = 0; k < ref.length; k++) {
    gap = Math.max(gap, Math.abs(ours[k] - ref[k]));
    scale = Math.max(scale, Math.abs(ref[k]));
  }
  expect(gap / scale, label).toBeLessThan(1e-4);
}

describe('DRQN TD step by the hand-written pass', () => {
  const configs = [
    { name: 'mse (004)', gamma: 0.5, loss: 'mse', doubleQ: false, burnIn: 0 },
    { name: 'huber, double Q, burn-in 2', gamma: 0.99, loss: 'huber', doubleQ: true, burnIn: 2 },
  ] as const;
  for (const c of configs) {
    it(`matches tf autograd's loss, |TD| and gradients (${c.name})`, () => {
      const online = perturbedNet(1);
      const target = perturbedNet(2);
      const batch = randomBatch(3, 8, 5);
      expect(Array.from(batch.mask)).toContain(0); // padding after short episodes is exercised
      const ours = tdGradients(online, target, batch, c);
      const ref = tdGradientsAutograd(online, target, batch, c);
      expect(ours.loss).toBeCloseTo(ref.loss, 4);
      expect(ours.meanAbsTd).toBeCloseTo(ref.meanAbsTd, 4);
      expect(ours.grads.length).toBe(ref.grads.length);
      ours.grads.forEach((g, k) => expectClose(g, ref.grads[k], `variable ${k}`));
      online.dispose();
      target.dispose();
    });
  }

  it('leaves no tensors behind', () => {
    const online = perturbedNet(4);
    const before = tf.memory().numTensors;
    tdGradients(online, online, randomBatch(5, 4, 3), configs[0]);
    expect(tf.memory().numTensors).toBe(before);
    online.dispose();
  });
});
