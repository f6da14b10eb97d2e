import { describe, it, expect, beforeAll } from 'vitest';
import { initBackend, tf } from '../../../../src/agents/common/backend.ts';
import { Mlp } from '../../../../src/agents/common/mlp.ts';
import { Adam } from '../../../../src/agents/common/nn/adam.ts';
import { TransposeCache } from '../../../../src/agents/common/nn/sac-mlp.ts';
import type { ReplayBatch } from '../../../../src/agents/common/replay-buffer.ts';
import { actorLoss, categorical, temperatureLoss } from '../../../../src/agents/rl/dsac/losses.ts';
import { continuousActorLoss, continuousTemperatureLoss, hybridCriticTargets, hybridSoftValue } from '../../../../src/agents/rl/hybrid-sac/losses.ts';
import { logSoftmaxColumns } from '../../../../src/agents/common/nn/sac-categorical.ts';
import { hybridSacStep, type HybridSacLearner, type HybridSacStepSettings } from '../../../../src/agents/rl/hybrid-sac/update.ts';
import { squashedGaussian } from '../../../../src/agents/rl/sac/policy.ts';
import { RandomStream } from '../../../../src/random/index.ts';

beforeAll(async () => {
  await initBackend();
});

const O = 4;
const A = 2;
const K = 5;
const n = 10;
const settings: HybridSacStepSettings = { observationSize: O, continuousSize: A, choices: K, gamma: 0.99, targetEntropyContinuous: -1, targetEntropyDiscrete: -1, logStdMin: -20, logStdMax: 2 };

/** The learner with tf optimisers, so the autograd reference can `minimize` with them. */
type TfLearner = HybridSacLearner & { readonly opts: Record<'actorC' | 'actorD' | 'critic' | 'alphaC' | 'alphaD', tf.Optimizer> };

function learner(): TfLearner {
  const mlp = (inputSize: number, outputSize: number, seed: number) => new Mlp({ inputSize, hiddenSizes: [12, 8], outputSize, seed });
  const targets: [Mlp, Mlp] = [mlp(O + A, K, 3), mlp(O + A, K, 4)];
  targets.forEach((t) => t.setWeights(t.getWeights().map((w) => w.map((x) => 0.9 * x - 0.01))));
  const adam = () => new Adam({ learningRate: 1e-2 });
  return {
    gaussianActor: mlp(O, 2 * A, 1),
    categoricalActor: mlp(O, K, 2),
    critics: [mlp(O + A, K, 3), mlp(O + A, K, 4)],
    targets,
    logAlphaC: tf.variable(tf.scalar(Math.log(0.6))),
    logAlphaD: tf.variable(tf.scalar(Math.log(0.4))),
    opts: { actorC: adam(), actorD: adam(), critic: adam(), alphaC: adam(), alphaD: adam() },
    transposes: new TransposeCache(),
  };
}

const minimize = (opt: tf.Optimizer, f: () => tf.Scalar, vars: tf.Variable[]): number => {
  const v = opt.minimize(f, true, vars)!;
  const x = v.dataSync()[0];
  v.dispose();
  return x;
};

