import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Envelope, SimEvent } from '../../src/events/index.ts';
import type { KitEventOf } from '../../src/actors/kit-events.ts';
import { EventCatalogue } from '../../src/events/index.ts';
import { phaseRank } from '../../src/scheduler/phase.ts';
import { SlotScheduler } from '../../src/scheduler/slot-scheduler.ts';
import { EVENT_TYPES, fullCatalogue, sampleEvent, testScheduler } from '../events/samples.ts';

type EventType = string;
const phaseOfType = (t: string): string => fullCatalogue().phaseOf(t);
import { buildWorkload, flat, rankOf } from './workload.ts';

const delayArb = fc.oneof(fc.constant(0), fc.constantFrom(0.1, 0.2, 0.5, 1), fc.double({ min: 0, max: 10, noNaN: true }));
const emissionArb = fc.record({ type: fc.constantFrom(...EVENT_TYPES), delay: delayArb });
const treeArb = fc.array(fc.record({ type: fc.constantFrom(...EVENT_TYPES), delay: delayArb, children: fc.array(emissionArb, { maxLength: 4 }) }), {
  maxLength: 40,
});

interface Expected {
  readonly time: number;
  readonly rank: number;
  readonly heapSeq: number;
  readonly actor: string;
}

describe('SlotScheduler order', () => {
  it('dispatches arbitrary (nested) emissions in strict (time, phase, seq) order, each once, where and when it was due', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const s = testScheduler();
        const expected = new Map<SimEvent, Expected>();
        const children = new Map<SimEvent, readonly { type: EventType; delay: number }[]>();
        const emit = (actor: string, type: EventType, delay: number): SimEvent | undefined => {
          const current = phaseRank(s.phase);
          const rank = rankOf(type, current);
          const time = s.now() + delay;
          const event = sampleEvent(type, expected.size);
          // Independent statement of the rule: nothing may land before the item being processed.
          const inPast = time < s.now() || (time === s.now() && rank < current);
          if (inPast) {
            expect(() => s.emit(actor, event, delay)).toThrow(/time never goes backwards/);
            return undefined;
          }
          expected.set(event, { time, rank, heapSeq: s.emit(actor, event, delay), actor });
          return event;
        };
        s.on(EVENT_TYPES, (event) => {
          for (const c of children.get(event) ?? []) emit(`child/${event.type}`, c.type, c.delay);
        });
        const seen: Envelope[] = [];
        const sub = s.events$.subscribe((e) => seen.push(e));
        for (const node of tree) {
          const e = emit('root', node.type, node.delay);
          if (e) children.set(e, node.children);
        }
        expect(s.run()).toBe('empty');
        sub.unsubscribe();

        expect(seen.length).toBe(expected.size);
        expect(new Set(seen.map((e) => e.event)).size).toBe(seen.length);
        let prev: Expected | undefined;
        seen.forEach((env, i) => {
          const want = expected.get(env.event)!;
          expect(env.seq).toBe(i);
          expect(env.time).toBe(want.time);
          expect(phaseRank(env.phase)).toBe(want.rank);
          expect(env.actor).toBe(want.actor);
          if (prev) {
            const increasing =
              prev.time < want.time ||
              (prev.time === want.time && (prev.rank < want.rank || (prev.rank === want.rank && prev.heapSeq < want.heapSeq)));
            expect(increasing).toBe(true);
          }
          prev = want;
        });
        expect(s.dispatched).toBe(seen.length);
        expect(s.processed).toBe(seen.length);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an event of a type its catalogue does not know, naming the type', () => {
    const s = new SlotScheduler(new EventCatalogue());
    expect(() => s.emit('x', { type: 'relay.forwarded', payload: {} })).toThrow(/unknown event type 'relay.forwarded'/);
    expect(() => s.emit('x', sampleEvent('slot.started'))).not.toThrow();
  });

  it('runs the phases of one instant in rank order whatever the emission order', () => {
    const s = testScheduler();
    const phased = EVENT_TYPES.filter((t) => phaseOfType(t) !== 'inherit');
    for (const t of [...phased].reverse()) s.emit('x', sampleEvent(t), 1);
    const phases: string[] = [];
    s.events$.subscribe((e) => phases.push(e.phase));
    s.run();
    const ranks = phases.map(phaseRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(new Set(phased.map(phaseOfType)).size);
    expect(phases[0]).toBe('episode.start');
    expect(phases.at(-1)).toBe('episode.end');
  });

  it('gives inherit-phase events the phase they are emitted in', () => {
    const s = testScheduler();
    s.on(['traffic.arrived'], () => s.emit('buffer/0', sampleEvent('buffer.updated')));
    s.emit('device/0', sampleEvent('traffic.arrived'), 0.2);
    s.emit('clock', sampleEvent('slot.ended'), 0.2);
    const seen: Envelope[] = [];
    s.events$.subscribe((e) => seen.push(e));
    s.run();
    expect(seen.map((e) => [e.event.type, e.phase, e.time])).toEqual([
      ['traffic.arrived', 'traffic', 0.2],
      ['buffer.updated', 'traffic', 0.2],
      ['slot.ended', 'slot.end', 0.2],
    ]);
  });
});

