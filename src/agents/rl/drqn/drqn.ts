/**
 * Deep recurrent Q-network (Hausknecht & Stone 2015), the per-base-station agent of 004:
 * DQN whose network carries an LSTM state through the episode, so Q-values can depend on the
 * observation history of a partially observed environment. Training samples sequences of
 * consecutive steps from one episode, unrolls the LSTM from a zero state over each, and
 * regresses every (unmasked) step onto its one-step TD target.
 */
import type { Action } from '../../common/spaces.ts';
import type { Agent, AgentEnvSpec, Transition, UpdateInfo } from '../../agent.ts';
import { tf } from '../../common/backend.ts';
import { Epsilon } from '../../common/epsilon.ts';
import type { LstmState } from '../../common/lstm.ts';
import { SequenceReplay, type SequenceBatch } from '../../common/sequence-replay.ts';
import { TargetRefresh, TrainRounds } from '../../common/train-schedule.ts';
import { agentRandom } from '../../common/seeding.ts';
import type { AgentRandom } from '../../common/seeding.ts';
import { namedWeights, saveWeights } from '../../common/persistence.ts';
import type { JsonObject } from '../../common/persistence.ts';
import { RootRandom } from '../../../random/index.ts';
import { epsilonExploration, loadQCheckpoint } from '../dqn/discrete-agent.ts';
import { argmax, decodeJointAction, encodeJointAction, jointActionCount, observationSize } from '../dqn/joint-action.ts';
import { adam } from '../../common/optimizer.ts';
import { setLearningRate, timeDecayedLearningRate } from '../dqn/optim.ts';
import { polyakUpdate } from '../dqn/q-network.ts';
import { DRQN_DEFAULTS, validateDrqnConfig } from './config.ts';
import type { DrqnConfig } from './config.ts';
import { RecurrentQNetwork } from './network.ts';
import { applyClipped, tdGradientsGroup, type TdGradients } from './td-step.ts';
import { readStreams, writeStreams, type StateReader, type StateWriter } from '../../common/checkpoint-state.ts';

type Mode = 'explore' | 'evaluate';

export class Drqn implements Agent {
  readonly name = 'drqn';
  readonly config: DrqnConfig;
  readonly epsilon: Epsilon;
  private readonly online: RecurrentQNetwork;
  private readonly target: RecurrentQNetwork;
  private readonly optimizer: tf.Optimizer;
  private readonly replay: SequenceReplay;
  private readonly random: AgentRandom;
  private readonly actions: number;
  private readonly obsSize: number;
  /**
   * Acting state per mode, so an evaluation run in the middle of a training episode neither
   * sees nor resets the training episode's memory.
   */
  private readonly states: Partial<Record<Mode, LstmState>> = {};
  private lastMode: Mode = 'explore';
  private readonly rounds: TrainRounds;
  private readonly targetRefresh: TargetRefresh;
  private steps = 0;
  private updates = 0;

  constructor(
    readonly spec: AgentEnvSpec,
    config: Partial<DrqnConfig> = {},
    random: RootRandom = new RootRandom(0),
  ) {
    this.config = { ...DRQN_DEFAULTS, ...config };
    validateDrqnConfig(this.config);
    const c = this.config;
    this.random = agentRandom(random);
    this.actions = jointActionCount(spec.actionSpace);
    this.obsSize = observationSize(spec.observationSpace, this.name);
    const net = { inputSize: this.obsSize, actions: this.actions, preHiddenSizes: c.preHiddenSizes, lstmSize: c.lstmSize, seed: this.random.netSeed('q') };
    this.online = new RecurrentQNetwork(net);
    this.target = new RecurrentQNetwork(net);
    polyakUpdate(this.target.variables, this.online.variables, 1);
    this.optimizer = adam(c.learningRate);
    this.replay = new SequenceReplay({ capacity: c.bufferSize, observationSize: this.obsSize, actionSize: 1, sequenceLength: c.sequenceLength });
    this.epsilon = new Epsilon(c.exploration);
    this.rounds = new TrainRounds(c.trainFreq, c.learningStarts);
    this.targetRefresh = new TargetRefresh(c.targetUpdateInterval);
  }

  /**
   * Advance the acting LSTM state by one observation and return its Q-values. The state always
   * advances, even when epsilon picks a random action, so memory never skips an observation.
   */
  stepQ(observation: Float32Array, mode: Mode): Float32Array {
    const prev = this.states[mode] ?? this.online.zeroState(1);
    const [q, h, c] = tf.tidy(() => {
      const r = this.online.step(tf.tensor2d(observation, [1, this.obsSize]), prev);
      return [r.q, r.state.h, r.state.c];
    });
    tf.dispose([prev.h, prev.c]);
    this.states[mode] = { h: h as tf.Tensor2D, c: c as tf.Tensor2D };
    const values = q.dataSync() as Float32Array;
    q.dispose();
    return values;
  }

  act(observation: Float32Array, explore: boolean): Action {
    const mode: Mode = explore ? 'explore' : 'evaluate';
    this.lastMode = mode;
    const q = this.stepQ(observation, mode);
    const random = explore ? epsilonExploration(this.random.explore, this.actions, this.steps < this.config.learningStarts, this.epsilon.value) : undefined;
    return decodeJointAction(this.spec.actionSpace, random ?? argmax(q));
  }

