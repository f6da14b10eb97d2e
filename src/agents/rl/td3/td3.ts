import type { AgentEnvSpec, UpdateInfo } from '../../agent';
import type { RootRandom } from '../../../random';
import { tf } from '../../common/backend';
import { batchTensors, bellmanTarget, scalarValue } from '../../common/batch-tensors';
import { Mlp } from '../../common/mlp';
import { adam } from '../../common/optimizer';
import { makeNoise } from '../../common/noise';
import type { ActionNoise } from '../../common/noise';
import { ContinuousOffPolicyAgent } from '../../common/off-policy';
import type { WeightHolder } from '../../common/persistence';
import type { ReplayBatch } from '../../common/replay-buffer';
import { resolveTd3Config } from './config';
import type { Td3Config } from './config';

/**
 * Twin Delayed DDPG (Fujimoto et al. 2018), the 001 baseline. Three changes to DDPG:
 *
 * 1. clipped double Q: two critics, the Bellman target uses the smaller target value;
 * 2. target policy smoothing: clipped Gaussian noise on the target action;
 * 3. delayed policy updates: the actor and all targets move every `policyDelay` critic steps.
 */
export class Td3 extends ContinuousOffPolicyAgent<Td3Config> {
  readonly name: string = 'td3';
  readonly actor: Mlp;
  readonly critics: readonly [Mlp, Mlp];
  readonly targetActor: Mlp;
  readonly targetCritics: readonly [Mlp, Mlp];
  private readonly actorOptimizer: tf.Optimizer;
  private readonly criticOptimizer: tf.Optimizer;
  private readonly noise: ActionNoise | undefined;
  private readonly noiseBuf: Float32Array;
  private smoothing: Float32Array = new Float32Array(0);
  private lastActorLoss = NaN;

  constructor(spec: AgentEnvSpec, config: Partial<Td3Config>, random: RootRandom) {
    super('td3', spec, resolveTd3Config(config), random);
    const c = this.config;
    const o = this.observationSize;
    const a = this.actionSize;
    const actorCfg = { inputSize: o, hiddenSizes: c.actorHiddenSizes, outputSize: a, outputActivation: 'tanh' as const, finalLayerInitScale: c.finalLayerInitScale };
    const criticCfg = { inputSize: o + a, hiddenSizes: c.criticHiddenSizes, outputSize: 1, finalLayerInitScale: c.finalLayerInitScale };
    this.actor = new Mlp({ ...actorCfg, seed: this.random.netSeed('actor') });
    this.critics = [new Mlp({ ...criticCfg, seed: this.random.netSeed('critic/0') }), new Mlp({ ...criticCfg, seed: this.random.netSeed('critic/1') })];
    this.targetActor = new Mlp({ ...actorCfg, seed: 0 });
    this.targetCritics = [new Mlp({ ...criticCfg, seed: 0 }), new Mlp({ ...criticCfg, seed: 0 })];
    this.targetActor.copyFrom(this.actor);
    this.targetCritics.forEach((t, i) => t.copyFrom(this.critics[i]));
    this.actorOptimizer = adam(c.actorLearningRate, c.adamEpsilon);
    this.criticOptimizer = adam(c.criticLearningRate, c.adamEpsilon);
    this.noise = makeNoise(c.noise, a, this.random.explore);
    this.noiseBuf = new Float32Array(a);
  }

  protected policy(observation: Float32Array, explore: boolean): Float32Array {
    const mu = this.actor.predict(observation);
    if (explore && this.noise) {
      this.noise.sample(this.noiseBuf);
      for (let i = 0; i < mu.length; i++) mu[i] = Math.min(1, Math.max(-1, mu[i] + this.noiseBuf[i]));
    }
    return mu;
  }

  /** Clipped N(0, sigma^2) target-smoothing noise for a batch, from the agent's update stream. */
  private smoothingNoise(n: number): Float32Array {
    const len = n * this.actionSize;
    if (this.smoothing.length !== len) this.smoothing = new Float32Array(len);
    const { targetPolicyNoise: s, targetNoiseClip: c } = this.config;
    for (let i = 0; i < len; i++) this.smoothing[i] = Math.min(c, Math.max(-c, this.random.update.normal(0, s)));
    return this.smoothing;
  }

  protected trainStep(batch: ReplayBatch, step: number): UpdateInfo {
    const { gamma, tau, policyDelay } = this.config;
    const [q1, q2] = this.critics;
    const delayedUpdate = (step + 1) % policyDelay === 0;
    const noise = this.smoothingNoise(batch.size);
    const critic = tf.tidy(() => {
      const t = batchTensors(batch, this.observationSize, this.actionSize);
      const eps = tf.tensor2d(noise, [batch.size, this.actionSize]);
      const nextAct = tf.clipByValue(tf.add(this.targetActor.apply(t.nextObs), eps), -1, 1) as tf.Tensor2D;
      const nextIn = tf.concat([t.nextObs, nextAct], 1);
      const nextQ = tf.minimum(this.targetCritics[0].apply(nextIn), this.targetCritics[1].apply(nextIn)) as tf.Tensor2D;
      const y = bellmanTarget(t, gamma, nextQ);
      const loss = scalarValue(
        this.criticOptimizer.minimize(
          () => {
            const x = tf.concat([t.obs, t.actions], 1);
            return tf.add(tf.losses.meanSquaredError(y, q1.apply(x, { input: false })), tf.losses.meanSquaredError(y, q2.apply(x, { input: false }))) as tf.Scalar;
          },
          true,
          [...q1.variables, ...q2.variables],
        ),
      );
      if (delayedUpdate) {
        // Like SB3, the actor follows the first critic only.
        this.lastActorLoss = scalarValue(
          this.actorOptimizer.minimize(() => tf.neg(tf.mean(q1.apply(tf.concat([t.obs, this.actor.apply(t.obs, { input: false })], 1), { weights: false }))) as tf.Scalar, true, this.actor.variables),
        );
      }
      return loss;
    });
    if (delayedUpdate) {
      this.targetActor.softUpdateFrom(this.actor, tau);
      this.targetCritics.forEach((t, i) => t.softUpdateFrom(this.critics[i], tau));
    }
    return { critic, actor: this.lastActorLoss };
  }

  override onEpisodeEnd(): void {
    this.noise?.reset();
  }

  protected networks(): ReadonlyArray<readonly [string, WeightHolder]> {
    return [
      ['actor', this.actor],
      ['critic/0', this.critics[0]],
      ['critic/1', this.critics[1]],
      ['target_actor', this.targetActor],
      ['target_critic/0', this.targetCritics[0]],
      ['target_critic/1', this.targetCritics[1]],
    ];
  }

  dispose(): void {
    for (const [, net] of this.networks()) (net as Mlp).dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }
}
