import type { RandomStream } from '../../random/index.ts';
import type { StateReader, StateWriter } from './checkpoint-state.ts';

/** Sizes of one stored transition. */
export interface ReplayBufferConfig {
  /** Most transitions kept; the oldest is overwritten once full (SB3 `buffer_size`). */
  readonly capacity: number;
  /** Floats per observation. */
  readonly observationSize: number;
  /** Floats per continuous action (0 for purely discrete agents). Default 0. */
  readonly continuousActionSize?: number;
  /** Ints per discrete action (1 for `Discrete`, `nvec.length` for `MultiDiscrete`). Default 0. */
  readonly discreteActionSize?: number;
}

/** One transition as the buffer stores it (the agent has already scaled/encoded the action). */
export interface StoredTransition {
  readonly observation: ArrayLike<number>;
  readonly continuousAction?: ArrayLike<number>;
  readonly discreteAction?: ArrayLike<number>;
  readonly reward: number;
  readonly nextObservation: ArrayLike<number>;
  /** Terminal state: no bootstrapping from `nextObservation`. */
  readonly terminated: boolean;
  /** Time-limit cut: bootstrapping continues (kept for agents that want it, e.g. recurrent ones). */
  readonly truncated?: boolean;
}

/**
 * A sampled mini-batch, row-major (`batchSize x width`). The arrays belong to the buffer and
 * are overwritten by the next `sample` call: copy them if they must outlive it.
 */
export interface ReplayBatch {
  readonly size: number;
  readonly observations: Float32Array;
  readonly continuousActions: Float32Array;
  readonly discreteActions: Int32Array;
  readonly rewards: Float32Array;
  readonly nextObservations: Float32Array;
  /** 1 where the transition ended in a terminal state, else 0 (ready to multiply: `1 - done`). */
  readonly terminated: Float32Array;
  /** 1 where the episode was cut by a time limit, else 0. */
  readonly truncated: Float32Array;
  /** Slot of each row in the ring (for sequence samplers and prioritised variants). */
  readonly indices: Int32Array;
}

/**
 * Uniform experience replay (DQN/DDPG/SAC style) over a fixed-capacity ring of typed arrays.
 * Sampling is with replacement, like SB3's `ReplayBuffer.sample`, and draws only from the
 * given `RandomStream`, so a run is reproducible from its seed.
 *
 * ```ts
 * const buf = new ReplayBuffer({ capacity: 10_000, observationSize: 3, continuousActionSize: 1 }, root.stream('agent/replay'));
 * buf.add({ observation, continuousAction, reward, nextObservation, terminated });
 * const batch = buf.sample(64); // batch.observations.length === 64 * 3
 * ```
 */
export class ReplayBuffer {
  readonly capacity: number;
  readonly observationSize: number;
  readonly continuousActionSize: number;
  readonly discreteActionSize: number;

  private readonly obs: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly contActs: Float32Array;
  private readonly discActs: Int32Array;
  private readonly rews: Float32Array;
  private readonly terms: Uint8Array;
  private readonly truncs: Uint8Array;
  private cursor = 0;
  private count = 0;
  private batch: ReplayBatch | undefined;

  constructor(
    config: ReplayBufferConfig,
    private readonly random: RandomStream,
  ) {
    const { capacity, observationSize } = config;
    const cont = config.continuousActionSize ?? 0;
    const disc = config.discreteActionSize ?? 0;
    for (const [k, v] of [['capacity', capacity], ['observationSize', observationSize], ['continuousActionSize', cont], ['discreteActionSize', disc]] as const) {
      if (!Number.isInteger(v) || v < 0 || (k === 'capacity' && v === 0)) throw new RangeError(`replay buffer ${k} must be a ${k === 'capacity' ? 'positive' : 'non-negative'} integer, got ${v}`);
    }
    this.capacity = capacity;
    this.observationSize = observationSize;
    this.continuousActionSize = cont;
    this.discreteActionSize = disc;
    this.obs = new Float32Array(capacity * observationSize);
    this.nextObs = new Float32Array(capacity * observationSize);
    this.contActs = new Float32Array(capacity * cont);
    this.discActs = new Int32Array(capacity * disc);
    this.rews = new Float32Array(capacity);
    this.terms = new Uint8Array(capacity);
    this.truncs = new Uint8Array(capacity);
  }

  /** Transitions currently stored (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /** Ring slot the next `add` writes to. */
  get position(): number {
    return this.cursor;
  }

