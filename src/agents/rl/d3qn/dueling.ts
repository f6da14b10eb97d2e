/**
 * Dueling Q-network (Wang et al. 2016): a shared trunk, then a state-value head V(s) and an
 * advantage head A(s, a), combined as `Q = V + A - mean_a A` so that V and A are identifiable.
 * The trunk holds all hidden layers and each head is one linear layer, so a dueling net has the
 * same depth as the plain DQN MLP with the same `hiddenSizes`.
 */
import { tf } from '../../common/backend.ts';
import { Mlp } from '../../common/mlp.ts';
import { tanh } from '../../common/nn/activations.ts';
import { RandomStream } from '../../../random/index.ts';
import type { QNetwork, QNetworkFactory, QNetworkSpec } from '../dqn/q-network.ts';

export class DuelingQNetwork implements QNetwork {
  readonly variables: tf.Variable[];
  private readonly trunk: Mlp;
  private readonly value: Mlp;
  private readonly advantage: Mlp;

  constructor(spec: QNetworkSpec) {
    if (spec.hiddenSizes.length === 0) throw new RangeError('a dueling network needs at least one hidden layer');
    const seeds = new RandomStream('dueling/init', spec.seed);
    const features = spec.hiddenSizes[spec.hiddenSizes.length - 1];
    this.trunk = new Mlp({
      inputSize: spec.inputSize,
      hiddenSizes: spec.hiddenSizes.slice(0, -1),
      outputSize: features,
      activation: spec.activation,
      seed: seeds.seed32(),
    });
    this.value = new Mlp({ inputSize: features, hiddenSizes: [], outputSize: 1, seed: seeds.seed32() });
    this.advantage = new Mlp({ inputSize: features, hiddenSizes: [], outputSize: spec.actions, seed: seeds.seed32() });
    this.variables = [...this.trunk.variables, ...this.value.variables, ...this.advantage.variables];
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const z = this.trunk.apply(x);
    // The trunk Mlp ends in a linear layer (Mlp has no relu output), so its last hidden
    // activation is applied here; tanh from nn/activations takes its gradient from z, as Mlp does.
    const h = this.trunk.config.activation === 'tanh' ? tanh(z) : tf.relu(z);
    return duelingCombine(this.value.apply(h), this.advantage.apply(h));
  }

  getWeights(): Float32Array[] {
    return [...this.trunk.getWeights(), ...this.value.getWeights(), ...this.advantage.getWeights()];
  }

  setWeights(w: Float32Array[]): void {
    const t = this.trunk.variables.length;
    const v = this.value.variables.length;
    if (w.length !== this.variables.length) throw new RangeError(`DuelingQNetwork.setWeights: expected ${this.variables.length} arrays, got ${w.length}`);
    this.trunk.setWeights(w.slice(0, t));
    this.value.setWeights(w.slice(t, t + v));
    this.advantage.setWeights(w.slice(t + v));
  }

  dispose(): void {
    this.trunk.dispose();
    this.value.dispose();
    this.advantage.dispose();
  }
}

/** `Q = V + A - mean_a A` (Wang et al. 2016, eq. 9): `value` is `[n, 1]`, `advantage` `[n, actions]`. */
export function duelingCombine(value: tf.Tensor2D, advantage: tf.Tensor2D): tf.Tensor2D {
  return tf.add(value, tf.sub(advantage, tf.mean(advantage, 1, true)));
}

export const duelingQNetwork: QNetworkFactory = (spec) => new DuelingQNetwork(spec);
