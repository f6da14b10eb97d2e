import { tQuantile975 } from './stats.ts';

/**
 * Whether a training curve has flattened out, judged on its tail:
 *
 * - the tail is the last 10 % of the training episodes, at least {@link MIN_TAIL} of them;
 * - a least-squares line is fitted to the episode returns of the tail;
 * - the curve is **unconverged** when the slope's 95 % t-interval excludes 0 (the tail still
 *   rises or falls, beyond its noise) *and* the fitted change across the tail, |slope| x
 *   (tail length - 1), exceeds {@link MATERIAL_CHANGE} of the curve's whole range
 *   (max - min of all returns), so a tiny but significant drift on a long flat tail is not flagged;
 * - a curve with fewer than 2 x {@link MIN_TAIL} episodes is too short to judge.
 */
export interface Convergence {
  readonly verdict: 'converged' | 'unconverged' | 'too-short';
  /** Episodes in the tail that was tested. */
  readonly tail: number;
  /** Fitted slope of the tail (return per episode) and its 95 % interval; null when too short. */
  readonly slope: number | null;
  readonly slopeCi95: readonly [number, number] | null;
  /** Fitted change across the tail as a fraction of the curve's range; null when too short. */
  readonly relativeChange: number | null;
}

export const MIN_TAIL = 5;
export const TAIL_FRACTION = 0.1;
export const MATERIAL_CHANGE = 0.05;

/** Tests the tail of a training curve (episode returns in order). */
export function convergenceOf(returns: readonly number[]): Convergence {
  const n = returns.length;
  const tail = Math.max(MIN_TAIL, Math.ceil(TAIL_FRACTION * n));
  if (n < 2 * MIN_TAIL || returns.some((r) => !Number.isFinite(r))) return { verdict: 'too-short', tail: Math.min(tail, n), slope: null, slopeCi95: null, relativeChange: null };
  const ys = returns.slice(n - tail);
  const xMean = (tail - 1) / 2;
  const yMean = ys.reduce((a, b) => a + b, 0) / tail;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < tail; i++) {
    sxx += (i - xMean) ** 2;
    sxy += (i - xMean) * (ys[i] - yMean);
  }
  const slope = sxy / sxx;
  let ssr = 0;
  for (let i = 0; i < tail; i++) ssr += (ys[i] - (yMean + slope * (i - xMean))) ** 2;
  const half = tQuantile975(tail - 2) * Math.sqrt(ssr / (tail - 2) / sxx);
  const range = Math.max(...returns) - Math.min(...returns);
  const relativeChange = range > 0 ? (Math.abs(slope) * (tail - 1)) / range : 0;
  const significant = Math.abs(slope) > half;
  const verdict = significant && relativeChange > MATERIAL_CHANGE ? 'unconverged' : 'converged';
  return { verdict, tail, slope, slopeCi95: [slope - half, slope + half], relativeChange };
}
