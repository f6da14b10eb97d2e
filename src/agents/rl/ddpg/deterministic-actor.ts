import type { AgentEnvSpec } from '../../agent.ts';
import type { RootRandom } from '../../../random/index.ts';
import { tf } from '../../common/backend.ts';
import { Mlp } from '../../common/mlp.ts';
import type { MlpConfig } from '../../common/mlp.ts';
import type { GradientOptions } from '../../common/nn/forward.ts';
import { adam } from '../../common/optimizer.ts';
import { makeNoise } from '../../common/noise.ts';
import type { ActionNoise } from '../../common/noise.ts';
import { ContinuousOffPolicyAgent } from '../../common/off-policy.ts';
import type { OffPolicyConfig } from '../../common/off-policy.ts';
import type { DdpgConfig } from './config.ts';
import type { SavableOptimizer, StateReader, StateWriter } from '../../common/checkpoint-state.ts';

/** The config fields DDPG and TD3 share (TD3's config repeats DDPG's and adds its own). */
export type DeterministicActorConfig = Pick<
  DdpgConfig,
  keyof OffPolicyConfig | 'actorHiddenSizes' | 'criticHiddenSizes' | 'actorLearningRate' | 'criticLearningRate' | 'noise' | 'finalLayerInitScale' | 'adamEpsilon' | 'preTanhPenalty'
>;

/**
 * What TD3 keeps of DDPG (003 eqs. 24, 29-34): a tanh actor `mu(s)` with a target copy,
 * one Adam for the actor and one for the critic(s), and behaviour noise added in the unit box
 * and clipped to it, restarted at episode ends. Subclasses build their critics with
 * {@link newCritic} and {@link targetOf} and write the update; they differ in how many critics
 * there are and when the actor moves, which is exactly where DDPG and TD3 differ.
 */
export abstract class DeterministicActorAgent<C extends DeterministicActorConfig> extends ContinuousOffPolicyAgent<C> {
  readonly actor: Mlp;
  readonly targetActor: Mlp;
  protected readonly actorOptimizer: tf.Optimizer;
  protected readonly criticOptimizer: tf.Optimizer;
  private readonly criticShape: Omit<MlpConfig, 'seed'>;
  private readonly noise: ActionNoise | undefined;
  private readonly noiseBuf: Float32Array;
  /** The actor's last layer is linear and `tanh` is applied outside it (`preTanhPenalty` > 0). */
  private readonly penalised: boolean;

  protected constructor(algo: string, spec: AgentEnvSpec, config: C, random: RootRandom) {
    super(algo, spec, config, random);
    const c = this.config;
    const o = this.observationSize;
    const a = this.actionSize;
    // With a pre-tanh penalty the net's last layer is linear and tanh is applied here, so the
    // penalty can see the pre-activation u (its gradient 2 lambda u does not vanish as tanh saturates).
    this.penalised = (c.preTanhPenalty ?? 0) > 0;
    const actorShape = { inputSize: o, hiddenSizes: c.actorHiddenSizes, outputSize: a, outputActivation: this.penalised ? ('linear' as const) : ('tanh' as const), finalLayerInitScale: c.finalLayerInitScale };
    this.criticShape = { inputSize: o + a, hiddenSizes: c.criticHiddenSizes, outputSize: 1, finalLayerInitScale: c.finalLayerInitScale };
    // Weights depend on the named seed only, so the order the nets are built in does not matter.
    this.actor = new Mlp({ ...actorShape, seed: this.random.netSeed('actor') });
    this.targetActor = new Mlp({ ...actorShape, seed: 0 });
    this.targetActor.copyFrom(this.actor);
    this.actorOptimizer = adam(c.actorLearningRate, c.adamEpsilon);
    this.criticOptimizer = adam(c.criticLearningRate, c.adamEpsilon);
    this.noise = makeNoise(c.noise, a, this.random.explore);
    this.noiseBuf = new Float32Array(a);
  }

  /** A critic `C(s, a)` initialised from the seed named `name`. */
  protected newCritic(name: string): Mlp {
    return new Mlp({ ...this.criticShape, seed: this.random.netSeed(name) });
  }

  /** A target critic that starts as an exact copy of `critic` (Algorithm 1, line 2), so its own seed is irrelevant. */
  protected targetOf(critic: Mlp): Mlp {
    const target = new Mlp({ ...this.criticShape, seed: 0 });
    target.copyFrom(critic);
    return target;
  }

  /** `mu(s)` of a batch from `net` (the actor or its target), in the unit box. */
  protected actorActions(net: Mlp, obs: tf.Tensor2D, grads?: GradientOptions): tf.Tensor2D {
    const out = net.apply(obs, grads);
    return this.penalised ? tf.tanh(out) : out;
  }

  /**
   * The actor loss: `-mean C(s, mu(s))` (29)-(32) from `critic`, plus `preTanhPenalty x mean(u^2)`
   * on the pre-tanh outputs u when set (keeps the policy off the corners of its box unless the
   * critic's gain outweighs it).
   */
  protected actorLoss(critic: Mlp, obs: tf.Tensor2D): tf.Scalar {
    const u = this.actor.apply(obs, { input: false });
    const action = this.penalised ? tf.tanh(u) : u;
    const gain = tf.neg(tf.mean(critic.apply(tf.concat([obs, action], 1), { weights: false })));
    return (this.penalised ? tf.add(gain, tf.mul(this.config.preTanhPenalty ?? 0, tf.mean(tf.square(u)))) : gain) as tf.Scalar;
  }

  /** `mu(s)`, plus the behaviour noise N of (24) clipped to the box while exploring. */
  protected policy(observation: Float32Array, explore: boolean): Float32Array {
    const mu = this.actor.predict(observation);
    if (this.penalised) for (let i = 0; i < mu.length; i++) mu[i] = Math.tanh(mu[i]);
    if (explore && this.noise) {
      this.noise.sample(this.noiseBuf);
      for (let i = 0; i < mu.length; i++) mu[i] = Math.min(1, Math.max(-1, mu[i] + this.noiseBuf[i]));
    }
    return mu;
  }

  /** Learning rates and the behaviour noise's scale (Gaussian std or OU sigma, in the unit box). */
  trainingStats(): Readonly<Record<string, number>> {
    const n = this.config.noise;
    const noiseStd = n.kind === 'gaussian' ? n.std : n.kind === 'ornstein-uhlenbeck' ? n.sigma : 0;
    return { actorLearningRate: this.config.actorLearningRate, criticLearningRate: this.config.criticLearningRate, noiseStd };
  }

  override onEpisodeEnd(): void {
    this.noise?.reset();
  }

  dispose(): void {
    for (const [, net] of this.networks()) (net as Mlp).dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }

  /** Checkpoints: the actor's and the critics' Adam. */
  protected override optimizers(): ReadonlyArray<readonly [string, SavableOptimizer | undefined]> {
    return [
      ['actor', this.actorOptimizer],
      ['critic', this.criticOptimizer],
    ];
  }

  /** Checkpoints: the behaviour noise's process value (OU); Gaussian noise keeps none. */
  protected override saveExtraState(out: StateWriter): void {
    const x = this.noise?.state?.();
    if (x) out.array('noise', x);
  }

  protected override loadExtraState(from: StateReader): void {
    if (this.noise?.setState) this.noise.setState(from.array('noise', Float64Array));
  }
}
