import { z } from 'zod';
import { checkConfig, integerIn, valueBasedShape } from '../../common/config-schema.ts';
import type { EpsilonConfig } from '../../common/epsilon.ts';

/**
 * Hyperparameters of {@link Drqn} (Hausknecht & Stone 2015, as used per base station in 004).
 * The update loop mirrors DQN's (SB3 field names); what is new is the recurrent network and the
 * sequence replay.
 */
export interface DrqnConfig {
  /** Adam step size. 004 Table 2: 5e-4; CartPole default 1e-3. */
  readonly learningRate: number;
  /** Keras-style time decay `lr / (1 + decay * updates)`. 004 Table 2: 1e-4. */
  readonly learningRateDecay: number;
  /** Replay capacity in transitions. 004 Table 2: 500. */
  readonly bufferSize: number;
  /** Steps of one sampled sequence. 004 Table 2 "size of the memory step": 8. */
  readonly sequenceLength: number;
  /**
   * Leading steps of a sequence that only warm the LSTM state and carry no loss, when the
   * sequence starts mid-episode (R2D2's burn-in, Kapturowski et al. 2019). 0 = Hausknecht &
   * Stone's "bootstrapped random updates" from a zero state.
   */
  readonly burnIn: number;
  /** Env steps of random actions before learning. 004 Algorithm 1: T_b = 100. */
  readonly learningStarts: number;
  /** Sequences per mini-batch. 004 Table 2: 32. */
  readonly batchSize: number;
  /** Discount. 004 Table 2: 0.5; CartPole 0.99. */
  readonly gamma: number;
  /** Train every this many env steps. 004 Algorithm 1: every step. */
  readonly trainFreq: number;
  /** Gradient steps per training round. */
  readonly gradientSteps: number;
  /** Env steps between hard target updates. 004 Table 2: 100. */
  readonly targetUpdateInterval: number;
  /** Epsilon-greedy schedule. 004 Table 2: adaptive in [0.1, 0.6]. */
  readonly exploration: EpsilonConfig;
  /** Dense ReLU layers between the observation and the LSTM. 004 "depth 3, kernels 64 32": [64]. */
  readonly preHiddenSizes: readonly number[];
  /** LSTM units; a linear layer maps them to one Q-value per joint action. 004: 32. */
  readonly lstmSize: number;
  /** Clip gradients to this global L2 norm (SB3 DQN: 10). */
  readonly maxGradNorm: number;
  /** TD loss: Huber (SB3) or squared error (004 eq. 15). */
  readonly loss: 'huber' | 'mse';
  /** Double-DQN targets. */
  readonly doubleQ: boolean;
}

/** Defaults for CartPole-sized tasks (DQN's SB3-style loop with a small recurrent net). */
export const DRQN_DEFAULTS: DrqnConfig = {
  learningRate: 1e-3,
  learningRateDecay: 0,
  bufferSize: 50_000,
  sequenceLength: 8,
  burnIn: 0,
  learningStarts: 1000,
  batchSize: 32,
  gamma: 0.99,
  trainFreq: 4,
  gradientSteps: 1,
  targetUpdateInterval: 500,
  exploration: { kind: 'linear', start: 1, end: 0.04, duration: 10_000 },
  preHiddenSizes: [64],
  lstmSize: 64,
  maxGradNorm: 10,
  loss: 'huber',
  doubleQ: false,
};

/** What a DRQN config may hold (`agentConfig.drqn` is checked against it, partially). */
export const DRQN_CONFIG_SCHEMA = z
  .object({
    ...valueBasedShape,
    sequenceLength: integerIn(1, 1000),
    burnIn: integerIn(0, 999),
    preHiddenSizes: z.array(integerIn(1, 4096)).max(8),
    lstmSize: integerIn(1, 4096),
  })
  .strict()
  .refine((c) => c.burnIn < c.sequenceLength, { message: 'burnIn must be smaller than sequenceLength', path: ['burnIn'] }) satisfies z.ZodType<DrqnConfig>;

/** Throws a `RangeError` naming the first bad field. */
export function validateDrqnConfig(c: DrqnConfig): void {
  checkConfig(DRQN_CONFIG_SCHEMA, c, 'DRQN');
}
