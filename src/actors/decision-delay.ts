import type { SlotClock, SlotScheduler } from '../scheduler/index.ts';

/** How late a decision arrives: whole slots on the slot grid, or seconds after the request. */
export type DecisionDelay = { readonly slots: number } | { readonly seconds: number };

/**
 * When the decision asked for in `slot` arrives: exactly `k` slots later on the slot grid for
 * a delay in slots (`SlotClock.slotTime`, no float drift), `now + seconds` for a delay in
 * seconds (it then acts at the next phase that reads decisions).
 */
export function decisionArrival(sim: { scheduler: SlotScheduler; clock: SlotClock }, delay: DecisionDelay): (slot: number) => number {
  if ('slots' in delay) {
    const k = delay.slots;
    return (slot) => sim.clock.slotTime(slot + k);
  }
  const s = delay.seconds;
  return () => sim.scheduler.now() + s;
}
