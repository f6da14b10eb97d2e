/**
 * One discrete SAC gradient step without tf autograd (issue 13; as sac/update.ts for SAC):
 * nets in column layout with explicit backward passes (nn/sac-mlp.ts), the categorical and
 * the losses on small arrays with hand-derived gradients (nn/sac-categorical.ts), each Adam fed
 * directly. Same losses and order as the autograd formulation in losses.ts: critics (eq. 25),
 * actor (eq. 24) against the updated critics, temperature (eq. 26) with the updated policy.
 */
import { tf } from '../../common/backend.ts';
import type { Mlp } from '../../common/mlp.ts';
import type { ReplayBatch } from '../../common/replay-buffer.ts';
import type { GradientApplier } from '../../common/nn/sac-adam.ts';
import { backwardColumns, columnsOf, forwardColumns, namedGradients, passOutput, twinForward, type TransposeCache } from '../../common/nn/sac-mlp.ts';
import { categoricalActorLoss, entropyShortfall, logSoftmaxColumns } from '../../common/nn/sac-categorical.ts';

/** The learner's state the step reads and updates. */
export interface DiscreteSacLearner {
  readonly actor: Mlp;
  readonly critics: readonly [Mlp, Mlp];
  readonly targets: readonly [Mlp, Mlp];
  readonly logAlpha: tf.Variable;
  readonly actorOptimizer: GradientApplier;
  readonly criticOptimizer: GradientApplier;
  /** Undefined when alpha is fixed. */
  readonly alphaOptimizer: GradientApplier | undefined;
  readonly transposes: TransposeCache;
}

/** Constants of the step. */
export interface DiscreteSacStepSettings {
  readonly observationSize: number;
  /** |A| (joint) actions. */
  readonly actions: number;
  readonly gamma: number;
  readonly targetEntropy: number;
}

const read = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;

/** One step on `batch` at temperature `alpha` (read before the step). */
export function discreteSacStep(L: DiscreteSacLearner, c: DiscreteSacStepSettings, batch: ReplayBatch, alpha: number): { critic: number; actor: number; alphaLoss: number } {
  const n = batch.size;
  const O = c.observationSize;
  const K = c.actions;
  const cache = L.transposes;
  return tf.tidy(() => {
    // Eq. (25) target: y = r + gamma (1 - d) sum_a pi(a|s') (min Q'(s', a) - alpha log pi(a|s')).
    const nextObsT = columnsOf(batch.nextObservations, n, O);
    const nextLogP = logSoftmaxColumns(read(passOutput(forwardColumns(L.actor, nextObsT, cache))), K, n);
    const [qt1, qt2] = twinForward(L.targets, nextObsT, cache).out;
    const obsT = columnsOf(batch.observations, n, O);
    const { passes: [p1, p2], out: [q1, q2] } = twinForward(L.critics, obsT, cache);
    const d1 = new Float32Array(K * n);
    const d2 = new Float32Array(K * n);
    let critic = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let k = 0; k < K; k++) {
        const lp = nextLogP[k * n + i];
        v += Math.exp(lp) * (Math.min(qt1[k * n + i], qt2[k * n + i]) - alpha * lp);
      }
      const y = batch.rewards[i] + c.gamma * (1 - batch.terminated[i]) * v;
      // Critics: 0.5 (mean (Q1(s)[a] - y)² + mean (Q2(s)[a] - y)²).
      const j = batch.discreteActions[i] * n + i;
      critic += 0.5 * ((q1[j] - y) ** 2 + (q2[j] - y) ** 2);
      d1[j] = (q1[j] - y) / n;
      d2[j] = (q2[j] - y) / n;
    }
    const weightsOnly = { weights: true, input: false };
    const g1 = backwardColumns(p1, tf.tensor2d(d1, [K, n]), weightsOnly);
    const g2 = backwardColumns(p2, tf.tensor2d(d2, [K, n]), weightsOnly);
    L.criticOptimizer.applyGradients(namedGradients(L.critics[1], g2, namedGradients(L.critics[0], g1)));

    // Actor (eq. 24) against the updated critics' minimum.
    const [u1, u2] = twinForward(L.critics, obsT, cache).out;
    const qMin = u1.map((x, j) => Math.min(x, u2[j]));
    const actorPass = forwardColumns(L.actor, obsT, cache);
    const actor = categoricalActorLoss(logSoftmaxColumns(read(passOutput(actorPass)), K, n), qMin, alpha, K, n);
    L.actorOptimizer.applyGradients(namedGradients(L.actor, backwardColumns(actorPass, tf.tensor2d(actor.dLogits, [K, n]), weightsOnly)));

    // Temperature (eq. 26) with the updated policy: loss = -alpha shortfall = its gradient in log alpha.
    let alphaLoss = 0;
    if (L.alphaOptimizer !== undefined) {
      const logP = logSoftmaxColumns(read(passOutput(forwardColumns(L.actor, obsT, cache))), K, n);
      alphaLoss = -Math.exp(read(L.logAlpha)[0]) * entropyShortfall(logP, c.targetEntropy, K, n);
      L.alphaOptimizer.applyGradients({ [L.logAlpha.name]: tf.scalar(alphaLoss) });
    }
    return { critic: critic / n, actor: actor.loss, alphaLoss };
  });
}
