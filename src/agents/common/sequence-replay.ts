import type { RandomStream } from '../../random/index.ts';
import type { StateReader, StateWriter } from './checkpoint-state.ts';

/** Sizes of a {@link SequenceReplay}. */
export interface SequenceReplayConfig {
  /** Transitions kept (ring buffer). 004 Table 2 "size of the memory pool": 500. */
  readonly capacity: number;
  /** Floats per observation. */
  readonly observationSize: number;
  /** Integers per action (1 for a joint discrete index). */
  readonly actionSize: number;
  /** Steps per sampled sequence. 004 Table 2 "size of the memory step": 8. */
  readonly sequenceLength: number;
}

/**
 * A batch of `batchSize` sequences of `sequenceLength` steps, row-major `[batch, time, ...]`.
 * Each row holds consecutive transitions of one episode, left-aligned: real steps first, then
 * zero padding with `mask = 0` where the episode (or the stored history) ran out.
 */
export interface SequenceBatch {
  readonly batchSize: number;
  readonly sequenceLength: number;
  readonly observations: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly nextObservations: Float32Array;
  /** 1 where the transition ended in a terminal state (no bootstrap). */
  readonly terminated: Float32Array;
  /** 1 for real steps, 0 for padding. */
  readonly mask: Float32Array;
  /** 1 when the row starts at its episode's first step (the zero initial LSTM state is then exact). */
  readonly startsEpisode: Float32Array;
  /** Ring-buffer slot of each step, -1 for padding (for tests and prioritisation). */
  readonly slots: Int32Array;
}

/**
 * Replay memory for recurrent agents (DRQN, Hausknecht & Stone 2015). Transitions are stored in
 * arrival order, so an episode occupies a contiguous run of slots; every slot carries its
 * episode number, and a sampled sequence never crosses from one episode into another.
 * Sampling picks a uniformly random stored transition as the sequence's last step and walks back
 * at most `sequenceLength - 1` steps within the same episode, so every transition is a
 * sequence end equally often.
 */
export class SequenceReplay {
  readonly config: SequenceReplayConfig;
  private readonly obs: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly act: Int32Array;
  private readonly rew: Float32Array;
  private readonly term: Uint8Array;
  private readonly episode: Float64Array;
  private ptr = 0;
  private count = 0;
  /** Episode number of the transition most recently overwritten (the one just before the oldest). */
  private evictedEpisode = 0;
  private episodeNumber = 0;
  private episodeOpen = false;

