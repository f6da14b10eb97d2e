/**
 * One SAC gradient step (001 eqs. 21-23) without tf autograd: the nets run in column layout
 * with explicit backward passes (nn/sac-mlp.ts), the squashed Gaussian and the losses are
 * computed on small arrays with hand-derived gradients (nn/squash-gaussian.ts), and the
 * gradients go straight to each Adam. Same losses, order and gradients as the autograd
 * formulation (SB3's alpha, critics, actor; tests compare the two); what changes is the work:
 *
 * - the actor's forward on `s` is run once and serves both the temperature loss and the actor
 *   loss (the actor does not change in between, and both use the same noise);
 * - every weight is transposed once per change, not once per forward (`TransposeCache`);
 * - the critics' weight gradients are not formed in the actor loss (nor by autograd's tape).
 */
import { tf } from '../../common/backend.ts';
import type { Mlp } from '../../common/mlp.ts';
import type { ReplayBatch } from '../../common/replay-buffer.ts';
import type { GradientApplier } from '../../common/nn/sac-adam.ts';
import { backwardColumns, columnsOf, forwardColumns, namedGradients, passOutput, twinForward, type TransposeCache } from '../../common/nn/sac-mlp.ts';
import { squashBackward, squashForward } from '../../common/nn/squash-gaussian.ts';

/** The learner's state the step reads and updates. */
export interface SacLearner {
  readonly actor: Mlp;
  readonly critics: readonly [Mlp, Mlp];
  readonly targetCritics: readonly [Mlp, Mlp];
  /** log(alpha) and its optimiser when the temperature is learned. */
  readonly logAlpha: tf.Variable | undefined;
  readonly alphaOptimizer: GradientApplier | undefined;
  readonly actorOptimizer: GradientApplier;
  readonly criticOptimizer: GradientApplier;
  readonly transposes: TransposeCache;
}

/** Constants of the step. */
export interface SacStepSettings {
  readonly observationSize: number;
  readonly actionSize: number;
  readonly gamma: number;
  readonly targetEntropy: number;
  readonly logStdMin: number;
  readonly logStdMax: number;
}

/** Losses of one step, as the agent reports them. */
export interface SacStepLosses {
  readonly critic: number;
  readonly actor: number;
  readonly alpha_loss: number;
  readonly entropy: number;
}

const read = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;
const mean = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
};

/**
 * One step on `batch` with reparameterisation noise `eps` (for `s`) and `nextEps` (for `s'`),
 * both row-major `[n, A]`, at temperature `alpha` (read before the temperature's own step).
 */
export function sacStep(L: SacLearner, c: SacStepSettings, batch: ReplayBatch, eps: Float32Array, nextEps: Float32Array, alpha: number): SacStepLosses {
  const n = batch.size;
  const O = c.observationSize;
  const A = c.actionSize;
  const cache = L.transposes;
  return tf.tidy(() => {
    const obsT = columnsOf(batch.observations, n, O);
    const actorPass = forwardColumns(L.actor, obsT, cache);
    const pi = squashForward(read(passOutput(actorPass)), eps, A, n, c.logStdMin, c.logStdMax);

    // (23): -mean(log alpha (log pi + H~)); its gradient in log alpha is -mean(log pi + H~).
    let alphaLoss = NaN;
    if (L.logAlpha !== undefined && L.alphaOptimizer !== undefined) {
      const shifted = mean(pi.logProb) + c.targetEntropy;
      alphaLoss = -read(L.logAlpha)[0] * shifted;
      L.alphaOptimizer.applyGradients({ [L.logAlpha.name]: tf.scalar(-shifted) });
    }

    // (22): y = r + gamma (1 - done) (min Q'(s', a') - alpha log pi(a'|s')), a' ~ pi(.|s').
    const nextObsT = columnsOf(batch.nextObservations, n, O);
    const next = squashForward(read(passOutput(forwardColumns(L.actor, nextObsT, cache))), nextEps, A, n, c.logStdMin, c.logStdMax);
    const xNextT = tf.concat([nextObsT, tf.tensor2d(next.actionT, [A, n])], 0);
    const qt1 = read(passOutput(forwardColumns(L.targetCritics[0], xNextT, cache)));
    const qt2 = read(passOutput(forwardColumns(L.targetCritics[1], xNextT, cache)));
    const xT = tf.concat([obsT, columnsOf(batch.continuousActions, n, A)], 0);
    const { passes: [p1, p2], out: [q1, q2] } = twinForward(L.critics, xT, cache);
    const d1 = new Float32Array(n);
    const d2 = new Float32Array(n);
    let critic = 0;
    for (let i = 0; i < n; i++) {
      const y = batch.rewards[i] + c.gamma * (1 - batch.terminated[i]) * (Math.min(qt1[i], qt2[i]) - alpha * next.logProb[i]);
      critic += 0.5 * ((q1[i] - y) ** 2 + (q2[i] - y) ** 2);
      // d/dq of 0.5 (mean (q1 - y)² + mean (q2 - y)²)
      d1[i] = (q1[i] - y) / n;
      d2[i] = (q2[i] - y) / n;
    }
    const weightsOnly = { weights: true, input: false };
    const g1 = backwardColumns(p1, tf.tensor2d(d1, [1, n]), weightsOnly);
    const g2 = backwardColumns(p2, tf.tensor2d(d2, [1, n]), weightsOnly);
    L.criticOptimizer.applyGradients(namedGradients(L.critics[1], g2, namedGradients(L.critics[0], g1)));

    // (21): mean(alpha log pi(a|s) - min_k Q_k(s, a)), a reparameterised, through the updated critics.
    const xPiT = tf.concat([obsT, tf.tensor2d(pi.actionT, [A, n])], 0);
    const { passes: [c1, c2], out: [v1, v2] } = twinForward(L.critics, xPiT, cache);
    const e1 = new Float32Array(n);
    const e2 = new Float32Array(n);
    let actor = 0;
    for (let i = 0; i < n; i++) {
      actor += (alpha * pi.logProb[i] - Math.min(v1[i], v2[i])) / n;
      // tf.minimum's gradient: ties go to the first operand.
      if (v1[i] <= v2[i]) e1[i] = -1 / n;
      else e2[i] = -1 / n;
    }
    const inputOnly = { weights: false, input: true };
    const dx1 = backwardColumns(c1, tf.tensor2d(e1, [1, n]), inputOnly).dxT!;
    const dx2 = backwardColumns(c2, tf.tensor2d(e2, [1, n]), inputOnly).dxT!;
    const dAction = read(tf.slice(tf.add(dx1, dx2), [O, 0], [A, n]));
    const dHead = squashBackward(pi, dAction, new Float64Array(n).fill(alpha / n));
    L.actorOptimizer.applyGradients(namedGradients(L.actor, backwardColumns(actorPass, tf.tensor2d(dHead, [2 * A, n]), weightsOnly)));
    return { critic: critic / n, actor, alpha_loss: alphaLoss, entropy: -mean(pi.logProb) };
  });
}
