import { z } from 'zod';
import type { Agent, AgentEnvSpec, Transition, UpdateInfo } from '../agent.ts';
import { checkConfig, offPolicyShape } from './config-schema.ts';
import type { RootRandom } from '../../random/index.ts';
import { boxToUnit, requireBox, unitToBox } from './action-scaling.ts';
import { compareArrays, loadWeights, namedWeights, restoreWeights, saveWeights } from './persistence.ts';
import type { JsonObject, NamedArray, WeightHolder } from './persistence.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import type { ReplayBatch } from './replay-buffer.ts';
import { agentRandom } from './seeding.ts';
import { readStreams, variablesOf, writeStreams, type SavableOptimizer, type StateReader, type StateWriter } from './checkpoint-state.ts';
import type { AgentRandom } from './seeding.ts';
import type { BoxSpace } from './spaces.ts';
import { flatSize } from './spaces.ts';

/** Settings every off-policy continuous agent shares (names and defaults follow SB3's `OffPolicyAlgorithm`). */
export interface OffPolicyConfig {
  /** Replay capacity (SB3 `buffer_size`). */
  readonly bufferSize: number;
  /** Env steps of uniform random actions before learning starts (SB3 `learning_starts`). */
  readonly learningStarts: number;
  /** Mini-batch size (SB3 `batch_size`). */
  readonly batchSize: number;
  /** Discount factor (SB3 `gamma`). */
  readonly gamma: number;
  /** Polyak coefficient of the target networks (SB3 `tau`). */
  readonly tau: number;
  /** Update every this many env steps (SB3 `train_freq` in steps). */
  readonly trainFreq: number;
  /** Gradient steps per update (SB3 `gradient_steps`). */
  readonly gradientSteps: number;
}

/** Checks the shared fields, so a bad config fails at construction, not mid-run. */
export function validateOffPolicy(c: OffPolicyConfig, algo: string): void {
  checkConfig(z.object(offPolicyShape), c, algo);
}

/**
 * The bookkeeping DDPG, TD3 and SAC share, so that each algorithm file holds only its
 * networks, losses and update (CleanRL-style). Actions live in the unit box [-1, 1] inside the
 * agent (replay, noise, networks) and are rescaled to the env's box only on the way out.
 *
 * Subclasses implement `policy` (unit action for one observation) and `trainStep` (one
 * gradient step on a batch), and list their networks in `networks()` for save/load.
 */
export abstract class ContinuousOffPolicyAgent<C extends OffPolicyConfig> implements Agent {
  abstract readonly name: string;
  readonly config: C;
  readonly actionSpace: BoxSpace;
  readonly observationSize: number;
  readonly actionSize: number;
  protected readonly random: AgentRandom;
  protected readonly buffer: ReplayBuffer;
  private observed = 0;
  private sinceUpdate = 0;
  private steps = 0;

  protected constructor(algo: string, spec: AgentEnvSpec, config: C, root: RootRandom) {
    validateOffPolicy(config, algo);
    this.config = config;
    this.actionSpace = requireBox(spec.actionSpace, algo);
    if (spec.observationSpace.kind !== 'box') throw new TypeError(`${algo} needs a box observation space, got '${spec.observationSpace.kind}'`);
    this.observationSize = flatSize(spec.observationSpace);
    this.actionSize = this.actionSpace.size;
    this.random = agentRandom(root);
    this.buffer = new ReplayBuffer(
      { capacity: config.bufferSize, observationSize: this.observationSize, continuousActionSize: this.actionSize },
      this.random.replay,
    );
  }

  /** Transitions observed so far (env steps of training). */
  get stepsObserved(): number {
    return this.observed;
  }

  /** Gradient steps taken so far. */
  get gradientSteps(): number {
    return this.steps;
  }

  /** Transitions in the replay buffer. */
  get replaySize(): number {
    return this.buffer.size;
  }

  act(observation: Float32Array, explore: boolean): { continuous: Float32Array } {
    if (observation.length !== this.observationSize) {
      throw new RangeError(`${this.name}: observation has ${observation.length} values, expected ${this.observationSize}`);
    }
    let unit: Float32Array;
    if (explore && this.observed < this.config.learningStarts) {
      unit = new Float32Array(this.actionSize);
      for (let i = 0; i < this.actionSize; i++) unit[i] = this.random.explore.uniformIn(-1, 1);
    } else {
      unit = this.policy(observation, explore);
    }
    return { continuous: unitToBox(this.actionSpace, unit) };
  }

