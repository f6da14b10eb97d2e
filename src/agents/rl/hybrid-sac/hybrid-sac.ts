/**
 * Hybrid soft actor-critic (001 Algorithm 4): a SAC half (squashed Gaussian, eqs. 21-23) for
 * the continuous actions and a D-SAC half (categorical, eqs. 24-26) for the discrete ones,
 * acting jointly on a `HybridSpace` and learning from one replay buffer. Twin critics
 * `Q(s, a_c) -> R^K` score every joint discrete choice; see `losses.ts` for the factorisation.
 * One update: critics, continuous actor, discrete actor, then both temperatures.
 */
import type { Action, HybridSpace } from '../../common/spaces.ts';
import type { Agent, AgentEnvSpec, Transition, UpdateInfo } from '../../agent.ts';
import { tf } from '../../common/backend.ts';
import { boxToUnit, requireBox, unitToBox } from '../../common/action-scaling.ts';
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
import { minimizeClipped } from '../dqn/optim.ts';
import { polyakUpdate } from '../dqn/q-network.ts';
import { actorLoss, categorical, temperatureLoss } from '../dsac/losses.ts';
import { squashedAction, squashedGaussian } from '../sac/policy.ts';
import { HYBRID_SAC_DEFAULTS, validateHybridSacConfig } from './config.ts';
import type { HybridSacConfig } from './config.ts';
import { continuousActorLoss, continuousTemperatureLoss, hybridCriticTargets, hybridSoftValue } from './losses.ts';
import { readStreams, writeStreams, type StateReader, type StateWriter } from '../../common/checkpoint-state.ts';

export class HybridSac implements Agent {
  readonly name = 'hybrid-sac';
  readonly config: HybridSacConfig;
  readonly targetEntropyContinuous: number;
  readonly targetEntropyDiscrete: number;
  private readonly space: HybridSpace;
  private readonly gaussianActor: Mlp;
  private readonly categoricalActor: Mlp;
  private readonly critics: [Mlp, Mlp];
  private readonly targets: [Mlp, Mlp];
  private readonly logAlphaC: tf.Variable;
  private readonly logAlphaD: tf.Variable;
  private readonly opts: { actorC: tf.Optimizer; actorD: tf.Optimizer; critic: tf.Optimizer; alphaC: tf.Optimizer; alphaD: tf.Optimizer };
  private readonly buffer: ReplayBuffer;
  private readonly random: AgentRandom;
  private readonly obsSize: number;
  private readonly contSize: number;
  private readonly choices: number;
  private readonly rounds: TrainRounds;
  private steps = 0;

  constructor(
    readonly spec: AgentEnvSpec,
    config: Partial<HybridSacConfig> = {},
    random: RootRandom = new RootRandom(0),
  ) {
    this.config = { ...HYBRID_SAC_DEFAULTS, ...config };
    validateHybridSacConfig(this.config);
    const c = this.config;
    if (spec.actionSpace.kind !== 'hybrid') throw new TypeError(`hybrid SAC needs a hybrid action space, got '${spec.actionSpace.kind}'`);
    this.space = spec.actionSpace;
    requireBox(this.space.continuous, this.name);
    this.random = agentRandom(random);
    this.obsSize = observationSize(spec.observationSpace, this.name);
    this.contSize = this.space.continuous.size;
    this.choices = jointActionCount(this.space.discrete);
    this.targetEntropyContinuous = c.targetEntropyContinuous === 'auto' ? -this.contSize : c.targetEntropyContinuous;
    this.targetEntropyDiscrete = c.targetEntropyDiscrete === 'auto' ? c.discreteEntropyScale * Math.log(this.choices) : c.targetEntropyDiscrete;
    const mlp = (name: string, inputSize: number, outputSize: number) => new Mlp({ inputSize, hiddenSizes: c.hiddenSizes, outputSize, seed: this.random.netSeed(name) });
    this.gaussianActor = mlp('actor/continuous', this.obsSize, 2 * this.contSize);
    this.categoricalActor = mlp('actor/discrete', this.obsSize, this.choices);
    const criticIn = this.obsSize + this.contSize;
    this.critics = [mlp('critic/1', criticIn, this.choices), mlp('critic/2', criticIn, this.choices)];
    this.targets = [mlp('critic/1', criticIn, this.choices), mlp('critic/2', criticIn, this.choices)];
    this.logAlphaC = tf.variable(tf.scalar(Math.log(c.initialAlpha)), true, undefined, 'float32');
    this.logAlphaD = tf.variable(tf.scalar(Math.log(c.initialAlpha)), true, undefined, 'float32');
    const lr = c.learningRate;
    this.opts = { actorC: adam(lr), actorD: adam(lr), critic: adam(lr), alphaC: adam(lr), alphaD: adam(lr) };
    this.buffer = new ReplayBuffer(
      { capacity: c.bufferSize, observationSize: this.obsSize, continuousActionSize: this.contSize, discreteActionSize: 1 },
      this.random.replay,
    );
    this.rounds = new TrainRounds(c.trainFreq, c.learningStarts);
  }

