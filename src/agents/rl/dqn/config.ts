import { z } from 'zod';
import { checkConfig, hiddenSizes, integerIn, offPolicyShape, valueBasedShape } from '../../common/config-schema.ts';
import type { EpsilonConfig } from '../../common/epsilon.ts';
import type { HiddenActivation } from '../../common/mlp.ts';

/**
 * Hyperparameters of {@link Dqn} (Mnih et al. 2015). Field names follow SB3's `DQN`; the
 * defaults ({@link DQN_DEFAULTS}) are RL Baselines3 Zoo's tuned CartPole-v1 set
 * (`hyperparams/dqn.yml`), which reaches the maximal return 500.
 */
export interface DqnConfig {
  /** Adam step size. SB3 default 1e-4; Zoo CartPole 2.3e-3. */
  readonly learningRate: number;
  /** Keras-style time decay `lr / (1 + decay * updates)`. SB3: 0 (constant); 004 Table 2: 1e-4. */
  readonly learningRateDecay: number;
  /**
   * Env steps over which the step size falls linearly to 0, as RL Zoo's `lin_<lr>` schedules
   * (SB3 sets `lr * progress_remaining` before each training round of a run this long);
   * 0 keeps it constant. Multiplies `learningRateDecay`'s factor when both are set. SB3: 0.
   */
  readonly learningRateAnnealSteps: number;
  /** Replay capacity in transitions. SB3 1e6; Zoo CartPole 1e5; 004 Table 2: 500. */
  readonly bufferSize: number;
  /** Env steps of uniformly random actions before learning. SB3 100; Zoo CartPole 1000. */
  readonly learningStarts: number;
  /** Mini-batch size. SB3 32; Zoo CartPole 64; 004 Table 2: 32. */
  readonly batchSize: number;
  /** Discount. SB3 0.99; 004 Table 2: 0.5. */
  readonly gamma: number;
  /** Train every this many env steps. SB3 4; Zoo CartPole 256. */
  readonly trainFreq: number;
  /** Gradient steps per training round. SB3 1; Zoo CartPole 128. */
  readonly gradientSteps: number;
  /** Env steps between target-network updates. SB3 1e4; Zoo CartPole 10; 004 Table 2: 100. */
  readonly targetUpdateInterval: number;
  /** Target update weight (1 = hard copy). SB3: 1. */
  readonly tau: number;
  /** Epsilon-greedy schedule. SB3: linear 1 -> 0.05 over 10 % of training; Zoo CartPole 1 -> 0.04 over 16 % of 5e4 steps. */
  readonly exploration: EpsilonConfig;
  /** Hidden layer widths. SB3 [64, 64]; Zoo CartPole [256, 256]; 004 Table 2 "depth 3, kernels 64 32": [64, 32]. */
  readonly hiddenSizes: readonly number[];
  /** Hidden nonlinearity. SB3 and 004: ReLU. */
  readonly activation: HiddenActivation;
  /** Clip gradients to this global L2 norm. SB3: 10. */
  readonly maxGradNorm: number;
  /** TD loss: SB3 uses Huber (`smooth_l1_loss`); 004 eq. (15) is the squared error. */
  readonly loss: 'huber' | 'mse';
  /** Double-DQN targets (van Hasselt et al. 2016): the online net picks a', the target net values it. DQN: false. */
  readonly doubleQ: boolean;
}

/** RL Baselines3 Zoo's DQN set for CartPole-v1 (SB3 defaults elsewhere). */
export const DQN_DEFAULTS: DqnConfig = {
  learningRate: 2.3e-3,
  learningRateDecay: 0,
  learningRateAnnealSteps: 0,
  bufferSize: 100_000,
  learningStarts: 1000,
  batchSize: 64,
  gamma: 0.99,
  trainFreq: 256,
  gradientSteps: 128,
  targetUpdateInterval: 10,
  tau: 1,
  exploration: { kind: 'linear', start: 1, end: 0.04, duration: 8000 },
  hiddenSizes: [256, 256],
  activation: 'relu',
  maxGradNorm: 10,
  loss: 'huber',
  doubleQ: false,
};

/** What a DQN (and D3QN) config may hold (`agentConfig.<agent>` is checked against it, partially). */
export const DQN_CONFIG_SCHEMA = z
  .object({
    ...valueBasedShape,
    learningRateAnnealSteps: integerIn(0, 1e9),
    tau: offPolicyShape.tau,
    hiddenSizes,
    activation: z.enum(['relu', 'tanh']),
  })
  .strict() satisfies z.ZodType<DqnConfig>;

/** Check a resolved config, naming the first bad field. */
export function validateDqnConfig(c: DqnConfig): void {
  checkConfig(DQN_CONFIG_SCHEMA, c, 'DQN');
}
