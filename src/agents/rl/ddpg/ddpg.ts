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
import { resolveDdpgConfig } from './config';
import type { DdpgConfig } from './config';

/**
 * Deep Deterministic Policy Gradient (Lillicrap et al. 2016), as written in 003 eqs. (24)-(34):
 *
 * - act: `a = mu(s) + N` (24), noise only while exploring;
 * - critic: minimise `(y - C(s, a))^2` (28) with `y = r + beta C'(s', mu'(s'))` (27);
 * - actor: ascend `C(s, mu(s))` (29)-(32), gradient through the critic;
 * - targets: Polyak averaging with coefficient tau (33)-(34) after every step.
 *
 * ```ts
 * const agent = new Ddpg({ observationSpace, actionSpace }, DDPG_TOSCN_PAPER, new RootRandom(1));
 * ```
 */
export class Ddpg extends ContinuousOffPolicyAgent<DdpgConfig> {
  readonly name: string = 'ddpg';
  readonly actor: Mlp;
  readonly critic: Mlp;
  readonly targetActor: Mlp;
  readonly targetCritic: Mlp;
  private readonly actorOptimizer: tf.Optimizer;
  private readonly criticOptimizer: tf.Optimizer;
  private readonly noise: ActionNoise | undefined;
  private readonly noiseBuf: Float32Array;

  constructor(spec: AgentEnvSpec, config: Partial<DdpgConfig>, random: RootRandom) {
    super('ddpg', spec, resolveDdpgConfig(config), random);
    const c = this.config;
    const o = this.observationSize;
    const a = this.actionSize;
    const actorCfg = { inputSize: o, hiddenSizes: c.actorHiddenSizes, outputSize: a, outputActivation: 'tanh' as const, finalLayerInitScale: c.finalLayerInitScale };
    const criticCfg = { inputSize: o + a, hiddenSizes: c.criticHiddenSizes, outputSize: 1, finalLayerInitScale: c.finalLayerInitScale };
    this.actor = new Mlp({ ...actorCfg, seed: this.random.netSeed('actor') });
    this.critic = new Mlp({ ...criticCfg, seed: this.random.netSeed('critic') });
    // Targets start as exact copies (Algorithm 1, line 2); their own seeds are irrelevant.
    this.targetActor = new Mlp({ ...actorCfg, seed: 0 });
    this.targetCritic = new Mlp({ ...criticCfg, seed: 0 });
    this.targetActor.copyFrom(this.actor);
    this.targetCritic.copyFrom(this.critic);
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

  protected trainStep(batch: ReplayBatch): UpdateInfo {
    const { gamma, tau } = this.config;
    const losses = tf.tidy(() => {
      const t = batchTensors(batch, this.observationSize, this.actionSize);
      // (27): the target uses only target nets, so no gradient can flow into it.
      const y = bellmanTarget(t, gamma, this.targetCritic.apply(tf.concat([t.nextObs, this.targetActor.apply(t.nextObs)], 1)));
      const critic = scalarValue(
        this.criticOptimizer.minimize(() => tf.losses.meanSquaredError(y, this.critic.apply(tf.concat([t.obs, t.actions], 1), { input: false })) as tf.Scalar, true, this.critic.variables),
      );
      // (29)-(32): gradient ascent on C(s, mu(s)) == descent on its negation, actor weights only.
      const actor = scalarValue(
        this.actorOptimizer.minimize(() => tf.neg(tf.mean(this.critic.apply(tf.concat([t.obs, this.actor.apply(t.obs, { input: false })], 1), { weights: false }))) as tf.Scalar, true, this.actor.variables),
      );
      return { critic, actor };
    });
    // (33)-(34)
    this.targetActor.softUpdateFrom(this.actor, tau);
    this.targetCritic.softUpdateFrom(this.critic, tau);
    return losses;
  }

  override onEpisodeEnd(): void {
    this.noise?.reset();
  }

  protected networks(): ReadonlyArray<readonly [string, WeightHolder]> {
    return [
      ['actor', this.actor],
      ['critic', this.critic],
      ['target_actor', this.targetActor],
      ['target_critic', this.targetCritic],
    ];
  }

  dispose(): void {
    for (const [, net] of this.networks()) (net as Mlp).dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }
}
