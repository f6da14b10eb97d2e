/**
 * One hybrid SAC gradient step without tf autograd, as sac/update.ts does it for SAC: nets in
 * column layout with explicit backward passes (nn/sac-mlp.ts), the squashed Gaussian, the
 * categorical and the losses on small arrays with hand-derived gradients, each Adam fed
 * directly. Same losses and order as before (critics, continuous actor, discrete actor, both
 * temperatures; losses.ts states them), fewer passes:
 *
 * - the categorical actor's forward on `s` serves both the fixed weights of the continuous
 *   actor loss and the discrete actor loss (the categorical actor does not change in between);
 * - `Q_min(s, a_c)` at the continuous sample is read off the continuous actor loss's critic
 *   forward (same critics, same sample) instead of a second forward;
 * - weights are transposed once per change (`TransposeCache`).
 *
 * The categorical's gradient: nn/sac-categorical.ts.
 */
import { tf } from '../../common/backend.ts';
import type { Mlp } from '../../common/mlp.ts';
import type { ReplayBatch } from '../../common/replay-buffer.ts';
import type { GradientApplier } from '../../common/nn/sac-adam.ts';
import { backwardColumns, columnsOf, forwardColumns, namedGradients, passOutput, twinForward, type TransposeCache } from '../../common/nn/sac-mlp.ts';
import { squashBackward, squashForward } from '../../common/nn/squash-gaussian.ts';
import { categoricalActorLoss, entropyShortfall, logSoftmaxColumns } from '../../common/nn/sac-categorical.ts';

/** The learner's state the step reads and updates. */
export interface HybridSacLearner {
  readonly gaussianActor: Mlp;
  readonly categoricalActor: Mlp;
  readonly critics: readonly [Mlp, Mlp];
  readonly targets: readonly [Mlp, Mlp];
  readonly logAlphaC: tf.Variable;
  readonly logAlphaD: tf.Variable;
  readonly opts: { readonly actorC: GradientApplier; readonly actorD: GradientApplier; readonly critic: GradientApplier; readonly alphaC: GradientApplier; readonly alphaD: GradientApplier };
  readonly transposes: TransposeCache;
}

/** Constants of the step. */
export interface HybridSacStepSettings {
  readonly observationSize: number;
  readonly continuousSize: number;
  /** K joint discrete choices. */
  readonly choices: number;
  readonly gamma: number;
  readonly targetEntropyContinuous: number;
  readonly targetEntropyDiscrete: number;
  readonly logStdMin: number;
  readonly logStdMax: number;
}

/** Losses of one step, as the agent reports them. */
export interface HybridSacStepLosses {
  readonly critic: number;
  readonly actorContinuous: number;
  readonly actorDiscrete: number;
  readonly alphaLossContinuous: number;
  readonly alphaLossDiscrete: number;
}

const read = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;

/**
 * One step on `batch` with noise `nextEps` (for `s'`) and `eps` (for `s`), row-major `[n, A]`,
 * at temperatures read before the step.
 */