  observe(t: Transition): void {
    const a = t.action.continuous;
    if (!a || a.length !== this.actionSize) throw new RangeError(`${this.name}: transition needs a continuous action of length ${this.actionSize}`);
    this.buffer.add({
      observation: t.observation,
      continuousAction: boxToUnit(this.actionSpace, a),
      reward: t.reward,
      nextObservation: t.nextObservation,
      terminated: t.terminated,
      truncated: t.truncated,
    });
    this.observed++;
    this.sinceUpdate++;
  }

  update(): UpdateInfo | undefined {
    if (this.observed < this.config.learningStarts || this.buffer.size === 0 || this.sinceUpdate < this.config.trainFreq) return undefined;
    this.sinceUpdate = 0;
    let info: UpdateInfo | undefined;
    for (let k = 0; k < this.config.gradientSteps; k++) {
      info = this.trainStep(this.buffer.sample(this.config.batchSize), this.steps);
      this.steps++;
    }
    return info;
  }

  onEpisodeEnd(): void {}

  /** Every network and extra array (SAC's `log_alpha`) in save order; names must be stable. */
  protected abstract networks(): ReadonlyArray<readonly [string, WeightHolder]>;
  /** Unit-box action for one observation; `explore` adds the algorithm's exploration. */
  protected abstract policy(observation: Float32Array, explore: boolean): Float32Array;
  /** One gradient step; `step` counts previous gradient steps (TD3's policy delay). */
  protected abstract trainStep(batch: ReplayBatch, step: number): UpdateInfo;

  /**
   * Writes every network (online and target) to `dir` with the config as metadata. The
   * optimiser moments, the replay buffer and the step counters are not saved: a loaded agent's
   * evaluation policy acts exactly like the saved one's; if it keeps training, it restarts
   * warm-up (random actions for `learningStarts` steps) and Adam's moments.
   */
  async save(dir: string): Promise<void> {
    const arrays: NamedArray[] = this.networks().flatMap(([name, net]) => namedWeights(name, net));
    const metadata: JsonObject = {
      agent: this.name,
      observationSize: this.observationSize,
      actionSize: this.actionSize,
      config: JSON.parse(JSON.stringify(this.config)) as JsonObject,
      stepsObserved: this.observed,
      gradientSteps: this.steps,
    };
    await saveWeights(dir, arrays, metadata);
  }

  async load(dir: string): Promise<void> {
    const { arrays, metadata } = await loadWeights(dir);
    const problems: string[] = [];
    if (metadata.agent !== this.name) problems.push(`saved by agent '${String(metadata.agent)}', loading into '${this.name}'`);
    if (metadata.observationSize !== this.observationSize) problems.push(`observation size ${String(metadata.observationSize)} saved, ${this.observationSize} here`);
    if (metadata.actionSize !== this.actionSize) problems.push(`action size ${String(metadata.actionSize)} saved, ${this.actionSize} here`);
    const expected = this.networks().flatMap(([name, net]) => net.getWeights().map((w, i) => ({ name: `${name}/${i}`, length: w.length })));
    problems.push(...compareArrays(arrays, expected));
    if (problems.length > 0) throw new Error(`${this.name}.load(${dir}): saved weights do not fit this agent:\n  - ${problems.join('\n  - ')}`);
    for (const [name, net] of this.networks()) restoreWeights(name, net, arrays);
  }

  abstract dispose(): void;

  /** Checkpoints: the optimisers to save, by name (subclasses list theirs). */
  protected optimizers(): ReadonlyArray<readonly [string, SavableOptimizer | undefined]> {
    return [];
  }

  /** Checkpoints: state a subclass keeps besides networks, optimisers, replay and streams (noise, last losses). */
  protected saveExtraState(_out: StateWriter): void {}
  protected loadExtraState(_from: StateReader): void {}

  async saveState(out: StateWriter): Promise<void> {
    out.value('counters', [this.observed, this.sinceUpdate, this.steps]);
    this.buffer.saveState(out.scope('replay'));
    writeStreams(out, this.random);
    for (const [name, net] of this.networks()) out.net(`net/${name}`, net);
    const variables = this.networks().flatMap(([, net]) => variablesOf(net));
    for (const [name, opt] of this.optimizers()) if (opt) await out.optimizer(`optimizer/${name}`, opt, variables);
    this.saveExtraState(out.scope('extra'));
  }

  async loadState(from: StateReader): Promise<void> {
    [this.observed, this.sinceUpdate, this.steps] = from.value('counters') as number[];
    this.buffer.loadState(from.scope('replay'));
    readStreams(from, this.random);
    for (const [name, net] of this.networks()) from.net(`net/${name}`, net);
    const variables = this.networks().flatMap(([, net]) => variablesOf(net));
    for (const [name, opt] of this.optimizers()) if (opt) await from.optimizer(`optimizer/${name}`, opt, variables);
    this.loadExtraState(from.scope('extra'));
  }
}
