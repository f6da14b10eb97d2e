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
import { polyakUpdate } from '../dqn/q-network.ts';
import { SacAdam } from '../../common/nn/sac-adam.ts';
import { TransposeCache, polyakColumns } from '../../common/nn/sac-mlp.ts';
import { squashedAction } from '../sac/policy.ts';
import { HYBRID_SAC_DEFAULTS, validateHybridSacConfig } from './config.ts';
import type { HybridSacConfig } from './config.ts';
import { hybridSacStep, type HybridSacLearner, type HybridSacStepSettings } from './update.ts';
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
  private readonly opts: { actorC: SacAdam; actorD: SacAdam; critic: SacAdam; alphaC: tf.Optimizer; alphaD: tf.Optimizer };
  private readonly transposes = new TransposeCache();
  private readonly buffer: ReplayBuffer;
  private readonly random: AgentRandom;
  private readonly obsSize: number;
  private readonly contSize: number;
  private readonly choices: number;
  private readonly rounds: TrainRounds;
  private steps = 0;
  private readonly learner: HybridSacLearner;
  private readonly stepSettings: HybridSacStepSettings;

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
    // Nets: Adam that also hands the forward pass each new weight's transpose.
    const netAdam = () => new SacAdam(lr, this.transposes);
    this.opts = { actorC: netAdam(), actorD: netAdam(), critic: netAdam(), alphaC: adam(lr), alphaD: adam(lr) };
    this.buffer = new ReplayBuffer(
      { capacity: c.bufferSize, observationSize: this.obsSize, continuousActionSize: this.contSize, discreteActionSize: 1 },
      this.random.replay,
    );
    this.rounds = new TrainRounds(c.trainFreq, c.learningStarts);
    this.learner = {
      gaussianActor: this.gaussianActor,
      categoricalActor: this.categoricalActor,
      critics: this.critics,
      targets: this.targets,
      logAlphaC: this.logAlphaC,
      logAlphaD: this.logAlphaD,
      opts: this.opts,
      transposes: this.transposes,
    };
    this.stepSettings = {
      observationSize: this.obsSize,
      continuousSize: this.contSize,
      choices: this.choices,
      gamma: c.gamma,
      targetEntropyContinuous: this.targetEntropyContinuous,
      targetEntropyDiscrete: this.targetEntropyDiscrete,
      logStdMin: c.logStdMin,
      logStdMax: c.logStdMax,
    };
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

  private noise(n: number): Float32Array {
    const e = new Float32Array(n * this.contSize);
    this.random.update.fillNormal(e);
    return e;
  }

  private trainStep(): Record<string, number> {
    const c = this.config;
    const b = this.buffer.sample(c.batchSize);
    const { continuous, discrete } = this.alphas;
    // Noise order is part of the seed's contract: first for s', then for s.
    const nextEps = this.noise(b.size);
    const eps = this.noise(b.size);
    const losses = hybridSacStep(this.learner, this.stepSettings, b, nextEps, eps, continuous, discrete);
    tf.tidy(() => this.targets.forEach((t, i) => polyakColumns(t, this.critics[i], c.tau, this.learner.transposes)));
    return { ...losses };
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
    this.learner.transposes.dispose();
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
