import type { Agent, UpdateInfo } from '../agents/agent.ts';
import type { Env } from './types.ts';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Episodes to play with the deterministic policy (`act(obs, false)`). */
  readonly episodes: number;
  /** Seed of the first `reset`; later episodes continue the env's generator (Gymnasium semantics). */
  readonly seed: number;
  /** Safety cap on steps per episode, for envs without a time limit. Default 100 000. */
  readonly maxEpisodeSteps?: number;
}

/** Progress report passed to `onProgress` at the end of every training episode. */
export interface TrainProgress {
  readonly step: number;
  readonly episode: number;
  readonly episodeReturn: number;
  readonly episodeLength: number;
  /** Losses of the latest update, if one has run. */
  readonly lastUpdate: UpdateInfo | undefined;
}

/** One periodic evaluation during training. */
export interface EvaluationPoint {
  readonly step: number;
  readonly returns: readonly number[];
  readonly mean: number;
}

/** Options of {@link train}. Exactly one of `steps` and `episodes` bounds the run. */
export interface TrainOptions {
  /** Environment steps to train for. */
  readonly steps?: number;
  /** Episodes to train for (used when `steps` is absent). */
  readonly episodes?: number;
  /** Seed of the first `reset` of the training env. */
  readonly seed: number;
  /**
   * `update()` is not called before this many env steps. Default 0: off-policy agents gate
   * themselves (their own `learningStarts`); this is for agents that do not.
   */
  readonly learningStarts?: number;
  /** Evaluate every this many steps (needs `evalEnv`). */
  readonly evalEvery?: number;
  /** Separate env for periodic evaluation, so training episodes are not disturbed. */
  readonly evalEnv?: Env;
  /** Episodes per periodic evaluation. Default 5. */
  readonly evalEpisodes?: number;
  /** Seed of periodic evaluations (the same for each, so points are comparable). Default `seed + 1`. */
  readonly evalSeed?: number;
  readonly onProgress?: (p: TrainProgress) => void;
  readonly onEvaluation?: (e: EvaluationPoint) => void;
}

/** What {@link train} returns. */
export interface TrainResult {
  readonly steps: number;
  readonly episodeReturns: readonly number[];
  readonly episodeLengths: readonly number[];
  readonly evaluations: readonly EvaluationPoint[];
}

/**
 * Play `episodes` episodes with the evaluation policy and return each episode's undiscounted
 * return. Nothing is recorded or learned. Deterministic for a given agent, env and seed.
 */
export function evaluate(env: Env, agent: Agent, options: EvaluateOptions): number[] {
  const cap = options.maxEpisodeSteps ?? 100_000;
  const returns: number[] = [];
  for (let ep = 0; ep < options.episodes; ep++) {
    let { observation } = env.reset(ep === 0 ? { seed: options.seed } : {});
    let total = 0;
    for (let t = 0; t < cap; t++) {
      const r = env.step(agent.act(observation, false));
      total += r.reward;
      observation = r.observation;
      if (r.terminated || r.truncated) break;
    }
    agent.onEpisodeEnd?.();
    returns.push(total);
  }
  return returns;
}

/**
 * The standard off-policy loop: act with exploration, step, `observe` the transition,
 * `update()` once per env step (agents decide themselves whether an update is due), reset
 * on termination or truncation. Deterministic for a given agent, env and seed.
 */
export function train(env: Env, agent: Agent, options: TrainOptions): TrainResult {
  const maxSteps = options.steps ?? Infinity;
  const maxEpisodes = options.steps === undefined ? (options.episodes ?? 0) : Infinity;
  if (maxSteps === Infinity && maxEpisodes === 0) throw new RangeError('train needs `steps` or `episodes`');
  if (options.evalEvery !== undefined && !options.evalEnv) throw new RangeError('train: `evalEvery` needs an `evalEnv`');
  const learningStarts = options.learningStarts ?? 0;
  const episodeReturns: number[] = [];
  const episodeLengths: number[] = [];
  const evaluations: EvaluationPoint[] = [];
  let lastUpdate: UpdateInfo | undefined;

  let { observation } = env.reset({ seed: options.seed });
  let epReturn = 0;
  let epLength = 0;
  let step = 0;
  while (step < maxSteps && episodeReturns.length < maxEpisodes) {
    const action = agent.act(observation, true);
    const r = env.step(action);
    agent.observe({ observation, action, reward: r.reward, nextObservation: r.observation, terminated: r.terminated, truncated: r.truncated });
    step++;
    epReturn += r.reward;
    epLength++;
    if (step >= learningStarts) lastUpdate = agent.update() ?? lastUpdate;
    if (r.terminated || r.truncated) {
      agent.onEpisodeEnd?.();
      episodeReturns.push(epReturn);
      episodeLengths.push(epLength);
      options.onProgress?.({ step, episode: episodeReturns.length, episodeReturn: epReturn, episodeLength: epLength, lastUpdate });
      epReturn = 0;
      epLength = 0;
      observation = env.reset().observation;
    } else {
      observation = r.observation;
    }
    if (options.evalEvery !== undefined && options.evalEnv && step % options.evalEvery === 0) {
      const returns = evaluate(options.evalEnv, agent, { episodes: options.evalEpisodes ?? 5, seed: options.evalSeed ?? options.seed + 1 });
      const point = { step, returns, mean: mean(returns) };
      evaluations.push(point);
      options.onEvaluation?.(point);
    }
  }
  return { steps: step, episodeReturns, episodeLengths, evaluations };
}

/** Arithmetic mean (NaN for an empty list). */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n - 1; 0 for fewer than two values). */
export function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
