/**
 * Decision delay (SPEC section 1 "decision delay"; DESIGN "can arrive late"): with a delay of
 * k slots, the allocation applied in slot s of an episode must be the one decided from slot
 * s - k of the same episode, and the fallback while s < k.
 *
 * Two bugs this suite caught, now fixed: float drift (a decision queued at `now + k L` landed a
 * few ulps after its slot and missed it: decisions are now queued at `SlotClock.slotTime(s+k)`)
 * and an episode leak (late decisions of a finished episode blocked the next one: decisions
 * carry their episode and the controller drops others; `ToscnEnv.reset` clears the queue).
 */
import { describe, expect, it } from 'vitest';
import { caseParams, payloads, replay, runEpisodes, type ScenarioCase } from './toscn-harness.ts';

type Applied = { slot: number; forSlot: number };

/** For each episode, the forSlot of the allocation applied in each slot. */
function appliedForSlots(delaySlots: number, slots: number, episodes: number, seed = 1): number[][] {
  const c: ScenarioCase = { devices: 2, bandwidthMhz: 3, powerW: 0.2, vmax: 6, arrivalMean: 2, packetBits: 2e5, delaySlots, slots, seed };
  const trace = runEpisodes(caseParams(c), seed, episodes, replay([[0, 0, 0, 0, 0, 0]]));
  return Array.from({ length: episodes }, (_, ep) => payloads<Applied>(trace, 'decision.applied', ep).map((a) => a.forSlot));
}

const expected = (k: number, slots: number): number[] => Array.from({ length: slots }, (_, s) => (s < k ? -1 : s - k));

describe('decision delay', () => {
  it('applies the decision from exactly k slots earlier within an episode (L = 0.2 s)', () => {
    for (const k of [1, 2, 3]) expect(appliedForSlots(k, 12, 1)[0], `delay ${k} slots`).toEqual(expected(k, 12));
  });

  it('does not carry decisions over into the next episode', () => {
    for (const k of [1, 2]) {
      const [, second] = appliedForSlots(k, 5, 2);
      expect(second, `delay ${k} slots`).toEqual(expected(k, 5));
    }
  });
});
