import { z } from 'zod';

/**
 * zod fragments shared by the agents' config schemas, and the one check that turns a schema
 * failure into a `RangeError` naming the agent and the field. Every agent config has one schema
 * (next to its defaults in `config.ts`), used twice: by the scenario loader, which validates
 * `agentConfig.<agent>` before anything runs (unknown keys and out-of-range values are errors
 * naming the field path), and by the agent's constructor, for configs built in code.
 *
 * The bounds are sanity bounds, wide enough for any published setting and narrow enough to
 * keep a typo (a learning rate of 1e30, a discount of 2) out of a run.
 */

/** A probability or a discount factor: [0, 1]. */
export const unitInterval = z.number().min(0).max(1);

/** An optimiser step size: (0, 1]. */
export const learningRate = z.number().gt(0).max(1);

/** An integer in [min, max]. */
export const integerIn = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max);

/** Hidden layer widths: 1 to 8 layers of 1 to 4096 units. */
export const hiddenSizes = z.array(integerIn(1, 4096)).min(1).max(8);

/** An optimiser's epsilon (Adam, RMSprop): (0, 1). */
export const optimiserEpsilon = z.number().gt(0).lt(1);

/** Fields every off-policy agent shares (`OffPolicyConfig`, SB3's names). */
export const offPolicyShape = {
  bufferSize: integerIn(1, 10_000_000),
  learningStarts: integerIn(0, 10_000_000),
  batchSize: integerIn(1, 65_536),
  gamma: unitInterval,
  tau: z.number().gt(0).max(1),
  trainFreq: integerIn(1, 1_000_000),
  gradientSteps: integerIn(1, 10_000),
};

/** The last layer's initial weight scale: a small positive number, or absent for the Mlp default. */
export const finalLayerInitScale = z.number().gt(0).max(1).optional();

/** Fields every actor-critic agent with separate actor and critic nets shares (DDPG, TD3, SAC). */
export const actorCriticShape = {
  ...offPolicyShape,
  actorHiddenSizes: hiddenSizes,
  criticHiddenSizes: hiddenSizes,
  actorLearningRate: learningRate,
  criticLearningRate: learningRate,
  finalLayerInitScale,
  adamEpsilon: optimiserEpsilon,
};

/** Behaviour noise of deterministic policies (`NoiseConfig`). */
export const noiseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('gaussian'), std: z.number().min(0).max(10), mean: z.number().min(-10).max(10).optional() }).strict(),
  z
    .object({
      kind: z.literal('ornstein-uhlenbeck'),
      sigma: z.number().min(0).max(10),
      theta: z.number().min(0).max(100).optional(),
      dt: z.number().gt(0).max(10).optional(),
      mean: z.number().min(-10).max(10).optional(),
    })
    .strict(),
]);

/** Fields the deterministic-policy agents share (DDPG, TD3): behaviour noise and the pre-tanh penalty. */
export const deterministicActorShape = {
  ...actorCriticShape,
  noise: noiseSchema,
  preTanhPenalty: z.number().min(0).max(10).optional(),
};

/** Exploration schedules of epsilon-greedy agents (`EpsilonConfig`). */
export const epsilonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), start: unitInterval, end: unitInterval, duration: integerIn(0, 1e9) }).strict(),
  z.object({ kind: z.literal('exponential'), start: unitInterval, end: unitInterval, timeConstant: z.number().gt(0).max(1e9) }).strict(),
  z
    .object({ kind: z.literal('adaptive'), min: unitInterval, max: unitInterval, sigma: z.number().gt(0).max(1e9), delta: z.number().gt(0).max(1) })
    .strict()
    .refine((c) => c.min <= c.max, { message: 'adaptive epsilon needs min <= max', path: ['min'] }),
]);

/** Fields the epsilon-greedy value-based agents share (DQN, D3QN, DRQN). */
export const valueBasedShape = {
  learningRate,
  learningRateDecay: z.number().min(0).max(1),
  bufferSize: offPolicyShape.bufferSize,
  learningStarts: offPolicyShape.learningStarts,
  batchSize: offPolicyShape.batchSize,
  gamma: unitInterval,
  trainFreq: offPolicyShape.trainFreq,
  gradientSteps: offPolicyShape.gradientSteps,
  targetUpdateInterval: integerIn(1, 1e9),
  exploration: epsilonSchema,
  maxGradNorm: z.number().gt(0).max(1e6),
  loss: z.enum(['huber', 'mse']),
  doubleQ: z.boolean(),
};

/** A target entropy: a finite number or 'auto'. */
export const targetEntropy = z.union([z.literal('auto'), z.number().min(-1e6).max(1e6)]);

/** One line per issue: `path: message (got value)`. */
export function describeConfigIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.') || '(config)';
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `unknown config field '${[...issue.path, k].join('.')}'`).join('; ');
      let value: unknown = input;
      for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
      const got = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
      return `${path}: ${issue.message}${got}`;
    })
    .join('; ');
}

/** Validates a complete config against its schema; throws a `RangeError` naming the agent and field. */
export function checkConfig<T>(schema: z.ZodType<T>, config: unknown, agent: string): T {
  const parsed = schema.safeParse(config);
  if (!parsed.success) throw new RangeError(`${agent}: ${describeConfigIssues(parsed.error, config)}`);
  return parsed.data;
}
