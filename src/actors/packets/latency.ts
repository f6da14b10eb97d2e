import type { RandomStream } from '../../random/index.ts';

/**
 * A per-packet processing time (e.g. semantic codec inference on a device): a constant, or a
 * distribution drawn per packet from the owner's own stream. Seconds.
 */
export type LatencyModel =
  | { readonly kind: 'constant'; readonly seconds: number }
  | { readonly kind: 'exponential'; readonly meanSeconds: number }
  | { readonly kind: 'uniform'; readonly minSeconds: number; readonly maxSeconds: number };

/** No processing time. */
export const ZERO_LATENCY: LatencyModel = { kind: 'constant', seconds: 0 };

/** Checks a latency model; throws a RangeError naming the bad field. */
export function checkLatency(m: LatencyModel, what = 'latency'): void {
  const ok = (x: number): boolean => Number.isFinite(x) && x >= 0;
  if (m.kind === 'constant' && !ok(m.seconds)) throw new RangeError(`${what}.seconds must be finite and >= 0, got ${m.seconds}`);
  if (m.kind === 'exponential' && !ok(m.meanSeconds)) throw new RangeError(`${what}.meanSeconds must be finite and >= 0, got ${m.meanSeconds}`);
  if (m.kind === 'uniform' && !(ok(m.minSeconds) && ok(m.maxSeconds) && m.minSeconds <= m.maxSeconds)) {
    throw new RangeError(`${what}: need 0 <= minSeconds <= maxSeconds (finite), got [${m.minSeconds}, ${m.maxSeconds}]`);
  }
}

/** True when the model never takes time (no draws are made for it). */
export function isZeroLatency(m: LatencyModel): boolean {
  return (m.kind === 'constant' && m.seconds === 0) || (m.kind === 'exponential' && m.meanSeconds === 0) || (m.kind === 'uniform' && m.maxSeconds === 0);
}

/** The mean of a latency model, seconds. */
export function meanLatency(m: LatencyModel): number {
  if (m.kind === 'constant') return m.seconds;
  if (m.kind === 'exponential') return m.meanSeconds;
  return (m.minSeconds + m.maxSeconds) / 2;
}

/** One draw (a constant draws nothing from `rng`, so it never shifts the stream). */
export function drawLatency(m: LatencyModel, rng: RandomStream | undefined): number {
  if (m.kind === 'constant' || isZeroLatency(m)) return m.kind === 'constant' ? m.seconds : 0;
  if (!rng) throw new Error('drawLatency: a random latency needs a stream');
  if (m.kind === 'exponential') return rng.exponential(1 / m.meanSeconds);
  return rng.uniformIn(m.minSeconds, m.maxSeconds);
}
