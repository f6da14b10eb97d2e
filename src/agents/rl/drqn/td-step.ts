/**
 * One DRQN gradient step on a sampled sequence batch, computed by the hand-written pass
 * (network-pass.ts) instead of tf autograd: the same TD targets, masked loss, gradient-norm
 * clipping and optimiser step as DQN's `qTargets` / `tdLossElements` / `minimizeClipped`,
 * as plain-array arithmetic.
 */
import { tf } from '../../common/backend.ts';
import type { SequenceBatch } from '../../common/sequence-replay.ts';
import type { DrqnConfig } from './config.ts';
import type { RecurrentQNetwork } from './network.ts';
import { qBackwardChosen, qForwardGroup, timeMajor, type QInput, type QPass } from './network-pass.ts';
import { extendedObservations, lossMask } from './sequences.ts';

/** The loss of one batch and its gradient w.r.t. the online network's variables. */
export interface TdGradients {
  /** In `online.variables` order. */
  readonly grads: Float32Array[];
  readonly loss: number;
  /** Masked mean |TD error| (the adaptive epsilon's input). */
  readonly meanAbsTd: number;
}

type TdConfig = Pick<DrqnConfig, 'gamma' | 'loss' | 'doubleQ' | 'burnIn'>;

/**
 * `y = r + gamma (1 - terminated) Q_target(s', a*)` with `a* = argmax Q_target(s')` (or
 * `argmax Q_online(s')` for double Q), both networks unrolled over the observations extended by
 * the last next-observation; loss = masked mean of Huber or squared TD errors.
 */
export function tdGradients(online: RecurrentQNetwork, target: RecurrentQNetwork, b: SequenceBatch, c: TdConfig): TdGradients {
  return tdGradientsGroup([{ online, target, batch: b }], c)[0];
}

/** One learner's networks and sampled batch. */
export interface TdMember {
  readonly online: RecurrentQNetwork;
  readonly target: RecurrentQNetwork;
  readonly batch: SequenceBatch;
}

/**
 * {@link tdGradients} of independent learners (same network shape, batch size and sequence
 * length) in one pass: each member's result is the one it would get alone.
 */
export function tdGradientsGroup(members: readonly TdMember[], c: TdConfig): TdGradients[] {
  if (members.length === 0) return [];
  const { batchSize: B, sequenceLength: L } = members[0].batch;
  const { inputSize: O } = members[0].online.spec;
  if (members.some((m) => m.batch.batchSize !== B || m.batch.sequenceLength !== L || m.online.spec.inputSize !== O)) {
    throw new RangeError('tdGradientsGroup: members differ in batch size, sequence length or observation size');
  }
  const exts = members.map((m) => timeMajor(extendedObservations(m.batch), B, L + 1, O));
  // Every network of every member in one lockstep pass: the target nets (and the online nets
  // for double Q) over the L + 1 extended steps without a tape, the online nets over L steps.
  const inputs: QInput[] = [
    ...members.map((m, k) => ({ layers: m.target.layers(), obs: exts[k], steps: L + 1, forBackward: false })),
    ...(c.doubleQ ? members.map((m, k) => ({ layers: m.online.layers(), obs: exts[k], steps: L + 1, forBackward: false })) : []),
    // The loss reads one action per row: the online nets' heads compute just those Q-values.
    ...members.map((m) => ({ layers: m.online.layers(), obs: timeMajor(m.batch.observations, B, L, O), steps: L, chosen: timeMajorActions(m.batch) })),
  ];
  const out = qForwardGroup(inputs, B);
  const M = members.length;
  const qNext = out.slice(0, M).map((p) => p.q);
  const qNextOnline = c.doubleQ ? out.slice(M, 2 * M).map((p) => p.q) : undefined;
  const passes = out.slice(c.doubleQ ? 2 * M : M);
  return members.map((m, k) => tdLoss(passes[k], qNext[k], qNextOnline?.[k], m.batch, c));
}

/** The loss, |TD| and gradients of one member from its passes. */
function tdLoss(pass: QPass, qNext: Float32Array, qNextOnline: Float32Array | undefined, b: SequenceBatch, c: TdConfig): TdGradients {
  const B = b.batchSize;
  const L = b.sequenceLength;
  const A = pass.layers.head.w.shape[1];
  const mask = lossMask(b, c.burnIn);
  let count = 0;
  for (let k = 0; k < mask.length; k++) count += mask[k];
  count = Math.max(count, 1);
  const dq = new Float32Array(B * L);
  let loss = 0;
  let absTd = 0;
  for (let r = 0; r < B; r++) {
    for (let t = 0; t < L; t++) {
      const i = r * L + t; // batch-major index into the sampled arrays
      const row = t * B + r; // time-major row of the passes
      const next = (row + B) * A; // step t + 1 of the extended pass
      const pick = argmaxAt(qNextOnline ?? qNext, next, A);
      const y = Math.fround(b.rewards[i] + (1 - b.terminated[i]) * c.gamma * qNext[next + pick]);
      const td = y - pass.q[row];
      const m = mask[i];
      if (c.loss === 'mse') {
        loss += m * td * td;
        dq[row] = (-2 * td * m) / count;
      } else {
        const a = Math.abs(td);
        const q = Math.min(a, 1);
        loss += m * (0.5 * q * q + (a - q));
        dq[row] = (-Math.max(-1, Math.min(1, td)) * m) / count;
      }
      absTd += Math.abs(td) * m;
    }
  }
  return { grads: qBackwardChosen(pass, dq), loss: loss / count, meanAbsTd: absTd / count };
}

/** Each row's action, time-major (row `t * batch + b`). */
function timeMajorActions(b: SequenceBatch): Int32Array {
  const out = new Int32Array(b.batchSize * b.sequenceLength);
  for (let r = 0; r < b.batchSize; r++) for (let t = 0; t < b.sequenceLength; t++) out[t * b.batchSize + r] = b.actions[r * b.sequenceLength + t];
  return out;
}

function argmaxAt(q: Float32Array, from: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (q[from + k] > q[from + best]) best = k;
  return best;
}

/**
 * Scale `grads` (in place) down to a global L2 norm of at most `maxGradNorm` (SB3's
 * `clip_grad_norm_`, as `minimizeClipped`), then apply them with `optimizer`.
 */
export function applyClipped(optimizer: tf.Optimizer, variables: readonly tf.Variable[], grads: Float32Array[], maxGradNorm: number): void {
  if (Number.isFinite(maxGradNorm)) {
    let sq = 0;
    for (const g of grads) for (let k = 0; k < g.length; k++) sq += g[k] * g[k];
    const norm = Math.sqrt(sq);
    if (norm > maxGradNorm) {
      const scale = maxGradNorm / (norm + 1e-6);
      for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= scale;
    }
  }
  const named: tf.NamedTensorMap = {};
  variables.forEach((v, k) => (named[v.name] = tf.tensor(grads[k], v.shape, 'float32')));
  try {
    optimizer.applyGradients(named);
  } finally {
    tf.dispose(Object.values(named));
  }
}