  /** Temperatures of the continuous and discrete halves. */
  get alphas(): { continuous: number; discrete: number } {
    return { continuous: Math.exp(this.logAlphaC.dataSync()[0]), discrete: Math.exp(this.logAlphaD.dataSync()[0]) };
  }

  /** Gaussian head `[mu, logStd]` and discrete probabilities for one observation. */
  private heads(observation: Float32Array): { gaussian: Float32Array; probs: Float32Array } {
    const [g, p] = tf.tidy(() => {
      const x = tf.tensor2d(observation, [1, this.obsSize]);
      return [this.gaussianActor.apply(x), tf.softmax(this.categoricalActor.apply(x))];
    });
    const out = { gaussian: g.dataSync() as Float32Array, probs: p.dataSync() as Float32Array };
    tf.dispose([g, p]);
    return out;
  }

  /** Discrete policy probabilities over the K joint choices, for inspection. */
  discretePolicy(observation: Float32Array): Float32Array {
    return this.heads(observation).probs;
  }

  act(observation: Float32Array, explore: boolean): Action {
    const rng = this.random.explore;
    const unit = new Float32Array(this.contSize);
    let choice: number;
    if (explore && this.steps < this.config.learningStarts) {
      for (let i = 0; i < this.contSize; i++) unit[i] = rng.uniformIn(-1, 1);
      choice = rng.int(this.choices);
    } else {
      const { gaussian, probs } = this.heads(observation);
      const eps = explore ? Array.from({ length: this.contSize }, () => rng.normal()) : undefined;
      squashedAction(gaussian, this.config.logStdMin, this.config.logStdMax, eps, unit);
      choice = explore ? sampleCategorical(probs, rng.uniform()) : argmax(probs);
    }
    return { continuous: unitToBox(this.space.continuous, unit), discrete: decodeJointAction(this.space.discrete, choice).discrete };
  }

  observe(t: Transition): void {
    if (!t.action.continuous) throw new RangeError('hybrid SAC transition lacks the continuous action');
    const continuousAction = boxToUnit(this.space.continuous, t.action.continuous);
    this.buffer.add({ ...discreteTransition(this.space.discrete, t), continuousAction });
    this.steps++;
  }

  /** Schedule values now (the training log). */
  trainingStats(): Readonly<Record<string, number>> {
    return { alphaContinuous: this.alphas.continuous, alphaDiscrete: this.alphas.discrete, learningRate: this.config.learningRate };
  }

  update(): UpdateInfo | undefined {
    const c = this.config;
    if (!this.rounds.due(this.steps, this.buffer.size)) return undefined;
    let last: Record<string, number> = {};
    for (let g = 0; g < c.gradientSteps; g++) last = this.trainStep();
    return { ...last, alphaContinuous: this.alphas.continuous, alphaDiscrete: this.alphas.discrete };
  }

  private noise(n: number): tf.Tensor2D {
    const e = new Float32Array(n * this.contSize);
    this.random.update.fillNormal(e);
    return tf.tensor2d(e, [n, this.contSize]);
  }