  constructor(config: SequenceReplayConfig) {
    const { capacity, observationSize, actionSize } = config;
    for (const [k, v] of Object.entries(config)) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`SequenceReplay ${k} must be a positive integer, got ${v}`);
    }
    this.config = { ...config };
    this.obs = new Float32Array(capacity * observationSize);
    this.nextObs = new Float32Array(capacity * observationSize);
    this.act = new Int32Array(capacity * actionSize);
    this.rew = new Float32Array(capacity);
    this.term = new Uint8Array(capacity);
    this.episode = new Float64Array(capacity);
  }

  /** Stored transitions. */
  get size(): number {
    return this.count;
  }

  /** Episode number of the transition stored in `slot` (for tests). */
  episodeOf(slot: number): number {
    return this.episode[slot];
  }

  /** Append one transition; `terminated || truncated` closes the current episode. */
  add(
    observation: ArrayLike<number>,
    action: ArrayLike<number>,
    reward: number,
    nextObservation: ArrayLike<number>,
    terminated: boolean,
    truncated: boolean,
  ): void {
    const { capacity, observationSize: o, actionSize: a } = this.config;
    if (observation.length !== o || nextObservation.length !== o) throw new RangeError(`observation must have ${o} floats`);
    if (action.length !== a) throw new RangeError(`action must have ${a} integers`);
    if (!this.episodeOpen) {
      this.episodeNumber++;
      this.episodeOpen = true;
    }
    const i = this.ptr;
    if (this.count === capacity) this.evictedEpisode = this.episode[i];
    this.obs.set(observation, i * o);
    this.nextObs.set(nextObservation, i * o);
    this.act.set(action, i * a);
    this.rew[i] = reward;
    this.term[i] = terminated ? 1 : 0;
    this.episode[i] = this.episodeNumber;
    this.ptr = (i + 1) % capacity;
    this.count = Math.min(this.count + 1, capacity);
    if (terminated || truncated) this.episodeOpen = false;
  }

  /** Close the current episode (an external cut the transition flags did not show). */
  endEpisode(): void {
    this.episodeOpen = false;
  }

  /** Sample `batchSize` sequences (with replacement) using `random`. */
  sample(batchSize: number, random: RandomStream): SequenceBatch {
    if (this.count === 0) throw new Error('SequenceReplay.sample on an empty buffer');
    const { capacity, observationSize: o, actionSize: a, sequenceLength: L } = this.config;
    const n = batchSize * L;
    const b: SequenceBatch = {
      batchSize,
      sequenceLength: L,
      observations: new Float32Array(n * o),
      actions: new Int32Array(n * a),
      rewards: new Float32Array(n),
      nextObservations: new Float32Array(n * o),
      terminated: new Float32Array(n),
      mask: new Float32Array(n),
      startsEpisode: new Float32Array(batchSize),
      slots: new Int32Array(n).fill(-1),
    };
    // Oldest stored transition; chronological index c of slot s is (s - oldest) mod capacity.
    const oldest = this.count < capacity ? 0 : this.ptr;
    for (let r = 0; r < batchSize; r++) {
      const c = random.int(this.count);
      const end = (oldest + c) % capacity;
      let back = 0;
      while (back < L - 1 && back < c && this.episode[(end - back - 1 + capacity) % capacity] === this.episode[end]) back++;
      const start = (end - back + capacity) % capacity;
      const before = (start - 1 + capacity) % capacity;
      // Episode numbers start at 1, so with nothing evicted yet the oldest slot always starts one.
      const atStart = c - back === 0 ? this.evictedEpisode !== this.episode[end] : this.episode[before] !== this.episode[end];
      b.startsEpisode[r] = atStart ? 1 : 0;
      for (let t = 0; t <= back; t++) {
        const s = (start + t) % capacity;
        const k = r * L + t;
        b.observations.set(this.obs.subarray(s * o, (s + 1) * o), k * o);
        b.nextObservations.set(this.nextObs.subarray(s * o, (s + 1) * o), k * o);
        b.actions.set(this.act.subarray(s * a, (s + 1) * a), k * a);
        b.rewards[k] = this.rew[s];
        b.terminated[k] = this.term[s];
        b.mask[k] = 1;
        b.slots[k] = s;
      }
    }
    return b;
  }

  /** Checkpoints: the ring's rows, pointers and episode bookkeeping. */
  saveState(out: StateWriter): void {
    out.value('position', [this.ptr, this.count, this.evictedEpisode, this.episodeNumber, this.episodeOpen ? 1 : 0]);
    out.array('observations', this.obs);
    out.array('nextObservations', this.nextObs);
    out.array('actions', this.act);
    out.array('rewards', this.rew);
    out.array('terminated', this.term);
    out.array('episodes', this.episode);
  }

  loadState(from: StateReader): void {
    const [ptr, count, evicted, episode, open] = from.value('position') as number[];
    this.obs.set(from.array('observations', Float32Array, this.obs.length));
    this.nextObs.set(from.array('nextObservations', Float32Array, this.nextObs.length));
    this.act.set(from.array('actions', Int32Array, this.act.length));
    this.rew.set(from.array('rewards', Float32Array, this.rew.length));
    this.term.set(from.array('terminated', Uint8Array, this.term.length));
    this.episode.set(from.array('episodes', Float64Array, this.episode.length));
    [this.ptr, this.count, this.evictedEpisode, this.episodeNumber, this.episodeOpen] = [ptr, count, evicted, episode, open === 1];
  }
}
