import type { SlotScheduler, StopCondition, StopReason } from './slot-scheduler.ts';

/**
 * The one module that reads wall-clock time (lint exception): runs a scheduler paced so
 * that `speed` simulated seconds pass per wall-clock second, for live viewing. Events are
 * processed in exactly the same order as an unpaced run, so traces are identical.
 */
export async function runPaced(scheduler: SlotScheduler, speed: number, stop: StopCondition = {}): Promise<StopReason> {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a finite number > 0, got ${speed}`);
  const wallStart = performance.now();
  const simStart = scheduler.now();
  // maxItems counts over the whole paced run, not per instant.
  let itemsLeft = stop.maxItems ?? Infinity;
  for (;;) {
    const next = scheduler.peekTime();
    if (next === Infinity) return 'empty';
    const dueWallMs = ((next - simStart) / speed) * 1000;
    const waitMs = dueWallMs - (performance.now() - wallStart);
    if (waitMs > 1) await new Promise((resolve) => setTimeout(resolve, waitMs));
    // Run everything due at this instant, then yield back to pace the next one.
    const limit = stop.time ?? Infinity;
    if (next > limit) return 'time';
    const before = scheduler.processed;
    const reason = scheduler.run({ ...stop, time: next, maxItems: itemsLeft });
    itemsLeft -= scheduler.processed - before;
    if (reason !== 'time') return reason;
  }
}

/**
 * Wall-clock milliseconds, for displays only (progress bars: rate and ETA). This module is
 * the single place in src/ allowed to read the wall clock; simulations never depend on it.
 */
export function wallClockMs(): number {
  return performance.now();
}