  private qMin(obs: tf.Tensor2D, cont: tf.Tensor2D, nets: [Mlp, Mlp]): tf.Tensor2D {
    const x = tf.concat([obs, cont], 1);
    return tf.minimum(nets[0].apply(x), nets[1].apply(x));
  }

  private trainStep(): Record<string, number> {
    const c = this.config;
    const b = this.buffer.sample(c.batchSize);
    const n = b.size;
    const [alphaC, alphaD] = tf.tidy(() => [tf.exp(this.logAlphaC), tf.exp(this.logAlphaD)]) as [tf.Scalar, tf.Scalar];
    const [obs, cont, onehot, y] = tf.tidy((): tf.Tensor[] => {
      const next = tf.tensor2d(b.nextObservations, [n, this.obsSize]);
      const s = squashedGaussian(this.gaussianActor.apply(next), this.noise(n), c.logStdMin, c.logStdMax);
      const d = categorical(this.categoricalActor.apply(next));
      const v = hybridSoftValue(this.qMin(next, s.action, this.targets), d.probs, d.logProbs, s.logProb, alphaC, alphaD);
      return [
        tf.tensor2d(b.observations, [n, this.obsSize]),
        tf.tensor2d(b.continuousActions, [n, this.contSize]),
        tf.oneHot(tf.tensor1d(b.discreteActions, 'int32'), this.choices),
        hybridCriticTargets(tf.tensor1d(b.rewards), tf.tensor1d(b.terminated), c.gamma, v),
      ];
    }) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const critic = minimizeClipped(
      this.opts.critic,
      () => {
        const x = tf.concat([obs, cont], 1);
        const err = (net: Mlp) => tf.mean(tf.square(tf.sub(tf.sum(tf.mul(net.apply(x), onehot), 1), y)));
        return tf.mul(0.5, tf.add(err(this.critics[0]), err(this.critics[1]))) as tf.Scalar;
      },
      [...this.critics[0].variables, ...this.critics[1].variables],
    );
    // Continuous actor: reparameterised a_c, discrete policy held fixed.
    const eps = this.noise(n);
    const probsFixed = tf.tidy(() => tf.softmax(this.categoricalActor.apply(obs)));
    let contLogProb: tf.Tensor2D | undefined;
    let sampled: tf.Tensor2D | undefined;
    const actorC = minimizeClipped(
      this.opts.actorC,
      () => {
        const s = squashedGaussian(this.gaussianActor.apply(obs), eps, c.logStdMin, c.logStdMax);
        contLogProb = tf.keep(s.logProb);
        sampled = tf.keep(s.action);
        return continuousActorLoss(s.logProb, this.qMin(obs, s.action, this.critics), probsFixed as tf.Tensor2D, alphaC);
      },
      this.gaussianActor.variables,
    );
    // Discrete actor, eq. (24), against Q_min at the same (now fixed) continuous sample.
    const qAtSample = tf.tidy(() => this.qMin(obs, sampled!, this.critics));
    const actorD = minimizeClipped(
      this.opts.actorD,
      () => {
        const d = categorical(this.categoricalActor.apply(obs));
        return actorLoss(d.probs, d.logProbs, qAtSample, alphaD);
      },
      this.categoricalActor.variables,
    );
    // Temperatures: eq. (23) for the Gaussian half, eq. (26) for the categorical half.
    const alphaLossC = minimizeClipped(this.opts.alphaC, () => continuousTemperatureLoss(this.logAlphaC, contLogProb!, this.targetEntropyContinuous), [this.logAlphaC]);
    const [probs, logProbs] = tf.tidy((): [tf.Tensor2D, tf.Tensor2D] => {
      const d = categorical(this.categoricalActor.apply(obs));
      return [d.probs, d.logProbs];
    });
    const alphaLossD = minimizeClipped(this.opts.alphaD, () => temperatureLoss(this.logAlphaD, probs, logProbs, this.targetEntropyDiscrete), [this.logAlphaD]);
    tf.dispose([alphaC, alphaD, obs, cont, onehot, y, eps, probsFixed, contLogProb!, sampled!, qAtSample, probs, logProbs]);
    polyakUpdate(this.targets[0].variables, this.critics[0].variables, c.tau);
    polyakUpdate(this.targets[1].variables, this.critics[1].variables, c.tau);
    return { critic, actorContinuous: actorC, actorDiscrete: actorD, alphaLossContinuous: alphaLossC, alphaLossDiscrete: alphaLossD };
  }

