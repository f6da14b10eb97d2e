/**
 * Advantage actor-critic, the synchronous form of A3C (Mnih et al. 2016; 003's A3C baseline).
 * `numEnvs` environments are stepped in turn and transitions are assigned to them round-robin
 * (see `trainInTurn`); after `nSteps` steps of every environment one gradient step is taken on
 * the whole `numEnvs x nSteps` batch:
 * `loss = -mean(A log pi(a|s)) + vfCoef mean((R - V(s))^2) - entCoef mean(H(pi(.|s)))`,
 * with n-step returns R and advantages `A = R - V(s)`. Discrete (and multi-discrete, as a
 * joint categorical) and box actions (diagonal Gaussian in the unit box) are supported.
 */
import type { Action, BoxSpace } from '../../common/spaces.ts';
import type { Agent, AgentEnvSpec, Transition, UpdateInfo } from '../../agent.ts';
import { tf } from '../../common/backend.ts';
import { boxToUnit, requireBox, unitToBox } from '../../common/action-scaling.ts';
import { Mlp } from '../../common/mlp.ts';
import { agentRandom } from '../../common/seeding.ts';
import type { AgentRandom } from '../../common/seeding.ts';
import { loadMatching, namedWeights, restoreWeights, saveWeights } from '../../common/persistence.ts';
import type { JsonObject, NamedArray } from '../../common/persistence.ts';
import { RootRandom } from '../../../random/index.ts';
import { argmax, decodeJointAction, encodeJointAction, jointActionCount, observationSize } from '../dqn/joint-action.ts';
import { minimizeClipped } from '../dqn/optim.ts';
import { A2C_DEFAULTS, validateA2cConfig } from './config.ts';
import type { A2cConfig } from './config.ts';
import { categoricalLogProbEntropy, gaussianLogProbEntropy } from './policy.ts';
import { nStepReturns } from './returns.ts';
import { readStreams, writeStreams, type StateReader, type StateValue, type StateWriter } from '../../common/checkpoint-state.ts';

/** One environment's rollout since the last update. */
interface Rollout {
  obs: number[];
  actions: number[];
  rewards: number[];
  terminated: number[];
  ended: number[];
  nextObs: number[];
}

const emptyRollout = (): Rollout => ({ obs: [], actions: [], rewards: [], terminated: [], ended: [], nextObs: [] });

export class A2c implements Agent {
  readonly name = 'a2c';
  readonly config: A2cConfig;
  private readonly actor: Mlp;
  private readonly critic: Mlp;
  private readonly logStd: tf.Variable | undefined;
  private readonly box: BoxSpace | undefined;
  private readonly actionWidth: number;
  private readonly obsSize: number;
  private readonly optimizer: tf.Optimizer;
  private readonly random: AgentRandom;
  private rollouts: Rollout[];
  /** Unclipped Gaussian samples awaiting their `observe`, per environment slot. */
  private readonly pendingRaw: (Float32Array | undefined)[];
  private acted = 0;
  private observed = 0;

  constructor(
    readonly spec: AgentEnvSpec,
    config: Partial<A2cConfig> = {},
    random: RootRandom = new RootRandom(0),
  ) {
    this.config = { ...A2C_DEFAULTS, ...config };
    validateA2cConfig(this.config);
    const c = this.config;
    this.random = agentRandom(random);
    this.obsSize = observationSize(spec.observationSpace, this.name);
    if (spec.actionSpace.kind === 'box') {
      this.box = requireBox(spec.actionSpace, this.name);
      this.actionWidth = this.box.size;
      this.logStd = tf.variable(tf.fill([this.actionWidth], c.logStdInit), true, undefined, 'float32');
    } else {
      this.actionWidth = jointActionCount(spec.actionSpace);
    }
    const mlp = (name: string, out: number) => new Mlp({ inputSize: this.obsSize, hiddenSizes: c.hiddenSizes, outputSize: out, activation: c.activation, seed: this.random.netSeed(name) });
    this.actor = mlp('actor', this.actionWidth);
    this.critic = mlp('critic', 1);
    this.optimizer = tf.train.rmsprop(c.learningRate, c.rmsDecay, 0, c.rmsEpsilon);
    this.rollouts = Array.from({ length: c.numEnvs }, emptyRollout);
    this.pendingRaw = new Array(c.numEnvs).fill(undefined);
  }