/** The step as the autograd implementation computed it, from the loss functions in losses.ts. */
function referenceStep(L: TfLearner, b: ReplayBatch, nextEps: Float32Array, eps: Float32Array, alphaC: number, alphaD: number) {
  return tf.tidy(() => {
    const obs = tf.tensor2d(b.observations, [n, O]);
    const next = tf.tensor2d(b.nextObservations, [n, O]);
    const qMin = (s: tf.Tensor2D, a: tf.Tensor2D, nets: readonly [Mlp, Mlp]) => {
      const x = tf.concat([s, a], 1);
      return tf.minimum(nets[0].apply(x), nets[1].apply(x)) as tf.Tensor2D;
    };
    const s2 = squashedGaussian(L.gaussianActor.apply(next), tf.tensor2d(nextEps, [n, A]), -20, 2);
    const d2 = categorical(L.categoricalActor.apply(next));
    const y = hybridCriticTargets(tf.tensor1d(b.rewards), tf.tensor1d(b.terminated), 0.99, hybridSoftValue(qMin(next, s2.action, L.targets), d2.probs, d2.logProbs, s2.logProb, alphaC, alphaD));
    const onehot = tf.oneHot(tf.tensor1d(b.discreteActions, 'int32'), K) as tf.Tensor2D;
    const x = tf.concat([obs, tf.tensor2d(b.continuousActions, [n, A])], 1);
    const err = (net: Mlp) => tf.mean(tf.square(tf.sub(tf.sum(tf.mul(net.apply(x), onehot), 1), y)));
    const critic = minimize(L.opts.critic, () => tf.mul(0.5, tf.add(err(L.critics[0]), err(L.critics[1]))) as tf.Scalar, [...L.critics[0].variables, ...L.critics[1].variables]);
    const probsFixed = tf.softmax(L.categoricalActor.apply(obs));
    let logPc: tf.Tensor2D | undefined;
    let sample: tf.Tensor2D | undefined;
    const actorContinuous = minimize(
      L.opts.actorC,
      () => {
        const s = squashedGaussian(L.gaussianActor.apply(obs), tf.tensor2d(eps, [n, A]), -20, 2);
        logPc = tf.keep(s.logProb);
        sample = tf.keep(s.action);
        return continuousActorLoss(s.logProb, qMin(obs, s.action, L.critics), probsFixed as tf.Tensor2D, alphaC);
      },
      L.gaussianActor.variables,
    );
    const qAt = qMin(obs, sample!, L.critics);
    const actorDiscrete = minimize(L.opts.actorD, () => {
      const d = categorical(L.categoricalActor.apply(obs));
      return actorLoss(d.probs, d.logProbs, qAt, alphaD);
    }, L.categoricalActor.variables);
    const alphaLossContinuous = minimize(L.opts.alphaC, () => continuousTemperatureLoss(L.logAlphaC, logPc!, -1), [L.logAlphaC]);
    const d = categorical(L.categoricalActor.apply(obs));
    const alphaLossDiscrete = minimize(L.opts.alphaD, () => temperatureLoss(L.logAlphaD, d.probs, d.logProbs, -1), [L.logAlphaD]);
    tf.dispose([logPc!, sample!]);
    return { critic, actorContinuous, actorDiscrete, alphaLossContinuous, alphaLossDiscrete };
  });
}

function batch(rng: RandomStream): ReplayBatch {
  const f = (len: number, g: () => number) => Float32Array.from({ length: len }, g);
  return {
    size: n,
    observations: f(n * O, () => rng.normal()),
    continuousActions: f(n * A, () => rng.uniformIn(-1, 1)),
    discreteActions: Int32Array.from({ length: n }, () => rng.int(K)),
    rewards: f(n, () => rng.normal()),
    nextObservations: f(n * O, () => rng.normal()),
    terminated: f(n, () => (rng.uniform() < 0.25 ? 1 : 0)),
    truncated: new Float32Array(n),
    indices: new Int32Array(n),
  };
}

const weightsOf = (L: HybridSacLearner): Float32Array[] =>
  [L.gaussianActor, L.categoricalActor, ...L.critics].flatMap((m) => m.getWeights()).concat([L.logAlphaC, L.logAlphaD].map((v) => Float32Array.from(v.dataSync() as Float32Array)));

describe('hybrid SAC step without autograd (hybrid-sac/update.ts)', () => {
  it('log-softmax over columns sums to one in probability', () => {
    const lp = logSoftmaxColumns(Float32Array.of(1, 50, -3, 0, 2, 51), 3, 2);
    for (let i = 0; i < 2; i++) expect(Math.exp(lp[i]) + Math.exp(lp[2 + i]) + Math.exp(lp[4 + i])).toBeCloseTo(1, 12);
    expect(lp[5]).toBeCloseTo(-Math.log1p(Math.exp(-1) + Math.exp(-51)), 12);
  });

  it('matches the autograd step: losses, and every weight and temperature over three steps', () => {
    const rng = new RandomStream('test/hybrid-update', 2);
    const ours = learner();
    const ref = learner();
    for (let step = 0; step < 3; step++) {
      const b = batch(rng);
      const nextEps = Float32Array.from({ length: n * A }, () => rng.normal());
      const eps = Float32Array.from({ length: n * A }, () => rng.normal());
      const alphaC = Math.exp(ours.logAlphaC.dataSync()[0]);
      const alphaD = Math.exp(ours.logAlphaD.dataSync()[0]);
      const got = hybridSacStep(ours, settings, b, nextEps, eps, alphaC, alphaD);
      const want = referenceStep(ref, b, nextEps, eps, alphaC, alphaD);
      for (const k of Object.keys(want) as (keyof typeof want)[]) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(want[k])));
      const [wo, wr] = [weightsOf(ours), weightsOf(ref)];
      wo.forEach((w, i) => w.forEach((x, j) => expect(Math.abs(x - wr[i][j])).toBeLessThan(2e-5)));
    }
  });
});
