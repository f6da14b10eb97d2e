import { Xoshiro128 } from './xoshiro.ts';

/**
 * One named stream of random draws. Every actor and purpose owns its own stream
 * (`channel/u3`, `traffic/u3`, `agent/explore`), so adding an actor never shifts the
 * draws of another (DESIGN.md "Randomness").
 */
export class RandomStream {
  private readonly gen: Xoshiro128;
  private spareNormal = NaN;

  constructor(
    readonly name: string,
    seed: number,
  ) {
    this.gen = new Xoshiro128(seed);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.gen.nextDouble();
  }

  /** Uniform in [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.gen.nextDouble();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.gen.nextDouble() * n);
  }

  /** A fresh 32-bit seed (for seeding libraries such as TF.js initialisers). */
  seed32(): number {
    return this.gen.nextUint32();
  }

  /** Standard normal N(0, 1) by the polar Box-Muller method (pairs cached). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + std * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.gen.nextDouble() - 1;
      v = 2 * this.gen.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return mean + std * u * f;
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate = 1): number {
    return -Math.log(1 - this.gen.nextDouble()) / rate;
  }

  /**
   * Poisson count with the given mean. Knuth's product method below mean 30,
   * Hörmann's PTRS transformed rejection above (exact, O(1) expected time).
   */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson mean must be finite and >= 0, got ${mean}`);
    if (mean === 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.gen.nextDouble();
      while (p > limit) {
        k++;
        p *= this.gen.nextDouble();
      }
      return k;
    }
    return this.poissonPtrs(mean);
  }

  private poissonPtrs(mean: number): number {
    const slam = Math.sqrt(mean);
    const logLam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.gen.nextDouble() - 0.5;
      const v = this.gen.nextDouble();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
      const rhs = -mean + k * logLam - logFactorial(k);
      if (lhs <= rhs) return k;
    }
  }

  /**
   * Circularly-symmetric complex Gaussian CN(0, variance): real and imaginary parts
   * are independent N(0, variance/2), so E|z|^2 = variance. Returns [re, im].
   */
  complexGaussian(variance = 1): [number, number] {
    const s = Math.sqrt(variance / 2);
    return [s * this.normal(), s * this.normal()];
  }

  /** Fills `out` with N(mean, std^2) draws. */
  fillNormal(out: Float64Array | Float32Array, mean = 0, std = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, std);
  }

  /** The stream's position (checkpoints): its generator state and the cached second normal (NaN if none). */
  snapshot(): { words: [number, number, number, number]; spareNormal: number } {
    return { words: this.gen.snapshot(), spareNormal: this.spareNormal };
  }

  /** Moves the stream to a position `snapshot` returned; the draws that follow are the ones that followed it. */
  restore(position: { words: readonly [number, number, number, number]; spareNormal: number }): void {
    this.gen.restore(position.words);
    this.spareNormal = position.spareNormal;
  }

  /** Fills `out` with U[lo, hi) draws. */
  fillUniform(out: Float64Array | Float32Array, lo = 0, hi = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.gen.nextDouble();
  }
}

const logFactorialTable: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = logFactorialTable.length; i <= k; i++) logFactorialTable[i] = logFactorialTable[i - 1] + Math.log(i);
    return logFactorialTable[k];
  }
  // Stirling series, ample accuracy for the PTRS acceptance test at k >= 256.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
}