  /** State value V(s) of one observation. */
  value(observation: Float32Array): number {
    return this.critic.predict(observation)[0];
  }

  act(observation: Float32Array, explore: boolean, env?: number): Action {
    const head = this.actor.predict(observation);
    const rng = this.random.explore;
    if (!this.box) {
      let a = argmax(head);
      if (explore) {
        // Sample the softmax by inverse CDF on the shifted logits.
        const max = head[a];
        let total = 0;
        for (let i = 0; i < head.length; i++) total += Math.exp(head[i] - max);
        let u = rng.uniform() * total;
        a = 0;
        while (a < head.length - 1 && u >= Math.exp(head[a] - max)) u -= Math.exp(head[a++] - max);
        this.acted++;
      }
      return decodeJointAction(this.spec.actionSpace, a);
    }
    const raw = Float32Array.from(head);
    if (explore) {
      const std = this.logStd!.dataSync();
      for (let i = 0; i < raw.length; i++) raw[i] += Math.exp(std[i]) * rng.normal();
      // The environment it is for, or round-robin when the caller does not say (a fixed turn order).
      this.pendingRaw[env ?? this.acted % this.config.numEnvs] = raw;
      this.acted++;
    }
    return { continuous: unitToBox(this.box, raw) };
  }

  observe(t: Transition): void {
    const slot = t.env ?? this.observed % this.config.numEnvs;
    this.observed++;
    const r = this.rollouts[slot];
    r.obs.push(...t.observation);
    r.nextObs.push(...t.nextObservation);
    r.rewards.push(t.reward);
    r.terminated.push(t.terminated ? 1 : 0);
    r.ended.push(t.terminated || t.truncated ? 1 : 0);
    if (!this.box) {
      r.actions.push(encodeJointAction(this.spec.actionSpace, t.action));
    } else {
      // log pi needs the unclipped sample; fall back to the env action if it is not ours.
      const raw = this.pendingRaw[slot];
      const unit = boxToUnit(this.box, t.action.continuous!);
      const ours = raw !== undefined && raw.every((v, i) => Math.abs(Math.min(1, Math.max(-1, v)) - unit[i]) < 1e-4);
      r.actions.push(...(ours ? raw : unit));
      this.pendingRaw[slot] = undefined;
    }
  }

  /** Schedule values now (the training log). */
  trainingStats(): Readonly<Record<string, number>> {
    return { learningRate: this.config.learningRate, entropyCoefficient: this.config.entCoef };
  }

  update(): UpdateInfo | undefined {
    if (this.rollouts.some((r) => r.rewards.length < this.config.nSteps)) return undefined;
    const info = this.trainOn(this.rollouts);
    this.rollouts = Array.from({ length: this.config.numEnvs }, emptyRollout);
    return info;
  }

