import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp } from '../../../../src/agents/common/mlp.ts';
import { Adam } from '../../../../src/agents/common/nn/adam.ts';
import { TransposeCache } from '../../../../src/agents/common/nn/sac-mlp.ts';
import type { ReplayBatch } from '../../../../src/agents/common/replay-buffer.ts';
import { squashedGaussian } from '../../../../src/agents/rl/sac/policy.ts';
import { sacStep, type SacLearner, type SacStepSettings } from '../../../../src/agents/rl/sac/update.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});

const O = 5;
const A = 2;
const n = 12;
const settings: SacStepSettings = { observationSize: O, actionSize: A, gamma: 0.99, targetEntropy: -1, logStdMin: -20, logStdMax: 2 };

/** The learner with tf optimisers, so the autograd reference can `minimize` with them. */
type TfLearner = SacLearner & { readonly alphaOptimizer: tf.Optimizer | undefined; readonly actorOptimizer: tf.Optimizer; readonly criticOptimizer: tf.Optimizer };

/** A learner with seeded nets; `lr` large enough that one step moves every weight visibly. */
function learner(): TfLearner {
  const critic = (seed: number) => new Mlp({ inputSize: O + A, hiddenSizes: [16, 12], outputSize: 1, seed });
  const targets: [Mlp, Mlp] = [critic(11), critic(12)];
  // Targets differ from the online critics, as they do after a few steps.
  targets.forEach((t) => t.setWeights(t.getWeights().map((w) => w.map((x) => 0.9 * x + 0.01))));
  return {
    actor: new Mlp({ inputSize: O, hiddenSizes: [16, 12], outputSize: 2 * A, seed: 10 }),
    critics: [critic(11), critic(12)],
    targetCritics: targets,
    logAlpha: tf.variable(tf.scalar(Math.log(0.7))),
    alphaOptimizer: new Adam({ learningRate: 1e-2 }),
    actorOptimizer: new Adam({ learningRate: 1e-2 }),
    criticOptimizer: new Adam({ learningRate: 1e-2 }),
    transposes: new TransposeCache(),
  };
}

/** The step as tf autograd computes it from the textbook losses (SB3's SAC.train order). */
function referenceStep(L: TfLearner, b: ReplayBatch, eps: Float32Array, nextEps: Float32Array, alpha: number) {
  return tf.tidy(() => {
    const obs = tf.tensor2d(b.observations, [n, O]);
    const next = tf.tensor2d(b.nextObservations, [n, O]);
    const pi = (s: tf.Tensor2D, e: Float32Array) => squashedGaussian(L.actor.apply(s), tf.tensor2d(e, [n, A]), settings.logStdMin, settings.logStdMax);
    const minQ = (s: tf.Tensor2D, a: tf.Tensor2D, nets: readonly [Mlp, Mlp]) => {
      const x = tf.concat([s, a], 1);
      return tf.minimum(nets[0].apply(x), nets[1].apply(x));
    };
    const shifted = tf.add(pi(obs, eps).logProb, settings.targetEntropy);
    const alphaLoss = L.alphaOptimizer!.minimize(() => tf.neg(tf.mean(tf.mul(L.logAlpha!, shifted))) as tf.Scalar, true, [L.logAlpha!])!.dataSync()[0];
    const s2 = pi(next, nextEps);
    const y = tf.add(tf.tensor2d(b.rewards, [n, 1]), tf.mul(tf.mul(tf.sub(1, tf.tensor2d(b.terminated, [n, 1])), settings.gamma), tf.sub(minQ(next, s2.action, L.targetCritics), tf.mul(s2.logProb, alpha))));
    const x = tf.concat([obs, tf.tensor2d(b.continuousActions, [n, A])], 1);
    const critic = L.criticOptimizer.minimize(
      () => tf.mul(tf.add(tf.losses.meanSquaredError(y, L.critics[0].apply(x)), tf.losses.meanSquaredError(y, L.critics[1].apply(x))), 0.5) as tf.Scalar,
      true,
      [...L.critics[0].variables, ...L.critics[1].variables],
    )!.dataSync()[0];
    let entropy = NaN;
    const actor = L.actorOptimizer.minimize(
      () => {
        const s = pi(obs, eps);
        entropy = -tf.mean(s.logProb).dataSync()[0];
        return tf.mean(tf.sub(tf.mul(s.logProb, alpha), minQ(obs, s.action, L.critics))) as tf.Scalar;
      },
      true,
      L.actor.variables,
    )!.dataSync()[0];
    return { critic, actor, alpha_loss: alphaLoss, entropy };
  });
}

function batch(rng: RandomStream): ReplayBatch {
  const f = (len: number, g: () => number) => Float32Array.from({ length: len }, g);
  return {
    size: n,
    observations: f(n * O, () => rng.normal()),
    continuousActions: f(n * A, () => rng.uniformIn(-1, 1)),
    discreteActions: new Int32Array(n),
    rewards: f(n, () => rng.normal()),
    nextObservations: f(n * O, () => rng.normal()),
    terminated: f(n, () => (rng.uniform() < 0.25 ? 1 : 0)),
    truncated: new Float32Array(n),
    indices: new Int32Array(n),
  };
}

const weightsOf = (L: SacLearner): Float32Array[] => [L.actor, ...L.critics].flatMap((m) => m.getWeights()).concat([Float32Array.from(L.logAlpha!.dataSync() as Float32Array)]);

describe('SAC step without autograd (sac/update.ts)', () => {
  it('matches tf autograd on the textbook losses: losses, and every weight over three steps', () => {
    const rng = new RandomStream('test/sac-update', 1);
    const ours = learner();
    const ref = learner();
    const initialActor = ours.actor.getWeights()[0];
    for (let step = 0; step < 3; step++) {
      const b = batch(rng);
      const eps = Float32Array.from({ length: n * A }, () => rng.normal());
      const nextEps = Float32Array.from({ length: n * A }, () => rng.normal());
      const alpha = Math.exp(ours.logAlpha!.dataSync()[0]);
      const got = sacStep(ours, settings, b, eps, nextEps, alpha);
      const want = referenceStep(ref, b, eps, nextEps, alpha);
      for (const k of ['critic', 'actor', 'alpha_loss', 'entropy'] as const) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(want[k])));
      const [wo, wr] = [weightsOf(ours), weightsOf(ref)];
      // Adam's first steps move each weight by ~lr whatever the gradient's size, so a wrong
      // gradient sign or a missing term shows up at the 1e-2 scale; agreement is to float32 noise.
      wo.forEach((w, i) => w.forEach((x, j) => expect(Math.abs(x - wr[i][j])).toBeLessThan(2e-5)));
    }
    expect(ours.actor.getWeights()[0].some((x, j) => x !== initialActor[j])).toBe(true);
  });
});