  /** Store one transition, overwriting the oldest when full. Throws on wrong widths. */
  add(t: StoredTransition): void {
    const i = this.cursor;
    copyRow(this.obs, i, this.observationSize, t.observation, 'observation');
    copyRow(this.nextObs, i, this.observationSize, t.nextObservation, 'nextObservation');
    if (this.continuousActionSize > 0) copyRow(this.contActs, i, this.continuousActionSize, t.continuousAction, 'continuousAction');
    if (this.discreteActionSize > 0) copyRow(this.discActs, i, this.discreteActionSize, t.discreteAction, 'discreteAction');
    this.rews[i] = t.reward;
    this.terms[i] = t.terminated ? 1 : 0;
    this.truncs[i] = t.truncated ? 1 : 0;
    this.cursor = (i + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Draw `batchSize` slots uniformly with replacement. */
  sampleIndices(batchSize: number, out: Int32Array = new Int32Array(batchSize)): Int32Array {
    if (this.count === 0) throw new Error('cannot sample from an empty replay buffer');
    for (let b = 0; b < batchSize; b++) out[b] = this.random.int(this.count);
    return out;
  }

  /** A uniform mini-batch of `batchSize` rows (arrays reused between calls of the same size). */
  sample(batchSize: number): ReplayBatch {
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    const batch = this.batchOf(batchSize);
    this.sampleIndices(batchSize, batch.indices);
    this.gather(batch.indices, batch);
    return batch;
  }

  /** Copy the given ring slots into `out` (allocated when omitted). */
  gather(indices: Int32Array, out: ReplayBatch = this.allocate(indices.length)): ReplayBatch {
    const o = this.observationSize;
    const c = this.continuousActionSize;
    const d = this.discreteActionSize;
    for (let b = 0; b < indices.length; b++) {
      const i = indices[b];
      if (!(i >= 0 && i < this.count)) throw new RangeError(`replay index ${i} out of range [0, ${this.count})`);
      out.observations.set(this.obs.subarray(i * o, (i + 1) * o), b * o);
      out.nextObservations.set(this.nextObs.subarray(i * o, (i + 1) * o), b * o);
      if (c > 0) out.continuousActions.set(this.contActs.subarray(i * c, (i + 1) * c), b * c);
      if (d > 0) out.discreteActions.set(this.discActs.subarray(i * d, (i + 1) * d), b * d);
      out.rewards[b] = this.rews[i];
      out.terminated[b] = this.terms[i];
      out.truncated[b] = this.truncs[i];
      if (out.indices !== indices) out.indices[b] = i;
    }
    return out;
  }

  /** Forget every stored transition (capacity and sampling stream unchanged). */
  clear(): void {
    this.cursor = 0;
    this.count = 0;
  }

  private batchOf(size: number): ReplayBatch {
    if (this.batch?.size !== size) this.batch = this.allocate(size);
    return this.batch;
  }

  private allocate(size: number): ReplayBatch {
    return {
      size,
      observations: new Float32Array(size * this.observationSize),
      continuousActions: new Float32Array(size * this.continuousActionSize),
      discreteActions: new Int32Array(size * this.discreteActionSize),
      rewards: new Float32Array(size),
      nextObservations: new Float32Array(size * this.observationSize),
      terminated: new Float32Array(size),
      truncated: new Float32Array(size),
      indices: new Int32Array(size),
    };
  }

  /** Checkpoints: the stored rows (only the filled part of the ring), the cursor and the count. */
  saveState(out: StateWriter): void {
    const n = this.count;
    out.value('cursor', this.cursor);
    out.value('count', n);
    out.array('observations', this.obs.subarray(0, n * this.observationSize));
    out.array('nextObservations', this.nextObs.subarray(0, n * this.observationSize));
    out.array('continuousActions', this.contActs.subarray(0, n * this.continuousActionSize));
    out.array('discreteActions', this.discActs.subarray(0, n * this.discreteActionSize));
    out.array('rewards', this.rews.subarray(0, n));
    out.array('terminated', this.terms.subarray(0, n));
    out.array('truncated', this.truncs.subarray(0, n));
  }

  loadState(from: StateReader): void {
    const n = from.number('count');
    const cursor = from.number('cursor');
    if (!(Number.isInteger(n) && n >= 0 && n <= this.capacity && cursor >= 0 && cursor < this.capacity)) {
      throw new RangeError(`replay state: count ${n} / cursor ${cursor} do not fit capacity ${this.capacity}`);
    }
    this.obs.set(from.array('observations', Float32Array, n * this.observationSize));
    this.nextObs.set(from.array('nextObservations', Float32Array, n * this.observationSize));
    this.contActs.set(from.array('continuousActions', Float32Array, n * this.continuousActionSize));
    this.discActs.set(from.array('discreteActions', Int32Array, n * this.discreteActionSize));
    this.rews.set(from.array('rewards', Float32Array, n));
    this.terms.set(from.array('terminated', Uint8Array, n));
    this.truncs.set(from.array('truncated', Uint8Array, n));
    this.count = n;
    this.cursor = cursor;
  }
}

function copyRow(dst: Float32Array | Int32Array, row: number, width: number, src: ArrayLike<number> | undefined, what: string): void {
  if (!src || src.length !== width) throw new RangeError(`replay ${what} must have length ${width}, got ${src ? src.length : 'none'}`);
  const base = row * width;
  for (let k = 0; k < width; k++) dst[base + k] = src[k];
}
