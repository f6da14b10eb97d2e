import { testScheduler } from '../events/samples.ts';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventCatalogue, type KernelEvent } from '../../src/events/index.ts';
import { PhaseTable, phaseRank, type PhaseName } from '../../src/scheduler/phase.ts';
import { TOSCN_CATALOGUE } from '../../src/scenarios/toscn/events.ts';
import { SlotClock } from '../../src/scheduler/slot-clock.ts';
import { SlotScheduler } from '../../src/scheduler/slot-scheduler.ts';

/** One line of the combined log: a dispatched event or a phase tick. */
interface Entry {
  readonly what: string;
  readonly episode: number;
  readonly slot: number;
  readonly time: number;
  readonly phase: string;
  readonly payload?: Record<string, number>;
}

const TICK_PHASES: readonly PhaseName[] = ['channel', 'traffic', 'observation', 'decision', 'codec', 'transmission', 'reward'];

function setUp(L: number, N: number, phases: readonly PhaseName[], scheduler?: SlotScheduler): { s: SlotScheduler; clock: SlotClock; log: Entry[] } {
  const s = scheduler ?? testScheduler();
  const clock = new SlotClock(s, { slotLength: L, slotsPerEpisode: N });
  const log: Entry[] = [];
  s.events$.subscribe((e) =>
    log.push({ what: e.event.type, episode: e.episode, slot: e.slot, time: e.time, phase: e.phase, payload: e.event.payload as Record<string, number> }),
  );
  for (const phase of phases) {
    clock.onPhase(phase, (tick) => {
      expect(tick.phase).toBe(phase);
      log.push({ what: `tick ${phase}`, episode: s.episode, slot: tick.slot, time: s.now(), phase: s.phase });
    });
  }
  return { s, clock, log };
}

const lengthArb = fc.oneof(fc.constantFrom(0.2, 0.001, 1, 0.37, 1e-3 / 3), fc.double({ min: 1e-4, max: 100, noNaN: true }));

