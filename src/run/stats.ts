/** Mean and two-sided 95 % confidence interval (Student t) of a sample. */
export interface Interval {
  readonly mean: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
}

// Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom (standard tables).
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093,
  2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t quantile for a 95 % interval with `df` degrees of freedom (normal 1.96 beyond 30). */
export function tQuantile975(df: number): number {
  if (df < 1) return Infinity;
  return df <= 30 ? T975[df - 1] : 1.96;
}

/** `mean [lo, hi]` with `digits` decimals (report tables). */
export function formatInterval(i: Interval, digits: number): string {
  return `${i.mean.toFixed(digits)} [${i.ci95[0].toFixed(digits)}, ${i.ci95[1].toFixed(digits)}]`;
}

/** Mean with a t-based 95 % interval; a single value gives a zero-width interval. */
export function meanCi95(xs: readonly number[]): Interval {
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN], n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ci95: [mean, mean], n };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { mean, ci95: [mean - half, mean + half], n };
}