  observe(t: Transition): void {
    this.replay.add(t.observation, [encodeJointAction(this.spec.actionSpace, t.action)], t.reward, t.nextObservation, t.terminated, t.truncated);
    this.steps++;
    this.epsilon.onStep();
    if (t.terminated || t.truncated) this.resetState('explore');
  }

  /** Forget the acting memory of the mode that just played (and close the replay episode after training play). */
  onEpisodeEnd(): void {
    this.resetState(this.lastMode);
    if (this.lastMode === 'explore') this.replay.endEpisode();
  }

  /** Exploration and step size now (the training log). */
  trainingStats(): Readonly<Record<string, number>> {
    const c = this.config;
    return { epsilon: this.epsilon.value, learningRate: timeDecayedLearningRate(c.learningRate, c.learningRateDecay, this.updates) };
  }

  update(): UpdateInfo | undefined {
    return this.updateGroup([])[0];
  }

  /**
   * `update()` of this agent and `peers` (a team's independent learners) in one batched pass:
   * learners whose update is due and whose config and spaces equal this one's share each
   * network pass (tdGradientsGroup); every agent gets what its own `update()` would return.
   * Returns one entry per agent, this one first.
   */
  updateGroup(peers: readonly Agent[]): (UpdateInfo | undefined)[] {
    const group: Agent[] = [this, ...peers];
    const batchable = group.map((a) => a instanceof Drqn && a.sharesShapeWith(this));
    const learners = group.filter((a, k): a is Drqn => batchable[k] && (a as Drqn).beginUpdate());
    const losses = learners.map(() => 0);
    for (let g = 0; g < this.config.gradientSteps; g++) {
      const batches = learners.map((a) => a.sampleStep());
      const results = tdGradientsGroup(learners.map((a, k) => ({ online: a.online, target: a.target, batch: batches[k] })), this.config);
      learners.forEach((a, k) => (losses[k] += a.finishStep(results[k])));
    }
    return group.map((a, k) => {
      if (!batchable[k]) return a.update();
      const at = learners.indexOf(a as Drqn);
      return at < 0 ? undefined : (a as Drqn).updateInfo(losses[at]);
    });
  }

  /** Same config and spaces: one batched pass fits both. */
  private sharesShapeWith(other: Drqn): boolean {
    return this.obsSize === other.obsSize && this.actions === other.actions && JSON.stringify(this.config) === JSON.stringify(other.config);
  }

  /** The target refresh, then whether a training round is due. */
  private beginUpdate(): boolean {
    if (this.targetRefresh.due(this.steps)) polyakUpdate(this.target.variables, this.online.variables, 1);
    return this.rounds.due(this.steps, this.replay.size);
  }

  private sampleStep(): SequenceBatch {
    const c = this.config;
    setLearningRate(this.optimizer, timeDecayedLearningRate(c.learningRate, c.learningRateDecay, this.updates));
    return this.replay.sample(c.batchSize, this.random.replay);
  }

  /** Clip and apply one step's gradients (the hand-written pass, td-step.ts); returns its loss. */
  private finishStep(step: TdGradients): number {
    const c = this.config;
    applyClipped(this.optimizer, this.online.variables, step.grads, c.maxGradNorm);
    if (c.exploration.kind === 'adaptive') this.epsilon.onTdError(step.meanAbsTd);
    this.updates++;
    return step.loss;
  }

  private updateInfo(lossSum: number): UpdateInfo {
    const c = this.config;
    return { loss: lossSum / c.gradientSteps, epsilon: this.epsilon.value, learningRate: timeDecayedLearningRate(c.learningRate, c.learningRateDecay, this.updates) };
  }

  private resetState(mode: Mode): void {
    const s = this.states[mode];
    if (s) tf.dispose([s.h, s.c]);
    delete this.states[mode];
  }

  async save(dir: string): Promise<void> {
    await saveWeights(dir, namedWeights('q', this.online), { agent: this.name, config: this.config as unknown as JsonObject, epsilon: this.epsilon.getState() });
  }

  async load(dir: string): Promise<void> {
    await loadQCheckpoint(dir, this.online, this.target, this.epsilon);
  }

  dispose(): void {
    this.resetState('explore');
    this.resetState('evaluate');
    this.online.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }

  /**
   * Checkpoints (taken at episode boundaries, where the acting LSTM memory is reset): both
   * networks, Adam, the sequence replay, streams, epsilon and the counters and schedules.
   */
  async saveState(out: StateWriter): Promise<void> {
    out.value('counters', [this.steps, this.updates, this.rounds.state, this.targetRefresh.state]);
    out.value('lastMode', this.lastMode);
    out.value('epsilon', this.epsilon.getState());
    out.net('online', this.online);
    out.net('target', this.target);
    await out.optimizer('optimizer', this.optimizer, this.online.variables);
    this.replay.saveState(out.scope('replay'));
    writeStreams(out, this.random);
  }

  async loadState(from: StateReader): Promise<void> {
    [this.steps, this.updates, this.rounds.state, this.targetRefresh.state] = from.value('counters') as number[];
    this.lastMode = from.value('lastMode') as Mode;
    this.epsilon.setState(from.value('epsilon') as { steps: number; adaptive: number });
    from.net('online', this.online);
    from.net('target', this.target);
    await from.optimizer('optimizer', this.optimizer, this.online.variables);
    this.replay.loadState(from.scope('replay'));
    readStreams(from, this.random);
  }
}