export function hybridSacStep(L: HybridSacLearner, c: HybridSacStepSettings, batch: ReplayBatch, nextEps: Float32Array, eps: Float32Array, alphaC: number, alphaD: number): HybridSacStepLosses {
  const n = batch.size;
  const O = c.observationSize;
  const A = c.continuousSize;
  const K = c.choices;
  const cache = L.transposes;
  return tf.tidy(() => {
    // Critic targets (eqs. 22 + 25): V(s') = sum_k pi_d(k) (Q'_min(k) - alpha_d log pi_d(k)) - alpha_c log pi_c(a_c').
    const nextObsT = columnsOf(batch.nextObservations, n, O);
    const next = squashForward(read(passOutput(forwardColumns(L.gaussianActor, nextObsT, cache))), nextEps, A, n, c.logStdMin, c.logStdMax);
    const nextLogP = logSoftmaxColumns(read(passOutput(forwardColumns(L.categoricalActor, nextObsT, cache))), K, n);
    const xNextT = tf.concat([nextObsT, tf.tensor2d(next.actionT, [A, n])], 0);
    const [qt1, qt2] = twinForward(L.targets, xNextT, cache).out;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = -alphaC * next.logProb[i];
      for (let k = 0; k < K; k++) {
        const lp = nextLogP[k * n + i];
        v += Math.exp(lp) * (Math.min(qt1[k * n + i], qt2[k * n + i]) - alphaD * lp);
      }
      y[i] = batch.rewards[i] + c.gamma * (1 - batch.terminated[i]) * v;
    }

    // Critics: 0.5 (mean (Q1(s, a_c)[a_d] - y)² + mean (Q2(s, a_c)[a_d] - y)²).
    const obsT = columnsOf(batch.observations, n, O);
    const xT = tf.concat([obsT, columnsOf(batch.continuousActions, n, A)], 0);
    const { passes: [p1, p2], out: [q1, q2] } = twinForward(L.critics, xT, cache);
    const d1 = new Float32Array(K * n);
    const d2 = new Float32Array(K * n);
    let critic = 0;
    for (let i = 0; i < n; i++) {
      const k = batch.discreteActions[i] * n + i;
      critic += 0.5 * ((q1[k] - y[i]) ** 2 + (q2[k] - y[i]) ** 2);
      d1[k] = (q1[k] - y[i]) / n;
      d2[k] = (q2[k] - y[i]) / n;
    }
    const weightsOnly = { weights: true, input: false };
    const g1 = backwardColumns(p1, tf.tensor2d(d1, [K, n]), weightsOnly);
    const g2 = backwardColumns(p2, tf.tensor2d(d2, [K, n]), weightsOnly);
    L.opts.critic.applyGradients(namedGradients(L.critics[1], g2, namedGradients(L.critics[0], g1)));

    // Continuous actor (eq. 21, discrete choice marginalised under the fixed pi_d(.|s)).
    const catPass = forwardColumns(L.categoricalActor, obsT, cache);
    const logP = logSoftmaxColumns(read(passOutput(catPass)), K, n);
    const gaussPass = forwardColumns(L.gaussianActor, obsT, cache);
    const pi = squashForward(read(passOutput(gaussPass)), eps, A, n, c.logStdMin, c.logStdMax);
    const xPiT = tf.concat([obsT, tf.tensor2d(pi.actionT, [A, n])], 0);
    const { passes: [c1, c2], out: [v1, v2] } = twinForward(L.critics, xPiT, cache);
    const e1 = new Float32Array(K * n);
    const e2 = new Float32Array(K * n);
    const qAtSample = new Float64Array(K * n);
    let actorContinuous = 0;
    for (let i = 0; i < n; i++) {
      let expected = 0;
      for (let k = 0; k < K; k++) {
        const j = k * n + i;
        const p = Math.exp(logP[j]);
        qAtSample[j] = Math.min(v1[j], v2[j]);
        expected += p * qAtSample[j];
        // tf.minimum's gradient: ties go to the first operand.
        if (v1[j] <= v2[j]) e1[j] = -p / n;
        else e2[j] = -p / n;
      }
      actorContinuous += (alphaC * pi.logProb[i] - expected) / n;
    }
    const inputOnly = { weights: false, input: true };
    const dx1 = backwardColumns(c1, tf.tensor2d(e1, [K, n]), inputOnly).dxT!;
    const dx2 = backwardColumns(c2, tf.tensor2d(e2, [K, n]), inputOnly).dxT!;
    const dAction = read(tf.slice(tf.add(dx1, dx2), [O, 0], [A, n]));
    const dHead = squashBackward(pi, dAction, new Float64Array(n).fill(alphaC / n));
    L.opts.actorC.applyGradients(namedGradients(L.gaussianActor, backwardColumns(gaussPass, tf.tensor2d(dHead, [2 * A, n]), weightsOnly)));

    // Discrete actor (eq. 24) against Q_min at the same continuous sample.
    const discrete = categoricalActorLoss(logP, qAtSample, alphaD, K, n);
    L.opts.actorD.applyGradients(namedGradients(L.categoricalActor, backwardColumns(catPass, tf.tensor2d(discrete.dLogits, [K, n]), weightsOnly)));

    // Temperatures: eq. (23) with the sample's log pi_c, eq. (26) with the updated pi_d.
    let meanLogPc = 0;
    for (let i = 0; i < n; i++) meanLogPc += pi.logProb[i] / n;
    const shiftedC = meanLogPc + c.targetEntropyContinuous;
    const alphaLossContinuous = -read(L.logAlphaC)[0] * shiftedC;
    L.opts.alphaC.applyGradients({ [L.logAlphaC.name]: tf.scalar(-shiftedC) });
    const newLogP = logSoftmaxColumns(read(passOutput(forwardColumns(L.categoricalActor, obsT, cache))), K, n);
    // loss = -exp(log alpha_d) shortfall, so d/dlog alpha_d = the loss itself.
    const alphaLossDiscrete = -Math.exp(read(L.logAlphaD)[0]) * entropyShortfall(newLogP, c.targetEntropyDiscrete, K, n);
    L.opts.alphaD.applyGradients({ [L.logAlphaD.name]: tf.scalar(alphaLossDiscrete) });
    return { critic: critic / n, actorContinuous, actorDiscrete: discrete.loss, alphaLossContinuous, alphaLossDiscrete };
  });
}
