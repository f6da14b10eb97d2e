/**
 * When the replay-based discrete agents (DQN, DRQN, discrete and hybrid SAC) train and refresh
 * their target networks. Both follow SB3's `OffPolicyAlgorithm` and count env steps, not calls,
 * so an agent whose `update` is called late catches up once instead of training per call.
 */

/**
 * SB3's rollout schedule with `train_freq` in steps: a training round ends every `trainFreq`
 * env steps and trains once `steps > learningStarts`. A round that ends during warm-up is
 * skipped, not caught up, so with `update` called after every step training happens exactly
 * at the steps `t` with `t % trainFreq === 0` and `t > learningStarts`.
 *
 * This is not the schedule of `ContinuousOffPolicyAgent` (DDPG/TD3/SAC), which counts
 * `trainFreq` transitions since its last update and so can train at any step past warm-up.
 */
export class TrainRounds {
  private trainedRound = 0;

  /**
   * @param trainFreq env steps per round (SB3 `train_freq`), a positive integer
   * @param learningStarts warm-up steps without training (SB3 `learning_starts`)
   */
  constructor(
    readonly trainFreq: number,
    readonly learningStarts: number,
  ) {}

  /**
   * Whether a round has ended since the last training one, past warm-up, with data in replay.
   * `true` marks that round as trained, so the caller must train when it gets `true`.
   */
  due(steps: number, replaySize: number): boolean {
    const round = Math.floor(steps / this.trainFreq);
    if (steps <= this.learningStarts) this.trainedRound = round;
    if (round <= this.trainedRound || replaySize === 0) return false;
    this.trainedRound = round;
    return true;
  }

  /** Checkpoints: the last round trained. */
  get state(): number {
    return this.trainedRound;
  }

  set state(round: number) {
    this.trainedRound = round;
  }
}

/**
 * SB3 DQN's target schedule (`target_update_interval`, checked in `_on_step`): the target
 * network is refreshed whenever a multiple of `interval` env steps has passed since the last
 * refresh, independently of the training rounds.
 */
export class TargetRefresh {
  private lastStep = 0;

  /** @param interval env steps between refreshes, a positive integer */
  constructor(readonly interval: number) {}

  /** Whether the target is due at `steps`; `true` records the refresh, so the caller must do it. */
  due(steps: number): boolean {
    if (steps - this.lastStep < this.interval) return false;
    // Align to the multiple just passed, so a late call does not shift later refreshes.
    this.lastStep = steps - (steps % this.interval);
    return true;
  }

  /** Checkpoints: the step of the last refresh. */
  get state(): number {
    return this.lastStep;
  }

  set state(step: number) {
    this.lastStep = step;
  }
}
