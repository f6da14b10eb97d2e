import type { AgentEnvSpec, UpdateInfo } from '../../agent.ts';
import type { RootRandom } from '../../../random/index.ts';
import { tf } from '../../common/backend.ts';
import { Mlp } from '../../common/mlp.ts';
import { adam } from '../../common/optimizer.ts';
import type { SavableOptimizer } from '../../common/checkpoint-state.ts';
import { ContinuousOffPolicyAgent } from '../../common/off-policy.ts';
import type { WeightHolder } from '../../common/persistence.ts';
import type { ReplayBatch } from '../../common/replay-buffer.ts';
import { resolveSacConfig } from './config.ts';
import type { SacConfig } from './config.ts';
import { SacAdam } from '../../common/nn/sac-adam.ts';
import { TransposeCache, polyakColumns } from '../../common/nn/sac-mlp.ts';
import { squashedAction } from './policy.ts';
import { sacStep, type SacLearner, type SacStepSettings } from './update.ts';

/** log(alpha) as a trainable scalar that save/load treat like a network. */
class LogAlpha implements WeightHolder {
  readonly variable: tf.Variable<tf.Rank.R0>;
  constructor(initialAlpha: number) {
    this.variable = tf.tidy(() => tf.variable(tf.scalar(Math.log(initialAlpha)), true, undefined, 'float32'));
  }
  get alpha(): number {
    return Math.exp(this.variable.dataSync()[0]);
  }
  getWeights(): Float32Array[] {
    return [Float32Array.from(this.variable.dataSync() as Float32Array)];
  }
  setWeights(w: Float32Array[]): void {
    if (w.length !== 1 || w[0].length !== 1) throw new RangeError('log_alpha takes exactly one value');
    tf.tidy(() => this.variable.assign(tf.scalar(w[0][0])));
  }
}

/**
 * Soft Actor-Critic with learned temperature (001 eqs. 21-23, Haarnoja et al. 2018):
 *
 * - policy: tanh-squashed Gaussian, the actor outputs `[mu, log sigma]`;
 * - temperature (23): minimise `-log(alpha) (log pi + H~)` so the entropy tracks the target;
 * - critics (22): twin soft Q, target `r + gamma (min Q'(s', a') - alpha log pi(a'|s'))`;
 * - actor (21): minimise `alpha log pi(a|s) - min Q(s, a)` with `a` reparameterised.
 *
 * The three steps run in SB3's order (alpha, critics, actor) with alpha read before its own step.
 */
export class Sac extends ContinuousOffPolicyAgent<SacConfig> {
  readonly name: string = 'sac';
  readonly actor: Mlp;
  readonly critics: readonly [Mlp, Mlp];
  readonly targetCritics: readonly [Mlp, Mlp];
  readonly targetEntropy: number;
  private readonly logAlpha: LogAlpha;
  private readonly actorOptimizer: SacAdam;
  private readonly criticOptimizer: SacAdam;
  private readonly transposes = new TransposeCache();
  private readonly alphaOptimizer: tf.Optimizer | undefined;
  private readonly actEps: Float32Array;
  private readonly learner: SacLearner;
  private readonly stepSettings: SacStepSettings;
  private eps: Float32Array = new Float32Array(0);
  private nextEps: Float32Array = new Float32Array(0);

