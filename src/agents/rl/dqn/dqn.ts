/**
 * Deep Q-network (Mnih et al. 2015) in the SB3 layout: epsilon-greedy acting, uniform replay,
 * `gradientSteps` updates every `trainFreq` env steps, a target network refreshed every
 * `targetUpdateInterval` env steps, Huber loss and gradient clipping. With `doubleQ` and a
 * dueling network the same loop is D3QN (see `../d3qn`).
 */
import type { Action } from '../../common/spaces.ts';
import type { Agent, AgentEnvSpec, Transition, UpdateInfo } from '../../agent.ts';
import { tf } from '../../common/backend.ts';
import { Epsilon } from '../../common/epsilon.ts';
import { ReplayBuffer } from '../../common/replay-buffer.ts';
import { TargetRefresh, TrainRounds } from '../../common/train-schedule.ts';
import { agentRandom } from '../../common/seeding.ts';
import type { AgentRandom } from '../../common/seeding.ts';
import { namedWeights, saveWeights } from '../../common/persistence.ts';
import type { JsonObject } from '../../common/persistence.ts';
import { RootRandom } from '../../../random/index.ts';
import { DQN_DEFAULTS, validateDqnConfig } from './config.ts';
import type { DqnConfig } from './config.ts';
import { discreteTransition, epsilonExploration, loadQCheckpoint } from './discrete-agent.ts';
import { argmax, decodeJointAction, jointActionCount, observationSize } from './joint-action.ts';
import { chosenQ, qTargets, tdLossElements } from './loss.ts';
import { adam } from '../../common/optimizer.ts';
import { linearlyAnnealedLearningRate, minimizeClipped, setLearningRate, timeDecayedLearningRate } from './optim.ts';
import { mlpQNetwork, polyakUpdate, predictQ } from './q-network.ts';
import type { QNetwork, QNetworkFactory } from './q-network.ts';
import { readStreams, writeStreams, type StateReader, type StateWriter } from '../../common/checkpoint-state.ts';

/** What distinguishes a member of the DQN family: its name, defaults and network. */
export interface DqnVariant {
  readonly name: string;
  readonly defaults: DqnConfig;
  readonly network: QNetworkFactory;
}

export const DQN_VARIANT: DqnVariant = { name: 'dqn', defaults: DQN_DEFAULTS, network: mlpQNetwork };

export class Dqn implements Agent {
  readonly name: string;
  readonly config: DqnConfig;
  readonly epsilon: Epsilon;
  protected readonly online: QNetwork;
  protected readonly target: QNetwork;
  private readonly optimizer: tf.Optimizer;
  private readonly buffer: ReplayBuffer;
  private readonly random: AgentRandom;
  private readonly actions: number;
  private readonly rounds: TrainRounds;
  private readonly targetRefresh: TargetRefresh;
  private steps = 0;
  private updates = 0;

  constructor(
    readonly spec: AgentEnvSpec,
    config: Partial<DqnConfig> = {},
    random: RootRandom = new RootRandom(0),
    variant: DqnVariant = DQN_VARIANT,
  ) {
    this.name = variant.name;
    this.config = { ...variant.defaults, ...config };
    validateDqnConfig(this.config);
    const c = this.config;
    this.random = agentRandom(random);
    this.actions = jointActionCount(spec.actionSpace);
    const inputSize = observationSize(spec.observationSpace, this.name);
    const net = { inputSize, actions: this.actions, hiddenSizes: c.hiddenSizes, activation: c.activation };
    this.online = variant.network({ ...net, seed: this.random.netSeed('q') });
    this.target = variant.network({ ...net, seed: this.random.netSeed('q') });
    polyakUpdate(this.target.variables, this.online.variables, 1);
    this.optimizer = adam(c.learningRate);
    this.buffer = new ReplayBuffer({ capacity: c.bufferSize, observationSize: inputSize, discreteActionSize: 1 }, this.random.replay);
    this.epsilon = new Epsilon(c.exploration);
    this.rounds = new TrainRounds(c.trainFreq, c.learningStarts);
    this.targetRefresh = new TargetRefresh(c.targetUpdateInterval);
  }

  /** Env steps observed so far. */
  get numTimesteps(): number {
    return this.steps;
  }

  /** Q-values of the online network for one observation (for inspection and tests). */
  qValues(observation: Float32Array): Float32Array {
    return predictQ(this.online, observation);
  }

