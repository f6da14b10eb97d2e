import type { AgentEnvSpec, UpdateInfo } from '../../agent.ts';
import type { RootRandom } from '../../../random/index.ts';
import { tf } from '../../common/backend.ts';
import { batchTensors, bellmanTarget, scalarValue } from '../../common/batch-tensors.ts';
import type { Mlp } from '../../common/mlp.ts';
import type { WeightHolder } from '../../common/persistence.ts';
import type { ReplayBatch } from '../../common/replay-buffer.ts';
import { DeterministicActorAgent } from '../ddpg/deterministic-actor.ts';
import { resolveTd3Config } from './config.ts';
import type { Td3Config } from './config.ts';
import type { StateReader, StateWriter } from '../../common/checkpoint-state.ts';

/**
 * Twin Delayed DDPG (Fujimoto et al. 2018), the 001 baseline. Three changes to DDPG:
 *
 * 1. clipped double Q: two critics, the Bellman target uses the smaller target value;
 * 2. target policy smoothing: clipped Gaussian noise on the target action;
 * 3. delayed policy updates: the actor and all targets move every `policyDelay` critic steps.
 */
export class Td3 extends DeterministicActorAgent<Td3Config> {
  readonly name: string = 'td3';
  readonly critics: readonly [Mlp, Mlp];
  readonly targetCritics: readonly [Mlp, Mlp];
  private smoothing: Float32Array = new Float32Array(0);
  private lastActorLoss = NaN;

  constructor(spec: AgentEnvSpec, config: Partial<Td3Config>, random: RootRandom) {
    super('td3', spec, resolveTd3Config(config), random);
    this.critics = [this.newCritic('critic/0'), this.newCritic('critic/1')];
    this.targetCritics = [this.targetOf(this.critics[0]), this.targetOf(this.critics[1])];
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
      const nextAct = tf.clipByValue(tf.add(this.actorActions(this.targetActor, t.nextObs), eps), -1, 1) as tf.Tensor2D;
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
        this.lastActorLoss = scalarValue(this.actorOptimizer.minimize(() => this.actorLoss(q1, t.obs), true, this.actor.variables));
      }
      return loss;
    });
    if (delayedUpdate) {
      this.targetActor.softUpdateFrom(this.actor, tau);
      this.targetCritics.forEach((t, i) => t.softUpdateFrom(this.critics[i], tau));
    }
    return { critic, actor: this.lastActorLoss };
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

  /** Checkpoints: the last actor loss (reported on steps without an actor update) besides the noise. */
  protected override saveExtraState(out: StateWriter): void {
    super.saveExtraState(out);
    out.value('lastActorLoss', this.lastActorLoss);
  }

  protected override loadExtraState(from: StateReader): void {
    super.loadExtraState(from);
    this.lastActorLoss = from.number('lastActorLoss');
  }
}