describe('SlotScheduler guards', () => {
  it('refuses to schedule in the past: negative or NaN delay, an earlier phase now, a past tick', () => {
    const s = testScheduler();
    const errors: unknown[] = [];
    let first = true;
    s.on(['reward.computed'], () => {
      if (!first) return;
      first = false;
      for (const f of [
        () => s.emit('x', sampleEvent('channel.evolved')),
        () => s.emit('x', sampleEvent('slot.ended'), -1e-9),
        () => s.emit('x', sampleEvent('slot.ended'), NaN),
        () => s.tickAt(0.5, 'slot.end', []),
        () => s.tickAt(1, 'traffic', []),
      ]) {
        try {
          f();
        } catch (err) {
          errors.push(err);
        }
      }
      // Same instant, same or later phase, and any later time stay legal.
      s.emit('x', sampleEvent('reward.computed', 1));
      s.emit('x', sampleEvent('slot.ended'));
      s.emit('x', sampleEvent('channel.evolved'), 1e-6);
    });
    s.emit('x', sampleEvent('reward.computed'), 1);
    expect(s.run()).toBe('empty');
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(String(e)).toMatch(/time never goes backwards/);
    expect(s.dispatched).toBe(4);
    expect(() => s.tickAt(0, 'channel', [])).toThrow(/time never goes backwards/);
    expect(() => s.tickAt(2, 'no-such-phase', [])).toThrow(/unknown phase/);
  });
});

describe('SlotScheduler subscriptions', () => {
  it('ofType delivers exactly the events of that type, typed', () => {
    fc.assert(
      fc.property(fc.array(emissionArb.filter((e) => phaseOfType(e.type) !== 'inherit'), { maxLength: 60 }), (emissions) => {
        const s = testScheduler();
        for (const e of emissions) s.emit('x', sampleEvent(e.type), e.delay);
        const packets: number[] = [];
        const types = new Set<string>();
        s.ofType<KitEventOf<'traffic.arrived'>>('traffic.arrived').subscribe((e) => {
          types.add(e.event.type);
          packets.push(e.event.payload.packets);
        });
        s.run();
        expect(packets.length).toBe(emissions.filter((e) => e.type === 'traffic.arrived').length);
        expect([...types].every((t) => t === 'traffic.arrived')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('calls onDispatch, then events$, then handlers in subscription order; on() returns an unsubscribe', () => {
    const s = testScheduler();
    const log: string[] = [];
    s.onDispatch = (e) => log.push(`dispatch ${e.seq}`);
    s.events$.subscribe((e) => log.push(`stream ${e.seq}`));
    s.on(['slot.started'], () => log.push('h1'));
    const off = s.on(['slot.started', 'slot.ended'], () => log.push('h2'));
    s.emit('c', sampleEvent('slot.started'));
    s.run();
    off();
    s.emit('c', sampleEvent('slot.started'));
    s.emit('c', sampleEvent('slot.ended'));
    s.run();
    expect(log).toEqual(['dispatch 0', 'stream 0', 'h1', 'h2', 'dispatch 1', 'stream 1', 'h1', 'dispatch 2', 'stream 2']);
  });
});

describe('SlotScheduler stop conditions', () => {
  const atTimes = (times: number[]): SlotScheduler => {
    const s = testScheduler();
    times.forEach((t, i) => s.emit('x', sampleEvent('traffic.arrived', i), t));
    return s;
  };

  it('time: processes items up to and including the limit, then resumes', () => {
    const s = atTimes([0, 1, 2, 3]);
    expect(s.run({ time: 1.5 })).toBe('time');
    expect([s.dispatched, s.now(), s.pending, s.peekTime()]).toEqual([2, 1, 2, 2]);
    expect(s.run({ time: 2 })).toBe('time');
    expect([s.dispatched, s.now()]).toEqual([3, 2]);
    expect(s.run()).toBe('empty');
    expect([s.dispatched, s.now(), s.peekTime()]).toEqual([4, 3, Infinity]);
  });

  it('predicate: stops right after the matching event', () => {
    const s = atTimes([0, 1, 2, 3]);
    const reason = s.run({ predicate: (e) => e.event.type === 'traffic.arrived' && (e.event as KitEventOf<'traffic.arrived'>).payload.user === 1 });
    expect(reason).toBe('predicate');
    expect([s.dispatched, s.now(), s.pending]).toEqual([2, 1, 2]);
  });

  it('maxItems: processes exactly that many queue items (ticks count too)', () => {
    const s = atTimes([0, 1, 2, 3]);
    s.tickAt(0.5, 'channel', [() => undefined]);
    expect(s.run({ maxItems: 0 })).toBe('maxItems');
    expect(s.processed).toBe(0);
    expect(s.run({ maxItems: 3 })).toBe('maxItems');
    expect([s.processed, s.dispatched, s.now()]).toEqual([3, 2, 1]);
    expect(s.run({ maxItems: 10 })).toBe('empty');
    expect(s.processed).toBe(5);
  });

  it('the first condition met wins', () => {
    expect(atTimes([0, 1, 2, 3]).run({ time: 2.5, maxItems: 2 })).toBe('maxItems');
    expect(atTimes([0, 1, 2, 3]).run({ time: 0.5, maxItems: 2 })).toBe('time');
    expect(atTimes([0, 1, 2, 3]).run({ time: 5, predicate: () => true })).toBe('predicate');
  });

  it('a run chopped into arbitrary maxItems chunks gives the same envelopes as one run', () => {
    const whole = buildWorkload(11);
    const reference: string[] = [];
    whole.events$.subscribe((e) => reference.push(flat(e)));
    whole.run();
    expect(reference.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), (chunks) => {
        const s = buildWorkload(11);
        const got: string[] = [];
        s.events$.subscribe((e) => got.push(flat(e)));
        let i = 0;
        while (s.run({ maxItems: chunks[i++ % chunks.length] }) === 'maxItems');
        expect(got).toEqual(reference);
      }),
      { numRuns: 30 },
    );
  });

  it('clearQueue drops pending items but keeps the clock', () => {
    const s = atTimes([0, 1, 2]);
    s.run({ time: 1 });
    s.clearQueue();
    expect([s.pending, s.now(), s.run()]).toEqual([0, 1, 'empty']);
    expect(s.dispatched).toBe(2);
  });
});
