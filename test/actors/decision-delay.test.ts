import { describe, it, expect } from 'vitest';
import { buildToscn } from '../../src/scenarios/toscn/build.ts';
import { MemorySink, type TraceRecord } from '../../src/trace/index.ts';
import { runToscn, toscnParams } from './toscn-run.ts';

/** `[episode, slot, forSlot]` of every `decision.applied`. */
function applied(records: readonly TraceRecord[]): [number, number, number][] {
  return records.filter((r) => r.type === 'decision.applied').map((r) => [r.episode, r.slot, (r.payload as { forSlot: number }).forSlot]);
}

/** What a decision delay of k slots must give: the fallback (-1) for the first k slots, then slot - k. */
function expected(episodes: number, slots: number, k: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let e = 0; e < episodes; e++) for (let s = 0; s < slots; s++) out.push([e, s, s < k ? -1 : s - k]);
  return out;
}

/** Readable differences between applied and expected rows (empty when they agree). */
function mismatches(got: [number, number, number][], want: [number, number, number][]): string[] {
  const out = got.length === want.length ? [] : [`${got.length} decision.applied events, expected ${want.length}`];
  got.forEach(([e, s, f], i) => {
    const w = want[i];
    if (w && (w[0] !== e || w[1] !== s || w[2] !== f)) out.push(`episode ${e} slot ${s}: forSlot ${f}, expected episode ${w[0]} slot ${w[1]} forSlot ${w[2]}`);
  });
  return out;
}

/** Run mode: the agent host answers inside the simulation, `delay` seconds later. */
function runWithAgentHost(k: number, slotLength: number, episodes: number, slots: number): TraceRecord[] {
  const params = toscnParams({ slots, delaySlots: k, slotLength });
  const sink = new MemorySink();
  const sim = buildToscn(params, { sink, policy: (obs) => ({ continuous: Float32Array.from({ length: 3 * params.devices }, (_, i) => Math.tanh(obs[i % obs.length])) }) });
  for (let e = 0; e < episodes; e++) {
    sim.clock.startEpisode(e, 10 + e);
    sim.scheduler.run();
    sim.system.assertHealthy();
  }
  return [...sink.records];
}

// L = 0.25 s is exact in binary; L = 0.2 s (the paper's slot) is not, so slot s + k reached as
// (s L) + (k L) can land an ulp after the slot start computed as (s + k) L.
for (const L of [0.25, 0.2]) {
  describe(`decision delay with L = ${L} s`, () => {
    for (const k of [0, 1, 2, 3]) {
      it(`Gym mode, k = ${k}: one 60-slot episode applies the decision for slot - k, the fallback before`, () => {
        const { records } = runToscn({ seed: 3, episodes: 1, slots: 60, delaySlots: k, slotLength: L });
        expect(mismatches(applied(records), expected(1, 60, k))).toEqual([]);
      });
    }

    it('Gym mode, k = 1 and 2: every new episode starts again from the fallback (no decision leaks across reset)', () => {
      for (const k of [1, 2]) {
        const { records } = runToscn({ seed: 3, episodes: 3, slots: 8, delaySlots: k, slotLength: L });
        expect(mismatches(applied(records), expected(3, 8, k))).toEqual([]);
      }
    });

    it('run mode (agent host), k = 2: the same rule over two 40-slot episodes', () => {
      const records = runWithAgentHost(2, L, 2, 40);
      expect(mismatches(applied(records), expected(2, 40, 2))).toEqual([]);
      // Each slot's request is answered exactly once, k slots later (late answers to the last
      // slots run past the episode's end, so the next episode starts on a later slot boundary).
      const starts = records.filter((r) => r.type === 'episode.started').map((r) => r.time);
      expect(starts[1]).toBeGreaterThanOrEqual(40 * L + L);
      const made = records.filter((r) => r.type === 'decision.made');
      expect(made).toHaveLength(80);
      for (const r of made) expect(r.time).toBeCloseTo(starts[r.episode] + ((r.payload as { forSlot: number }).forSlot + 2) * L, 9);
    });
  });
}
