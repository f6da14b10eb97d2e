/**
 * The DRQN Q-network: dense ReLU layers, an LSTM, and a linear head to one value per action
 * (Hausknecht & Stone 2015 replace DQN's first fully-connected layer with an LSTM; 004 uses
 * depth 3: dense 64 -> LSTM 32 -> output).
 */
import { tf } from '../../common/backend.ts';
import { Lstm } from '../../common/lstm.ts';
import type { LstmState } from '../../common/lstm.ts';
import { Mlp } from '../../common/mlp.ts';
import { RandomStream } from '../../../random/index.ts';

export interface RecurrentQSpec {
  readonly inputSize: number;
  readonly actions: number;
  readonly preHiddenSizes: readonly number[];
  readonly lstmSize: number;
  readonly seed: number;
}

/** {@link RecurrentQNetwork}'s variables by layer (each in `variables` order). */
export interface RecurrentQLayers {
  /** Dense ReLU layers before the LSTM: `w` `[in, out]`, `b` `[out]`. */
  readonly pre: readonly { readonly w: tf.Tensor2D; readonly b: tf.Tensor }[];
  readonly lstm: { readonly kernel: tf.Tensor2D; readonly recurrent: tf.Tensor2D; readonly bias: tf.Tensor };
  /** The linear head `[lstmSize, actions]`. */
  readonly head: { readonly w: tf.Tensor2D; readonly b: tf.Tensor };
}

export class RecurrentQNetwork {
  readonly variables: tf.Variable[];
  private readonly pre: Mlp | undefined;
  private readonly lstm: Lstm;
  private readonly head: Mlp;

  constructor(readonly spec: RecurrentQSpec) {
    const seeds = new RandomStream('drqn/init', spec.seed);
    const pre = spec.preHiddenSizes;
    const lstmIn = pre.length > 0 ? pre[pre.length - 1] : spec.inputSize;
    // The pre-net's last layer is linear in Mlp; the ReLU is applied in `features`.
    this.pre = pre.length > 0 ? new Mlp({ inputSize: spec.inputSize, hiddenSizes: pre.slice(0, -1), outputSize: lstmIn, seed: seeds.seed32() }) : undefined;
    this.lstm = new Lstm({ inputSize: lstmIn, hiddenSize: spec.lstmSize, seed: seeds.seed32() });
    this.head = new Mlp({ inputSize: spec.lstmSize, hiddenSizes: [], outputSize: spec.actions, seed: seeds.seed32() });
    this.variables = [...(this.pre?.variables ?? []), ...this.lstm.variables, ...this.head.variables];
  }

  /** The weights grouped by layer, for the hand-written pass (network-pass.ts). */
  layers(): RecurrentQLayers {
    const pre = this.pre?.variables ?? [];
    const [kernel, recurrent, bias] = this.lstm.variables;
    const [headW, headB] = this.head.variables;
    return {
      pre: Array.from({ length: pre.length / 2 }, (_, l) => ({ w: pre[2 * l] as tf.Tensor2D, b: pre[2 * l + 1] })),
      lstm: { kernel: kernel as tf.Tensor2D, recurrent: recurrent as tf.Tensor2D, bias },
      head: { w: headW as tf.Tensor2D, b: headB },
    };
  }

  zeroState(batch: number): LstmState {
    return this.lstm.zeroState(batch);
  }

  /** Q-values of every step of `x` `[batch, time, inputSize]`, unrolled from `initial` (zeros by default). */
  sequence(x: tf.Tensor3D, initial?: LstmState): { q: tf.Tensor3D; state: LstmState } {
    const [B, T, I] = x.shape;
    const f = this.features(tf.reshape(x, [B * T, I]));
    const { outputs, state } = this.lstm.sequence(tf.reshape(f, [B, T, f.shape[1]]), initial);
    const q = this.head.apply(tf.reshape(outputs, [B * T, this.spec.lstmSize]));
    return { q: tf.reshape(q, [B, T, this.spec.actions]), state };
  }

  /** One step for acting: `x` `[batch, inputSize]`. */
  step(x: tf.Tensor2D, state: LstmState): { q: tf.Tensor2D; state: LstmState } {
    const next = this.lstm.step(this.features(x), state);
    return { q: this.head.apply(next.h), state: next };
  }

  private features(x: tf.Tensor2D): tf.Tensor2D {
    return this.pre ? tf.relu(this.pre.apply(x)) : x;
  }

  getWeights(): Float32Array[] {
    return [...(this.pre?.getWeights() ?? []), ...this.lstm.getWeights(), ...this.head.getWeights()];
  }

  setWeights(w: Float32Array[]): void {
    if (w.length !== this.variables.length) throw new RangeError(`RecurrentQNetwork.setWeights: expected ${this.variables.length} arrays, got ${w.length}`);
    const p = this.pre?.variables.length ?? 0;
    this.pre?.setWeights(w.slice(0, p));
    this.lstm.setWeights(w.slice(p, p + 3));
    this.head.setWeights(w.slice(p + 3));
  }

  dispose(): void {
    this.pre?.dispose();
    this.lstm.dispose();
    this.head.dispose();
  }
}