  private namedArrays(): NamedArray[] {
    return [
      ...namedWeights('actorContinuous', this.gaussianActor),
      ...namedWeights('actorDiscrete', this.categoricalActor),
      ...namedWeights('critic1', this.critics[0]),
      ...namedWeights('critic2', this.critics[1]),
      { name: 'logAlphaContinuous', data: Float32Array.from(this.logAlphaC.dataSync()) },
      { name: 'logAlphaDiscrete', data: Float32Array.from(this.logAlphaD.dataSync()) },
    ];
  }

  async save(dir: string): Promise<void> {
    await saveWeights(dir, this.namedArrays(), { agent: this.name, config: this.config as unknown as JsonObject });
  }

  async load(dir: string): Promise<void> {
    const arrays = await loadMatching(dir, this.name, this.namedArrays());
    restoreWeights('actorContinuous', this.gaussianActor, arrays);
    restoreWeights('actorDiscrete', this.categoricalActor, arrays);
    restoreWeights('critic1', this.critics[0], arrays);
    restoreWeights('critic2', this.critics[1], arrays);
    tf.tidy(() => {
      this.logAlphaC.assign(tf.scalar(arrays.get('logAlphaContinuous')![0]));
      this.logAlphaD.assign(tf.scalar(arrays.get('logAlphaDiscrete')![0]));
    });
    polyakUpdate(this.targets[0].variables, this.critics[0].variables, 1);
    polyakUpdate(this.targets[1].variables, this.critics[1].variables, 1);
  }

  dispose(): void {
    [this.gaussianActor, this.categoricalActor, ...this.critics, ...this.targets].forEach((m) => m.dispose());
    [this.logAlphaC, this.logAlphaD].forEach((v) => v.dispose());
    Object.values(this.opts).forEach((o) => o.dispose());
  }

  /** Checkpoints: every network, both log alphas, the five Adams, replay, streams and the schedule. */
  async saveState(out: StateWriter): Promise<void> {
    const variables = [this.gaussianActor, this.categoricalActor, ...this.critics].flatMap((n) => n.variables).concat([this.logAlphaC, this.logAlphaD]);
    out.value('counters', [this.steps, this.rounds.state]);
    out.net('gaussianActor', this.gaussianActor);
    out.net('categoricalActor', this.categoricalActor);
    this.critics.forEach((n, i) => out.net(`critic/${i}`, n));
    this.targets.forEach((n, i) => out.net(`target/${i}`, n));
    out.variable('logAlphaContinuous', this.logAlphaC);
    out.variable('logAlphaDiscrete', this.logAlphaD);
    for (const [name, opt] of Object.entries(this.opts)) await out.optimizer(`optimizer/${name}`, opt, variables);
    this.buffer.saveState(out.scope('replay'));
    writeStreams(out, this.random);
  }

  async loadState(from: StateReader): Promise<void> {
    const variables = [this.gaussianActor, this.categoricalActor, ...this.critics].flatMap((n) => n.variables).concat([this.logAlphaC, this.logAlphaD]);
    [this.steps, this.rounds.state] = from.value('counters') as number[];
    from.net('gaussianActor', this.gaussianActor);
    from.net('categoricalActor', this.categoricalActor);
    this.critics.forEach((n, i) => from.net(`critic/${i}`, n));
    this.targets.forEach((n, i) => from.net(`target/${i}`, n));
    from.variable('logAlphaContinuous', this.logAlphaC);
    from.variable('logAlphaDiscrete', this.logAlphaD);
    for (const [name, opt] of Object.entries(this.opts)) await from.optimizer(`optimizer/${name}`, opt, variables);
    this.buffer.loadState(from.scope('replay'));
    readStreams(from, this.random);
  }
}