  act(observation: Float32Array, explore: boolean): Action {
    // SB3 acts uniformly at random until learning starts, then epsilon-greedily.
    const random = explore ? epsilonExploration(this.random.explore, this.actions, this.steps < this.config.learningStarts, this.epsilon.value) : undefined;
    return decodeJointAction(this.spec.actionSpace, random ?? argmax(this.qValues(observation)));
  }

  observe(t: Transition): void {
    this.buffer.add(discreteTransition(this.spec.actionSpace, t));
    this.steps++;
    this.epsilon.onStep();
  }

  update(): UpdateInfo | undefined {
    const c = this.config;
    if (this.targetRefresh.due(this.steps)) polyakUpdate(this.target.variables, this.online.variables, c.tau);
    if (!this.rounds.due(this.steps, this.buffer.size)) return undefined;
    let loss = 0;
    let td = 0;
    for (let g = 0; g < c.gradientSteps; g++) {
      const r = this.trainStep();
      loss += r.loss;
      td += r.td;
    }
    return {
      loss: loss / c.gradientSteps,
      tdError: td / c.gradientSteps,
      epsilon: this.epsilon.value,
      learningRate: this.learningRate(),
    };
  }

  /** Exploration and step size now (the training log). */
  trainingStats(): Readonly<Record<string, number>> {
    return { epsilon: this.epsilon.value, learningRate: this.learningRate() };
  }

  /** The step size of the next gradient step: Keras time decay over updates, then the linear anneal over env steps. */
  private learningRate(): number {
    const c = this.config;
    const decayed = timeDecayedLearningRate(c.learningRate, c.learningRateDecay, this.updates);
    return linearlyAnnealedLearningRate(decayed, c.learningRateAnnealSteps, this.steps);
  }

  /** One gradient step on a uniform mini-batch; returns the loss and the mean |TD error|. */
  private trainStep(): { loss: number; td: number } {
    const c = this.config;
    const b = this.buffer.sample(c.batchSize);
    setLearningRate(this.optimizer, this.learningRate());
    const n = b.size;
    const obsSize = b.observations.length / n;
    const [obs, actions, targets] = tf.tidy(() => {
      const next = tf.tensor2d(b.nextObservations, [n, obsSize]);
      const nextOnline = c.doubleQ ? this.online.apply(next) : undefined;
      const y = qTargets(tf.tensor1d(b.rewards), tf.tensor1d(b.terminated), c.gamma, this.target.apply(next), nextOnline);
      return [tf.tensor2d(b.observations, [n, obsSize]), tf.tensor1d(b.discreteActions, 'int32'), y];
    });
    let meanAbsTd: tf.Scalar | undefined;
    const loss = minimizeClipped(
      this.optimizer,
      () => {
        const td = tf.sub(targets, chosenQ(this.online.apply(obs), actions));
        meanAbsTd = tf.keep(tf.mean(tf.abs(td)) as tf.Scalar);
        return tf.mean(tdLossElements(td, c.loss)) as tf.Scalar;
      },
      this.online.variables,
      c.maxGradNorm,
    );
    const td = meanAbsTd!.dataSync()[0];
    tf.dispose([obs, actions, targets, meanAbsTd!]);
    this.updates++;
    this.epsilon.onTdError(td);
    return { loss, td };
  }

  async save(dir: string): Promise<void> {
    await saveWeights(dir, namedWeights('q', this.online), {
      agent: this.name,
      config: this.config as unknown as JsonObject,
      epsilon: this.epsilon.getState(),
      steps: this.steps,
    });
  }

  async load(dir: string): Promise<void> {
    await loadQCheckpoint(dir, this.online, this.target, this.epsilon);
  }

  dispose(): void {
    this.online.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }

  /** Checkpoints: both networks, Adam, replay, streams, epsilon and the step/update counters and schedules. */
  async saveState(out: StateWriter): Promise<void> {
    out.value('counters', [this.steps, this.updates, this.rounds.state, this.targetRefresh.state]);
    out.value('epsilon', this.epsilon.getState());
    out.net('online', this.online);
    out.net('target', this.target);
    await out.optimizer('optimizer', this.optimizer, this.online.variables);
    this.buffer.saveState(out.scope('replay'));
    writeStreams(out, this.random);
  }

  async loadState(from: StateReader): Promise<void> {
    [this.steps, this.updates, this.rounds.state, this.targetRefresh.state] = from.value('counters') as number[];
    this.epsilon.setState(from.value('epsilon') as { steps: number; adaptive: number });
    from.net('online', this.online);
    from.net('target', this.target);
    await from.optimizer('optimizer', this.optimizer, this.online.variables);
    this.buffer.loadState(from.scope('replay'));
    readStreams(from, this.random);
  }
}