  constructor(spec: AgentEnvSpec, config: Partial<SacConfig>, random: RootRandom) {
    super('sac', spec, resolveSacConfig(config), random);
    const c = this.config;
    const o = this.observationSize;
    const a = this.actionSize;
    const criticCfg = { inputSize: o + a, hiddenSizes: c.criticHiddenSizes, outputSize: 1, finalLayerInitScale: c.finalLayerInitScale };
    this.actor = new Mlp({ inputSize: o, hiddenSizes: c.actorHiddenSizes, outputSize: 2 * a, finalLayerInitScale: c.finalLayerInitScale, seed: this.random.netSeed('actor') });
    this.critics = [new Mlp({ ...criticCfg, seed: this.random.netSeed('critic/0') }), new Mlp({ ...criticCfg, seed: this.random.netSeed('critic/1') })];
    this.targetCritics = [new Mlp({ ...criticCfg, seed: 0 }), new Mlp({ ...criticCfg, seed: 0 })];
    this.targetCritics.forEach((t, i) => t.copyFrom(this.critics[i]));
    this.targetEntropy = c.targetEntropy === 'auto' ? -a : c.targetEntropy;
    this.logAlpha = new LogAlpha(c.entCoef === 'auto' ? c.initialEntCoef : Math.max(c.entCoef, Number.MIN_VALUE));
    // Actor and critics: Adam that also hands the forward pass each new weight's transpose.
    this.actorOptimizer = new SacAdam(c.actorLearningRate, this.transposes, c.adamEpsilon);
    this.criticOptimizer = new SacAdam(c.criticLearningRate, this.transposes, c.adamEpsilon);
    this.alphaOptimizer = c.entCoef === 'auto' ? adam(c.entropyLearningRate, c.adamEpsilon) : undefined;
    this.actEps = new Float32Array(a);
    this.learner = {
      actor: this.actor,
      critics: this.critics,
      targetCritics: this.targetCritics,
      logAlpha: this.alphaOptimizer ? this.logAlpha.variable : undefined,
      alphaOptimizer: this.alphaOptimizer,
      actorOptimizer: this.actorOptimizer,
      criticOptimizer: this.criticOptimizer,
      transposes: this.transposes,
    };
    this.stepSettings = { observationSize: o, actionSize: a, gamma: c.gamma, targetEntropy: this.targetEntropy, logStdMin: c.logStdMin, logStdMax: c.logStdMax };
  }

  /** Current temperature alpha. */
  get alpha(): number {
    return this.config.entCoef === 'auto' ? this.logAlpha.alpha : this.config.entCoef;
  }

  protected policy(observation: Float32Array, explore: boolean): Float32Array {
    const head = this.actor.predict(observation);
    if (explore) for (let i = 0; i < this.actionSize; i++) this.actEps[i] = this.random.explore.normal();
    return squashedAction(head, this.config.logStdMin, this.config.logStdMax, explore ? this.actEps : undefined, new Float32Array(this.actionSize));
  }

  private normals(buf: Float32Array, len: number): Float32Array {
    const out = buf.length === len ? buf : new Float32Array(len);
    this.random.update.fillNormal(out);
    return out;
  }

  protected trainStep(batch: ReplayBatch, step: number): UpdateInfo {
    const n = batch.size;
    const a = this.actionSize;
    // Noise order is part of the seed's contract: first for s, then for s'.
    this.eps = this.normals(this.eps, n * a);
    this.nextEps = this.normals(this.nextEps, n * a);
    const alpha = this.alpha;
    const losses = sacStep(this.learner, this.stepSettings, batch, this.eps, this.nextEps, alpha);
    if ((step + 1) % this.config.targetUpdateInterval === 0) {
      tf.tidy(() => this.targetCritics.forEach((t, i) => polyakColumns(t, this.critics[i], this.config.tau, this.learner.transposes)));
    }
    return { ...losses, alpha };
  }

  protected networks(): ReadonlyArray<readonly [string, WeightHolder]> {
    return [
      ['actor', this.actor],
      ['critic/0', this.critics[0]],
      ['critic/1', this.critics[1]],
      ['target_critic/0', this.targetCritics[0]],
      ['target_critic/1', this.targetCritics[1]],
      ['log_alpha', this.logAlpha],
    ];
  }

  /** Schedule values now (the training log). */
  trainingStats(): Readonly<Record<string, number>> {
    return { alpha: this.alpha, actorLearningRate: this.config.actorLearningRate, criticLearningRate: this.config.criticLearningRate };
  }

  dispose(): void {
    for (const net of [this.actor, ...this.critics, ...this.targetCritics]) net.dispose();
    this.logAlpha.variable.dispose();
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
    this.alphaOptimizer?.dispose();
    this.learner.transposes.dispose();
  }

  /** Checkpoints: the actor's, the critics' and the temperature's Adam. */
  protected override optimizers(): ReadonlyArray<readonly [string, SavableOptimizer | undefined]> {
    return [
      ['actor', this.actorOptimizer],
      ['critic', this.criticOptimizer],
      ['alpha', this.alphaOptimizer],
    ];
  }
}
