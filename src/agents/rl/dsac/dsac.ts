/**
 * Discrete soft actor-critic (Christodoulou 2019), the D-SAC of 001 Sec. V-D: a categorical
 * actor, twin Q-critics that output one value per action (with Polyak-averaged targets) and a
 * learned temperature, all trained off-policy from uniform replay. Read top to bottom:
 * networks, acting, then one update = critics (eq. 25), actor (eq. 24), temperature (eq. 26).
 */
import type { Action } from '../../common/spaces.ts';
import type { Agent, AgentEnvSpec, Transition, UpdateInfo } from '../../agent.ts';
import { tf } from '../../common/backend.ts';
import { Mlp } from '../../common/mlp.ts';
import { ReplayBuffer } from '../../common/replay-buffer.ts';
import { TrainRounds } from '../../common/train-schedule.ts';
import { agentRandom } from '../../common/seeding.ts';
import type { AgentRandom } from '../../common/seeding.ts';
import { loadMatching, namedWeights, restoreWeights, saveWeights } from '../../common/persistence.ts';
import type { JsonObject, NamedArray } from '../../common/persistence.ts';
import { RootRandom } from '../../../random/index.ts';
import { discreteTransition, sampleCategorical } from '../dqn/discrete-agent.ts';
import { argmax, decodeJointAction, jointActionCount, observationSize } from '../dqn/joint-action.ts';
import { adam } from '../../common/optimizer.ts';
import { polyakUpdate } from '../dqn/q-network.ts';
import { DSAC_DEFAULTS, resolveTargetEntropy, validateDiscreteSacConfig } from './config.ts';
import type { DiscreteSacConfig } from './config.ts';
import { SacAdam } from '../../common/nn/sac-adam.ts';
import { TransposeCache, polyakColumns } from '../../common/nn/sac-mlp.ts';
import { discreteSacStep, type DiscreteSacLearner, type DiscreteSacStepSettings } from './update.ts';
import { readStreams, writeStreams, type StateReader, type StateWriter } from '../../common/checkpoint-state.ts';

export class DiscreteSac implements Agent {
  readonly name = 'dsac';
  readonly config: DiscreteSacConfig;
  /** Target entropy in nats that eq. (26) steers the policy towards. */
  readonly targetEntropy: number;
  private readonly actor: Mlp;
  private readonly critics: [Mlp, Mlp];
  private readonly targets: [Mlp, Mlp];
  private readonly logAlpha: tf.Variable;
  private readonly actorOpt: SacAdam;
  private readonly criticOpt: SacAdam;
  private readonly transposes = new TransposeCache();
  private readonly alphaOpt: tf.Optimizer;
  private readonly buffer: ReplayBuffer;
  private readonly random: AgentRandom;
  private readonly actions: number;
  private readonly obsSize: number;
  private readonly rounds: TrainRounds;
  private steps = 0;
  private readonly learner: DiscreteSacLearner;
  private readonly stepSettings: DiscreteSacStepSettings;

  constructor(
    readonly spec: AgentEnvSpec,
    config: Partial<DiscreteSacConfig> = {},
    random: RootRandom = new RootRandom(0),
  ) {
    this.config = { ...DSAC_DEFAULTS, ...config };
    validateDiscreteSacConfig(this.config);
    const c = this.config;
    this.random = agentRandom(random);
    this.actions = jointActionCount(spec.actionSpace);
    this.obsSize = observationSize(spec.observationSpace, this.name);
    this.targetEntropy = resolveTargetEntropy(c, this.actions);
    const net = (name: string) => new Mlp({ inputSize: this.obsSize, hiddenSizes: c.hiddenSizes, outputSize: this.actions, seed: this.random.netSeed(name) });
    this.actor = net('actor');
    this.critics = [net('critic/1'), net('critic/2')];
    this.targets = [net('critic/1'), net('critic/2')];
    this.logAlpha = tf.variable(tf.scalar(Math.log(c.initialAlpha)), true, undefined, 'float32');
    // Nets: Adam that also hands the forward pass each new weight's transpose.
    this.actorOpt = new SacAdam(c.learningRate, this.transposes);
    this.criticOpt = new SacAdam(c.learningRate, this.transposes);
    this.alphaOpt = adam(c.learningRate);
    this.buffer = new ReplayBuffer({ capacity: c.bufferSize, observationSize: this.obsSize, discreteActionSize: 1 }, this.random.replay);
    this.rounds = new TrainRounds(c.trainFreq, c.learningStarts);
    this.learner = {
      actor: this.actor,
      critics: this.critics,
      targets: this.targets,
      logAlpha: this.logAlpha,
      actorOptimizer: this.actorOpt,
      criticOptimizer: this.criticOpt,
      alphaOptimizer: c.learnAlpha ? this.alphaOpt : undefined,
      transposes: this.transposes,
    };
    this.stepSettings = { observationSize: this.obsSize, actions: this.actions, gamma: c.gamma, targetEntropy: this.targetEntropy };
  }

  /** Current temperature alpha. */
  get alpha(): number {
    return Math.exp(this.logAlpha.dataSync()[0]);
  }

