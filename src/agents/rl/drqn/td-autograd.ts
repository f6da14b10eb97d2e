/**
 * The DRQN TD loss as tf autograd sees it: `RecurrentQNetwork.sequence` unrolled on the tape,
 * DQN's `qTargets` / `chosenQ` / `tdLossElements`, gradients by `tf.variableGrads`. This was
 * the training step before the hand-written pass (td-step.ts); it stays as that pass's
 * reference: the tests check the two agree and bench/drqn-section.ts times both.
 */
import { tf } from '../../common/backend.ts';
import type { SequenceBatch } from '../../common/sequence-replay.ts';
import { chosenQ, qTargets, tdLossElements } from '../dqn/loss.ts';
import type { DrqnConfig } from './config.ts';
import type { RecurrentQNetwork } from './network.ts';
import { extendedObservations, lossMask } from './sequences.ts';
import type { TdGradients } from './td-step.ts';

type TdConfig = Pick<DrqnConfig, 'gamma' | 'loss' | 'doubleQ' | 'burnIn'>;

/** {@link TdGradients} of one batch by tf autograd. */
export function tdGradientsAutograd(online: RecurrentQNetwork, target: RecurrentQNetwork, b: SequenceBatch, c: TdConfig): TdGradients {
  const B = b.batchSize;
  const L = b.sequenceLength;
  const O = online.spec.inputSize;
  const A = online.spec.actions;
  const [obs, actions, targets, mask, count] = tf.tidy(() => {
    const ext = tf.tensor3d(extendedObservations(b), [B, L + 1, O]);
    const nextOf = (net: RecurrentQNetwork) => tf.reshape(tf.slice(net.sequence(ext).q, [0, 1, 0], [B, L, A]), [B * L, A]) as tf.Tensor2D;
    const y = qTargets(tf.tensor1d(b.rewards), tf.tensor1d(b.terminated), c.gamma, nextOf(target), c.doubleQ ? nextOf(online) : undefined);
    const m = tf.tensor1d(lossMask(b, c.burnIn));
    return [tf.tensor3d(b.observations, [B, L, O]), tf.tensor1d(b.actions, 'int32'), y, m, tf.maximum(tf.sum(m), 1)];
  });
  let absTd: tf.Scalar | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const q = tf.reshape(online.sequence(obs as tf.Tensor3D).q, [B * L, A]) as tf.Tensor2D;
    const td = tf.sub(targets, chosenQ(q, actions as tf.Tensor1D));
    absTd = tf.keep(tf.div(tf.sum(tf.mul(tf.abs(td), mask)), count) as tf.Scalar);
    return tf.div(tf.sum(tf.mul(tdLossElements(td, c.loss), mask)), count) as tf.Scalar;
  }, online.variables);
  const out: TdGradients = {
    grads: online.variables.map((v) => Float32Array.from(grads[v.name].dataSync() as Float32Array)),
    loss: value.dataSync()[0],
    meanAbsTd: absTd!.dataSync()[0],
  };
  tf.dispose([obs, actions, targets, mask, count, value, absTd!, ...Object.values(grads)]);
  return out;
}
