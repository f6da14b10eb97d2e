/**
 * Per-buffer packet statistics over an observation window (an episode): delay samples and
 * their percentiles, the time-average number of packets in the system from the exact
 * step function N(t), and the time-average age of information at the receiver from the exact
 * sawtooth. Every quantity is integrated from events, not sampled at slot boundaries.
 */

/** A growable list of numbers over a typed array. */
export class Samples {
  private data = new Float64Array(64);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  clear(): void {
    this.length = 0;
  }

  mean(): number {
    if (this.length === 0) return NaN;
    let s = 0;
    for (let i = 0; i < this.length; i++) s += this.data[i];
    return s / this.length;
  }

  /** Nearest-rank percentiles (p in (0, 1]): the smallest sample with at least a fraction p at or below it. NaN when empty. */
  percentiles(ps: readonly number[]): number[] {
    if (this.length === 0) return ps.map(() => NaN);
    const sorted = this.data.slice(0, this.length).sort();
    return ps.map((p) => sorted[Math.min(this.length, Math.max(1, Math.ceil(p * this.length))) - 1]);
  }
}

/**
 * The integral of a step function N(t) built from +1/-1 changes that may be reported out of
 * time order within a window (a slot's departures are computed before its arrivals are
 * admitted). Changes are held until `integrateTo(T)` sorts and folds those at or before T.
 */
export class StepIntegral {
  private times = new Float64Array(64);
  private deltas = new Int32Array(64);
  private pending = 0;
  private level = 0;
  private at = 0;
  /** The integral of N over [start, at]. */
  area = 0;

  reset(start: number): void {
    this.pending = 0;
    this.level = 0;
    this.at = start;
    this.area = 0;
  }

  change(time: number, delta: number): void {
    if (this.pending === this.times.length) {
      const t = new Float64Array(this.times.length * 2);
      const d = new Int32Array(this.times.length * 2);
      t.set(this.times);
      d.set(this.deltas);
      this.times = t;
      this.deltas = d;
    }
    this.times[this.pending] = time;
    this.deltas[this.pending++] = delta;
  }

  /** Folds every change at or before `end` into the area, in time order, and integrates up to `end`. */
  integrateTo(end: number): void {
    const n = this.pending;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => this.times[a] - this.times[b]);
    let kept = 0;
    const keepT: number[] = [];
    const keepD: number[] = [];
    for (const i of order) {
      const t = this.times[i];
      if (t > end) {
        keepT.push(t);
        keepD.push(this.deltas[i]);
        kept++;
        continue;
      }
      if (t < this.at) throw new RangeError(`step integral: a change at t=${t} is before the integrated time ${this.at}`);
      this.area += this.level * (t - this.at);
      this.at = t;
      this.level += this.deltas[i];
    }
    this.area += this.level * (end - this.at);
    this.at = end;
    for (let k = 0; k < kept; k++) {
      this.times[k] = keepT[k];
      this.deltas[k] = keepD[k];
    }
    this.pending = kept;
  }
}

/**
 * Age of information at a receiver: Delta(t) = t - u(t), u(t) the generation time of the
 * freshest packet received by t. Between receptions the age grows with slope 1, so the area
 * of each trapezoid is exact. Receptions must come in time order; an older packet than the
 * freshest one received leaves the age unchanged (it carries no new information).
 */
export class AgeOfInformation {
  private freshest = 0;
  private at = 0;
  private start = 0;
  /** The integral of Delta over [start, at]. */
  area = 0;

  /** Starts a window at `start` with the age `initialAge` (0: as if a fresh update arrived then). */
  reset(start: number, initialAge = 0): void {
    this.start = start;
    this.at = start;
    this.freshest = start - initialAge;
    this.area = 0;
  }

  private advance(t: number): void {
    if (t < this.at) throw new RangeError(`age of information: a reception at t=${t} is before t=${this.at}`);
    this.area += (t - this.at) * (t + this.at - 2 * this.freshest) * 0.5;
    this.at = t;
  }

  receive(time: number, generated: number): void {
    this.advance(time);
    if (generated > this.freshest) this.freshest = generated;
  }

  /** The time-average age over [start, end]. */
  averageTo(end: number): number {
    this.advance(end);
    return end > this.start ? this.area / (end - this.start) : 0;
  }
}