  /** pi(.|s) for one observation. */
  policy(observation: Float32Array): Float32Array {
    const p = tf.tidy(() => tf.softmax(this.actor.apply(tf.tensor2d(observation, [1, this.obsSize]))));
    const out = p.dataSync() as Float32Array;
    p.dispose();
    return out;
  }

  act(observation: Float32Array, explore: boolean): Action {
    const rng = this.random.explore;
    if (explore && this.steps < this.config.learningStarts) return decodeJointAction(this.spec.actionSpace, rng.int(this.actions));
    const p = this.policy(observation);
    return decodeJointAction(this.spec.actionSpace, explore ? sampleCategorical(p, rng.uniform()) : argmax(p));
  }

  observe(t: Transition): void {
    this.buffer.add(discreteTransition(this.spec.actionSpace, t));
    this.steps++;
  }

  /** Schedule values now (the training log). */
  trainingStats(): Readonly<Record<string, number>> {
    return { alpha: this.alpha, learningRate: this.config.learningRate };
  }

  update(): UpdateInfo | undefined {
    const c = this.config;
    if (!this.rounds.due(this.steps, this.buffer.size)) return undefined;
    const sum = { critic: 0, actor: 0, alphaLoss: 0 };
    for (let g = 0; g < c.gradientSteps; g++) {
      const r = this.trainStep();
      sum.critic += r.critic;
      sum.actor += r.actor;
      sum.alphaLoss += r.alphaLoss;
    }
    const n = c.gradientSteps;
    return { critic: sum.critic / n, actor: sum.actor / n, alphaLoss: sum.alphaLoss / n, alpha: this.alpha };
  }

  private trainStep(): { critic: number; actor: number; alphaLoss: number } {
    const b = this.buffer.sample(this.config.batchSize);
    const losses = discreteSacStep(this.learner, this.stepSettings, b, this.alpha);
    tf.tidy(() => this.targets.forEach((t, i) => polyakColumns(t, this.critics[i], this.config.tau, this.learner.transposes)));
    return losses;
  }

  private namedArrays(): NamedArray[] {
    return [
      ...namedWeights('actor', this.actor),
      ...namedWeights('critic1', this.critics[0]),
      ...namedWeights('critic2', this.critics[1]),
      { name: 'logAlpha', data: Float32Array.from(this.logAlpha.dataSync()) },
    ];
  }

  async save(dir: string): Promise<void> {
    await saveWeights(dir, this.namedArrays(), { agent: this.name, config: this.config as unknown as JsonObject });
  }

  async load(dir: string): Promise<void> {
    const arrays = await loadMatching(dir, this.name, this.namedArrays());
    restoreWeights('actor', this.actor, arrays);
    restoreWeights('critic1', this.critics[0], arrays);
    restoreWeights('critic2', this.critics[1], arrays);
    tf.tidy(() => this.logAlpha.assign(tf.scalar(arrays.get('logAlpha')![0])));
    polyakUpdate(this.targets[0].variables, this.critics[0].variables, 1);
    polyakUpdate(this.targets[1].variables, this.critics[1].variables, 1);
  }

  dispose(): void {
    [this.actor, ...this.critics, ...this.targets].forEach((m) => m.dispose());
    this.logAlpha.dispose();
    [this.actorOpt, this.criticOpt, this.alphaOpt].forEach((o) => o.dispose());
    this.learner.transposes.dispose();
  }

  /** Checkpoints: every network, log alpha, the three Adams, replay, streams and the schedule. */
  async saveState(out: StateWriter): Promise<void> {
    const variables = [...this.actor.variables, ...this.critics.flatMap((n) => n.variables), this.logAlpha];
    out.value('counters', [this.steps, this.rounds.state]);
    out.net('actor', this.actor);
    this.critics.forEach((n, i) => out.net(`critic/${i}`, n));
    this.targets.forEach((n, i) => out.net(`target/${i}`, n));
    out.variable('logAlpha', this.logAlpha);
    await out.optimizer('optimizer/actor', this.actorOpt, variables);
    await out.optimizer('optimizer/critic', this.criticOpt, variables);
    await out.optimizer('optimizer/alpha', this.alphaOpt, variables);
    this.buffer.saveState(out.scope('replay'));
    writeStreams(out, this.random);
  }

  async loadState(from: StateReader): Promise<void> {
    const variables = [...this.actor.variables, ...this.critics.flatMap((n) => n.variables), this.logAlpha];
    [this.steps, this.rounds.state] = from.value('counters') as number[];
    from.net('actor', this.actor);
    this.critics.forEach((n, i) => from.net(`critic/${i}`, n));
    this.targets.forEach((n, i) => from.net(`target/${i}`, n));
    from.variable('logAlpha', this.logAlpha);
    await from.optimizer('optimizer/actor', this.actorOpt, variables);
    await from.optimizer('optimizer/critic', this.criticOpt, variables);
    await from.optimizer('optimizer/alpha', this.alphaOpt, variables);
    this.buffer.loadState(from.scope('replay'));
    readStreams(from, this.random);
  }
}
