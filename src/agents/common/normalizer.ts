/** Options of a {@link RunningNormalizer}. */
export interface NormalizerConfig {
  /** Added to the variance before the square root (SB3 `VecNormalize` epsilon: 1e-8). */
  readonly epsilon?: number;
  /** Normalised values are clipped to [-clip, clip] (SB3 `VecNormalize` `clip_obs`: 10). */
  readonly clip?: number;
}

/** Serializable state of a normalizer (for `save`/`load`). */
export interface NormalizerState {
  readonly count: number;
  readonly mean: number[];
  readonly m2: number[];
}

/**
 * Per-dimension running mean and population variance by Welford's online algorithm, with
 * Chan et al.'s pairwise merge for batches, in float64 so that long runs do not drift.
 * Before any update the mean is 0 and the variance 1, so `normalize` is the identity
 * (up to `epsilon` and clipping).
 */
export class RunningNormalizer {
  readonly size: number;
  readonly epsilon: number;
  readonly clip: number;
  private n = 0;
  private readonly mu: Float64Array;
  private readonly m2: Float64Array;

  constructor(size: number, config: NormalizerConfig = {}) {
    if (!Number.isInteger(size) || size <= 0) throw new RangeError(`normalizer size must be a positive integer, got ${size}`);
    this.size = size;
    this.epsilon = config.epsilon ?? 1e-8;
    this.clip = config.clip ?? 10;
    this.mu = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }

  /** Samples seen so far. */
  get count(): number {
    return this.n;
  }

  /** Running mean (a copy). */
  get mean(): Float64Array {
    return Float64Array.from(this.mu);
  }

  /** Running population variance (divides by n; 1 before any sample). */
  get variance(): Float64Array {
    const v = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) v[i] = this.n > 0 ? this.m2[i] / this.n : 1;
    return v;
  }

  /** Add one sample. */
  update(x: ArrayLike<number>): void {
    this.check(x.length, 1);
    this.n++;
    for (let i = 0; i < this.size; i++) {
      const d = x[i] - this.mu[i];
      this.mu[i] += d / this.n;
      this.m2[i] += d * (x[i] - this.mu[i]);
    }
  }

  /** Add a row-major batch of `x.length / size` samples in one merge. */
  updateBatch(x: ArrayLike<number>): void {
    this.check(x.length, x.length / this.size);
    const nb = x.length / this.size;
    if (nb === 0) return;
    const total = this.n + nb;
    for (let i = 0; i < this.size; i++) {
      let bMean = 0;
      for (let r = 0; r < nb; r++) bMean += x[r * this.size + i];
      bMean /= nb;
      let bM2 = 0;
      for (let r = 0; r < nb; r++) {
        const d = x[r * this.size + i] - bMean;
        bM2 += d * d;
      }
      const delta = bMean - this.mu[i];
      this.mu[i] += (delta * nb) / total;
      this.m2[i] += bM2 + (delta * delta * this.n * nb) / total;
    }
    this.n = total;
  }

  /** `(x - mean) / sqrt(var + eps)`, clipped; writes into `out` (new array when omitted). */
  normalize(x: ArrayLike<number>, out: Float32Array = new Float32Array(x.length)): Float32Array {
    this.check(x.length, x.length / this.size);
    for (let k = 0; k < x.length; k++) {
      const i = k % this.size;
      const v = this.n > 0 ? this.m2[i] / this.n : 1;
      const z = (x[k] - this.mu[i]) / Math.sqrt(v + this.epsilon);
      out[k] = Math.min(this.clip, Math.max(-this.clip, z));
    }
    return out;
  }

  /** Snapshot for persistence. */
  state(): NormalizerState {
    return { count: this.n, mean: Array.from(this.mu), m2: Array.from(this.m2) };
  }

  /** Restore a snapshot taken by `state()`. */
  restore(s: NormalizerState): void {
    if (s.mean.length !== this.size || s.m2.length !== this.size) {
      throw new RangeError(`normalizer state has size ${s.mean.length}, expected ${this.size}`);
    }
    this.n = s.count;
    this.mu.set(s.mean);
    this.m2.set(s.m2);
  }

  private check(length: number, rows: number): void {
    if (length % this.size !== 0 || !Number.isInteger(rows)) {
      throw new RangeError(`normalizer expects a multiple of ${this.size} values, got ${length}`);
    }
  }
}