  private trainOn(rollouts: Rollout[]): UpdateInfo {
    const c = this.config;
    const O = this.obsSize;
    const n = rollouts.reduce((s, r) => s + r.rewards.length, 0);
    const nextObs = Float32Array.from(rollouts.flatMap((r) => r.nextObs));
    const nextValues = this.critic.predict(nextObs, n);
    const returns = new Float32Array(n);
    let offset = 0;
    for (const r of rollouts) {
      const k = r.rewards.length;
      returns.set(nStepReturns(r.rewards, r.terminated, r.ended, nextValues.subarray(offset, offset + k), c.gamma), offset);
      offset += k;
    }
    const [obs, actions, R, A] = tf.tidy(() => {
      const o = tf.tensor2d(Float32Array.from(rollouts.flatMap((r) => r.obs)), [n, O]);
      const ret = tf.tensor1d(returns);
      // Advantages are computed outside the gradient tape: constants for the policy gradient,
      // so only the value loss trains the critic.
      let adv: tf.Tensor = tf.sub(ret, tf.reshape(this.critic.apply(o), [-1]));
      if (c.normalizeAdvantage && n > 1) {
        const { mean, variance } = tf.moments(adv);
        adv = tf.div(tf.sub(adv, mean), tf.add(tf.sqrt(variance), 1e-8));
      }
      const act = this.box
        ? tf.tensor2d(Float32Array.from(rollouts.flatMap((r) => r.actions)), [n, this.actionWidth])
        : tf.tensor1d(rollouts.flatMap((r) => r.actions), 'int32');
      return [o, act, ret, adv];
    });
    const parts: Record<string, tf.Scalar> = {};
    const loss = minimizeClipped(
      this.optimizer,
      () => {
        const v = tf.reshape(this.critic.apply(obs as tf.Tensor2D), [-1]);
        const { logProb, entropy } = this.box
          ? gaussianLogProbEntropy(this.actor.apply(obs as tf.Tensor2D), this.logStd as tf.Tensor1D, actions as tf.Tensor2D)
          : categoricalLogProbEntropy(this.actor.apply(obs as tf.Tensor2D), actions as tf.Tensor1D);
        const policyLoss = tf.neg(tf.mean(tf.mul(A, logProb))) as tf.Scalar;
        const valueLoss = tf.mean(tf.square(tf.sub(R, v))) as tf.Scalar;
        const ent = tf.mean(entropy) as tf.Scalar;
        parts.policyLoss = tf.keep(policyLoss);
        parts.valueLoss = tf.keep(valueLoss);
        parts.entropy = tf.keep(ent);
        return tf.add(policyLoss, tf.sub(tf.mul(c.vfCoef, valueLoss), tf.mul(c.entCoef, ent))) as tf.Scalar;
      },
      [...this.actor.variables, ...this.critic.variables, ...(this.logStd ? [this.logStd] : [])],
      c.maxGradNorm,
    );
    const info: Record<string, number> = { loss };
    for (const [k, t] of Object.entries(parts)) {
      info[k] = t.dataSync()[0];
      t.dispose();
    }
    tf.dispose([obs, actions, R, A]);
    return info;
  }

  private namedArrays(): NamedArray[] {
    const out = [...namedWeights('actor', this.actor), ...namedWeights('critic', this.critic)];
    if (this.logStd) out.push({ name: 'logStd', data: Float32Array.from(this.logStd.dataSync()) });
    return out;
  }

  async save(dir: string): Promise<void> {
    await saveWeights(dir, this.namedArrays(), { agent: this.name, config: this.config as unknown as JsonObject });
  }

  async load(dir: string): Promise<void> {
    const arrays = await loadMatching(dir, this.name, this.namedArrays());
    restoreWeights('actor', this.actor, arrays);
    restoreWeights('critic', this.critic, arrays);
    if (this.logStd) tf.tidy(() => this.logStd!.assign(tf.tensor1d(arrays.get('logStd')!)));
  }

  dispose(): void {
    this.actor.dispose();
    this.critic.dispose();
    this.logStd?.dispose();
    this.optimizer.dispose();
  }

  /**
   * Checkpoints: both networks, log std, RMSprop's accumulators, the streams, the counters and
   * the partial n-step rollouts (they run across episode boundaries).
   */
  async saveState(out: StateWriter): Promise<void> {
    const variables = [...this.actor.variables, ...this.critic.variables, ...(this.logStd ? [this.logStd] : [])];
    out.value('counters', [this.acted, this.observed]);
    out.net('actor', this.actor);
    out.net('critic', this.critic);
    if (this.logStd) out.variable('logStd', this.logStd);
    await out.optimizer('optimizer', this.optimizer, variables);
    out.value('rollouts', this.rollouts as unknown as StateValue);
    out.value('pendingRaw', this.pendingRaw.map((r) => (r ? Array.from(r) : null)));
    writeStreams(out, this.random);
  }

  async loadState(from: StateReader): Promise<void> {
    const variables = [...this.actor.variables, ...this.critic.variables, ...(this.logStd ? [this.logStd] : [])];
    [this.acted, this.observed] = from.value('counters') as number[];
    from.net('actor', this.actor);
    from.net('critic', this.critic);
    if (this.logStd) from.variable('logStd', this.logStd);
    await from.optimizer('optimizer', this.optimizer, variables);
    this.rollouts = structuredClone(from.value('rollouts')) as unknown as Rollout[];
    (from.value('pendingRaw') as (number[] | null)[]).forEach((r, i) => (this.pendingRaw[i] = r ? Float32Array.from(r) : undefined));
    readStreams(from, this.random);
  }
}
