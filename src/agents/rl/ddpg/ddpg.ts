import type { AgentEnvSpec, UpdateInfo } from '../../agent.ts';
import type { RootRandom } from '../../../random/index.ts';
import { tf } from '../../common/backend.ts';
import { batchTensors, bellmanTarget, scalarValue } from '../../common/batch-tensors.ts';
import type { Mlp } from '../../common/mlp.ts';
import type { WeightHolder } from '../../common/persistence.ts';
import type { ReplayBatch } from '../../common/replay-buffer.ts';
import { resolveDdpgConfig } from './config.ts';
import type { DdpgConfig } from './config.ts';
import { DeterministicActorAgent } from './deterministic-actor.ts';

/**
 * Deep Deterministic Policy Gradient (Lillicrap et al. 2016), as written in 003 eqs. (24)-(34):
 *
 * - act: `a = mu(s) + N` (24), noise only while exploring;
 * - critic: minimise `(y - C(s, a))^2` (28) with `y = r + beta C'(s', mu'(s'))` (27);
 * - actor: ascend `C(s, mu(s))` (29)-(32), gradient through the critic;
 * - targets: Polyak averaging with coefficient tau (33)-(34) after every step.
 *
 * ```ts
 * const agent = new Ddpg({ observationSpace, actionSpace }, DDPG_DEFAULTS, new RootRandom(1));
 * ```
 */
export class Ddpg extends DeterministicActorAgent<DdpgConfig> {
  readonly name: string = 'ddpg';
  readonly critic: Mlp;
  readonly targetCritic: Mlp;

  constructor(spec: AgentEnvSpec, config: Partial<DdpgConfig>, random: RootRandom) {
    super('ddpg', spec, resolveDdpgConfig(config), random);
    this.critic = this.newCritic('critic');
    this.targetCritic = this.targetOf(this.critic);
  }

  protected trainStep(batch: ReplayBatch): UpdateInfo {
    const { gamma, tau } = this.config;
    const losses = tf.tidy(() => {
      const t = batchTensors(batch, this.observationSize, this.actionSize);
      // (27): the target uses only target nets, so no gradient can flow into it.
      const y = bellmanTarget(t, gamma, this.targetCritic.apply(tf.concat([t.nextObs, this.actorActions(this.targetActor, t.nextObs)], 1)));
      const critic = scalarValue(
        this.criticOptimizer.minimize(() => tf.losses.meanSquaredError(y, this.critic.apply(tf.concat([t.obs, t.actions], 1), { input: false })) as tf.Scalar, true, this.critic.variables),
      );
      // (29)-(32): gradient ascent on C(s, mu(s)) == descent on its negation, actor weights only.
      const actor = scalarValue(this.actorOptimizer.minimize(() => this.actorLoss(this.critic, t.obs), true, this.actor.variables));
      return { critic, actor };
    });
    // (33)-(34)
    this.targetActor.softUpdateFrom(this.actor, tau);
    this.targetCritic.softUpdateFrom(this.critic, tau);
    return losses;
  }

  protected networks(): ReadonlyArray<readonly [string, WeightHolder]> {
    return [
      ['actor', this.actor],
      ['critic', this.critic],
      ['target_actor', this.targetActor],
      ['target_critic', this.targetCritic],
    ];
  }
}
