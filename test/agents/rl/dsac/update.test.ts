import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp } from '../../../../src/agents/common/mlp.ts';
import { Adam } from '../../../../src/agents/common/nn/adam.ts';
import { TransposeCache } from '../../../../src/agents/common/nn/sac-mlp.ts';
import type { ReplayBatch } from '../../../../src/agents/common/replay-buffer.ts';
import { actorLoss, categorical, criticTargets, temperatureLoss } from '../../../../src/agents/rl/dsac/losses.ts';
import { discreteSacStep, type DiscreteSacLearner, type DiscreteSacStepSettings } from '../../../../src/agents/rl/dsac/update.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});

const O = 5;
const K = 6;
const n = 8;
const settings: DiscreteSacStepSettings = { observationSize: O, actions: K, gamma: 0.99, targetEntropy: 0.5 };

/** The learner with tf optimisers, so the autograd reference can `minimize` with them. */
type TfLearner = DiscreteSacLearner & { readonly actorOptimizer: tf.Optimizer; readonly criticOptimizer: tf.Optimizer; readonly alphaOptimizer: tf.Optimizer | undefined };

function learner(learnAlpha: boolean): TfLearner {
  const mlp = (seed: number) => new Mlp({ inputSize: O, hiddenSizes: [12, 8], outputSize: K, seed });
  const targets: [Mlp, Mlp] = [mlp(3), mlp(4)];
  targets.forEach((t) => t.setWeights(t.getWeights().map((w) => w.map((x) => 0.9 * x + 0.02))));
  return {
    actor: mlp(1),
    critics: [mlp(3), mlp(4)],
    targets,
    logAlpha: tf.variable(tf.scalar(Math.log(0.5))),
    actorOptimizer: new Adam({ learningRate: 1e-2 }),
    criticOptimizer: new Adam({ learningRate: 1e-2 }),
    alphaOptimizer: learnAlpha ? new Adam({ learningRate: 1e-2 }) : undefined,
    transposes: new TransposeCache(),
  };
}

const minimize = (opt: tf.Optimizer, f: () => tf.Scalar, vars: tf.Variable[]): number => {
  const v = opt.minimize(f, true, vars)!;
  const x = v.dataSync()[0];
  v.dispose();
  return x;
};

/** The autograd step built from losses.ts, in the order dsac.ts always used. */
function referenceStep(L: TfLearner, b: ReplayBatch, alpha: number) {
  return tf.tidy(() => {
    const obs = tf.tensor2d(b.observations, [n, O]);
    const next = tf.tensor2d(b.nextObservations, [n, O]);
    const d2 = categorical(L.actor.apply(next));
    const y = criticTargets(tf.tensor1d(b.rewards), tf.tensor1d(b.terminated), settings.gamma, d2.probs, d2.logProbs, L.targets[0].apply(next), L.targets[1].apply(next), alpha);
    const onehot = tf.oneHot(tf.tensor1d(b.discreteActions, 'int32'), K);
    const err = (net: Mlp) => tf.mean(tf.square(tf.sub(tf.sum(tf.mul(net.apply(obs), onehot), 1), y)));
    const critic = minimize(L.criticOptimizer, () => tf.mul(0.5, tf.add(err(L.critics[0]), err(L.critics[1]))) as tf.Scalar, [...L.critics[0].variables, ...L.critics[1].variables]);
    const qMin = tf.minimum(L.critics[0].apply(obs), L.critics[1].apply(obs)) as tf.Tensor2D;
    const actor = minimize(L.actorOptimizer, () => {
      const d = categorical(L.actor.apply(obs));
      return actorLoss(d.probs, d.logProbs, qMin, alpha);
    }, L.actor.variables);
    let alphaLoss = 0;
    if (L.alphaOptimizer) {
      const d = categorical(L.actor.apply(obs));
      alphaLoss = minimize(L.alphaOptimizer, () => temperatureLoss(L.logAlpha, d.probs, d.logProbs, settings.targetEntropy), [L.logAlpha]);
    }
    return { critic, actor, alphaLoss };
  });
}

function batch(rng: RandomStream): ReplayBatch {
  const f = (len: number, g: () => number) => Float32Array.from({ length: len }, g);
  return {
    size: n,
    observations: f(n * O, () => rng.normal()),
    continuousActions: new Float32Array(0),
    discreteActions: Int32Array.from({ length: n }, () => rng.int(K)),
    rewards: f(n, () => rng.normal()),
    nextObservations: f(n * O, () => rng.normal()),
    terminated: f(n, () => (rng.uniform() < 0.25 ? 1 : 0)),
    truncated: new Float32Array(n),
    indices: new Int32Array(n),
  };
}

const weightsOf = (L: DiscreteSacLearner): Float32Array[] => [L.actor, ...L.critics].flatMap((m) => m.getWeights()).concat([Float32Array.from(L.logAlpha.dataSync() as Float32Array)]);

describe('discrete SAC step without autograd (dsac/update.ts)', () => {
  for (const learnAlpha of [true, false]) {
    it(`matches the autograd step over three steps: losses, weights, temperature (alpha ${learnAlpha ? 'learned' : 'fixed'})`, () => {
      const rng = new RandomStream('test/dsac-update', 3);
      const ours = learner(learnAlpha);
      const ref = learner(learnAlpha);
      for (let step = 0; step < 3; step++) {
        const b = batch(rng);
        const alpha = Math.exp(ours.logAlpha.dataSync()[0]);
        const got = discreteSacStep(ours, settings, b, alpha);
        const want = referenceStep(ref, b, alpha);
        for (const k of ['critic', 'actor', 'alphaLoss'] as const) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(want[k])));
        const [wo, wr] = [weightsOf(ours), weightsOf(ref)];
        wo.forEach((w, i) => w.forEach((x, j) => expect(Math.abs(x - wr[i][j])).toBeLessThan(2e-5)));
      }
      if (!learnAlpha) expect(ours.logAlpha.dataSync()[0]).toBeCloseTo(Math.log(0.5), 6);
    });
  }
});