describe('SlotClock', () => {
  it('brackets each episode and slot, puts slot s at t0 + s L, and ticks every phase once per slot in rank order', () => {
    fc.assert(
      fc.property(
        lengthArb,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.subarray([...TICK_PHASES]),
        (L, N, E, phases) => {
          const { s, clock, log } = setUp(L, N, phases);
          const phaseOrder = [...phases].sort((a, b) => phaseRank(a) - phaseRank(b));
          let previousEnd = -Infinity;
          for (let e = 0; e < E; e++) {
            const from = log.length;
            clock.startEpisode(e, 100 + e);
            expect(clock.inEpisode).toBe(true);
            expect(s.run()).toBe('empty');
            expect(clock.inEpisode).toBe(false);
            const ep = log.slice(from);
            const t0 = ep[0].time;
            expect(ep[0]).toMatchObject({ what: 'episode.started', episode: e, slot: 0, payload: { episode: e, seed: 100 + e } });
            expect(ep.at(-1)).toMatchObject({ what: 'episode.ended', episode: e, slot: N - 1, payload: { episode: e, slots: N } });
            // Episodes follow each other without overlap, one episode length apart.
            expect(t0).toBeGreaterThan(previousEnd);
            if (e > 0) expect(t0).toBeCloseTo(e * N * L, 6);
            previousEnd = ep.at(-1)!.time;
            const perSlot = 2 + phases.length;
            expect(ep.length).toBe(2 + N * perSlot);
            for (let k = 0; k < N; k++) {
              const slot = ep.slice(1 + k * perSlot, 1 + (k + 1) * perSlot);
              expect(slot.map((x) => x.what)).toEqual(['slot.started', ...phaseOrder.map((p) => `tick ${p}`), 'slot.ended']);
              for (const x of slot) expect(x).toMatchObject({ episode: e, slot: k, time: t0 + k * L });
              expect(slot[0].payload).toEqual({ slot: k });
              expect(slot.at(-1)!.payload).toEqual({ slot: k });
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('starting the next episode from an episode.ended handler keeps episodes apart', () => {
    const { s, clock, log } = setUp(0.5, 4, ['channel']);
    s.on(['episode.ended'], (e) => {
      const { episode } = (e as KernelEvent<'episode.ended'>).payload;
      if (episode < 2) clock.startEpisode(episode + 1, 0);
    });
    clock.startEpisode(0, 0);
    s.run();
    const starts = log.filter((x) => x.what === 'episode.started').map((x) => x.time);
    expect(starts).toEqual([0, 2, 4]);
    const episodes = log.map((x) => x.episode);
    expect(episodes).toEqual([...episodes].sort((a, b) => a - b));
    expect(log.filter((x) => x.what === 'slot.started').map((x) => x.time)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5]);
  });

  it('an abandoned episode (clearQueue) still owns its time: the next one starts after its planned end', () => {
    const { s, clock, log } = setUp(1, 10, ['traffic']);
    clock.startEpisode(0, 0);
    s.run({ time: 3.5 });
    expect(clock.inEpisode).toBe(true);
    s.clearQueue();
    clock.startEpisode(1, 0);
    s.run();
    const ep1 = log.filter((x) => x.episode === 1);
    expect(ep1[0]).toMatchObject({ what: 'episode.started', time: 10 });
    expect(ep1.filter((x) => x.what === 'slot.started').map((x) => x.slot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(log.filter((x) => x.episode === 0 && x.what === 'episode.ended')).toEqual([]);
  });

  it('events of an episode that run past its end (a late decision) push the next start to the next free slot boundary', () => {
    for (const [lateBy, phase, expectedStart] of [
      [0, 'decision', 2.5],
      [0.5, 'decision', 3],
      [0.2, 'channel', 2.5],
      [0.7, 'rx', 3],
    ] as const) {
      const { s, clock, log } = setUp(0.5, 4, []);
      clock.startEpisode(0, 0);
      // The last slot is at 1.5 s; the episode's nominal end (next start) is 2 s.
      const late = {
        decision: { type: 'decision.made', payload: { episode: 0, forSlot: 3, agent: 'agent', action: {}, fallback: false } },
        channel: { type: 'channel.evolved', payload: { slot: 0, fading: [1] } },
      };
      if (phase === 'rx') s.schedule(() => undefined, 2 + lateBy);
      else s.on(['episode.ended'], () => s.emit('agent', late[phase], 2 + lateBy - 1.5));
      s.run();
      expect(s.now()).toBe(2 + lateBy);
      clock.startEpisode(1, 0);
      s.run();
      const starts = log.filter((x) => x.what === 'episode.started').map((x) => x.time);
      expect(starts).toEqual([0, expectedStart]);
    }
  });

  it('ticks a scenario-defined phase between the built-in ones', () => {
    const own = new SlotScheduler(new EventCatalogue(new PhaseTable([{ name: 'test.handover', rank: 25 }]), TOSCN_CATALOGUE));
    const { s, clock, log } = setUp(1, 2, ['traffic', 'test.handover', 'channel'], own);
    clock.startEpisode(0, 0);
    s.run();
    expect(log.filter((x) => x.slot === 1).map((x) => x.what)).toEqual([
      'slot.started',
      'tick channel',
      'tick test.handover',
      'tick traffic',
      'slot.ended',
      'episode.ended',
    ]);
  });

  it('rejects a non-positive slot length and a non-integer slot count', () => {
    const s = testScheduler();
    expect(() => new SlotClock(s, { slotLength: 0, slotsPerEpisode: 1 })).toThrow(RangeError);
    expect(() => new SlotClock(s, { slotLength: NaN, slotsPerEpisode: 1 })).toThrow(RangeError);
    expect(() => new SlotClock(s, { slotLength: 1, slotsPerEpisode: 0 })).toThrow(RangeError);
    expect(() => new SlotClock(s, { slotLength: 1, slotsPerEpisode: 2.5 })).toThrow(RangeError);
  });
});

describe('run({ slot })', () => {
  it('stops as the run crosses into the slot, before any of its events, for any target slot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.double({ min: 0.01, max: 2, noNaN: true }), (target, L) => {
        const s = testScheduler();
        const clock = new SlotClock(s, { slotLength: L, slotsPerEpisode: 10 });
        const seen: number[] = [];
        s.events$.subscribe((e) => seen.push(e.slot));
        clock.startEpisode(0, 1);
        expect(s.run({ slot: target })).toBe('slot');
        expect(s.slot).toBe(target);
        expect(s.now()).toBe(clock.slotTime(target));
        expect(Math.max(...seen)).toBe(target - 1);
        s.run({ maxItems: 1 });
        expect(seen.at(-1)).toBe(target);
      }),
      { numRuns: 50 },
    );
  });
});
