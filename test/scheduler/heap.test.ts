import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventHeap } from '../../src/scheduler/heap.ts';

interface Keyed {
  readonly time: number;
  readonly phase: number;
  readonly seq: number;
}

const byKey = (a: Keyed, b: Keyed): number => a.time - b.time || a.phase - b.phase || a.seq - b.seq;

/** Few distinct times and phases, so ties (broken only by seq) are common. */
const timeArb = fc.oneof(fc.constantFrom(0, 0.1, 0.2, 1, 5), fc.double({ min: 0, max: 1e6, noNaN: true }));
const phaseArb = fc.constantFrom(0, 10, 20, 50, 90, 110);
const pushArb = fc.record({ time: timeArb, phase: phaseArb });

function popAll<T>(heap: EventHeap<T>): { keys: Keyed[]; items: T[] } {
  const keys: Keyed[] = [];
  const items: T[] = [];
  const out = { time: 0, phase: 0, seq: 0 };
  while (heap.size > 0) {
    const item = heap.pop(out) as T;
    keys.push({ ...out });
    items.push(item);
  }
  return { keys, items };
}

describe('EventHeap', () => {
  it('pops arbitrary pushes in (time, phase, seq) order, like a sorted reference', () => {
    fc.assert(
      fc.property(fc.array(pushArb, { maxLength: 300 }), (pushes) => {
        const heap = new EventHeap<number>(16);
        const reference: (Keyed & { id: number })[] = pushes.map((p, id) => ({ ...p, seq: heap.push(p.time, p.phase, id), id }));
        reference.sort(byKey);
        const { keys, items } = popAll(heap);
        expect(items).toEqual(reference.map((r) => r.id));
        expect(keys).toEqual(reference.map(({ time, phase, seq }) => ({ time, phase, seq })));
      }),
      { numRuns: 200 },
    );
  });

  it('hands out seq 0, 1, 2, ... in push order (ties keep insertion order)', () => {
    const heap = new EventHeap<string>();
    expect(heap.nextSeq).toBe(0);
    expect([heap.push(1, 5, 'a'), heap.push(1, 5, 'b'), heap.push(1, 5, 'c')]).toEqual([0, 1, 2]);
    expect(heap.nextSeq).toBe(3);
    expect(popAll(heap).items).toEqual(['a', 'b', 'c']);
  });

  it('matches a sorted-list model under interleaved push and pop', () => {
    const opArb = fc.oneof(pushArb.map((p) => ({ op: 'push' as const, ...p })), fc.constant({ op: 'pop' as const }));
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const heap = new EventHeap<number>(16);
        const model: (Keyed & { id: number })[] = [];
        const out = { time: 0, phase: 0, seq: 0 };
        ops.forEach((o, id) => {
          if (o.op === 'push') {
            model.push({ time: o.time, phase: o.phase, seq: heap.push(o.time, o.phase, id), id });
            return;
          }
          model.sort(byKey);
          const expected = model.shift();
          const got = heap.pop(out);
          if (expected === undefined) {
            expect(got).toBeUndefined();
          } else {
            expect(got).toBe(expected.id);
            expect(out).toEqual({ time: expected.time, phase: expected.phase, seq: expected.seq });
          }
          expect(heap.size).toBe(model.length);
          model.sort(byKey);
          expect(heap.peekTime()).toBe(model.length ? model[0].time : Infinity);
          expect(heap.peekPhase()).toBe(model.length ? model[0].phase : Infinity);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('grows past its initial capacity without losing or reordering items', () => {
    const heap = new EventHeap<number>(16);
    const n = 5000;
    // Descending times force every push to sift to the root, through several doublings.
    for (let i = 0; i < n; i++) heap.push(n - i, i % 3, i);
    expect(heap.size).toBe(n);
    const { keys, items } = popAll(heap);
    expect(items).toEqual(Array.from({ length: n }, (_, k) => n - 1 - k));
    for (let k = 1; k < n; k++) expect(byKey(keys[k - 1], keys[k])).toBeLessThan(0);
  });

  it('recycles freed slots: a long steady state with ~capacity pending stays ordered', () => {
    const heap = new EventHeap<number>(16);
    const out = { time: 0, phase: 0, seq: 0 };
    for (let i = 0; i < 16; i++) heap.push(i, 0, i);
    let last = -Infinity;
    let backwards = 0;
    for (let i = 16; i < 20_000; i++) {
      heap.pop(out);
      if (out.time < last) backwards++;
      last = out.time;
      // A hold-model step: each popped event schedules one more in the future.
      heap.push(out.time + 1 + (i % 7), 0, i);
    }
    expect(backwards).toBe(0);
    expect(heap.size).toBe(16);
  });

  it('is empty after clear(), keeps seq increasing, and is reusable', () => {
    const heap = new EventHeap<string>();
    heap.push(3, 0, 'x');
    heap.push(1, 0, 'y');
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.peekTime()).toBe(Infinity);
    expect(heap.pop({ time: 0, phase: 0, seq: 0 })).toBeUndefined();
    expect(heap.push(2, 0, 'z')).toBe(2);
    heap.push(0.5, 0, 'w');
    expect(popAll(heap).items).toEqual(['w', 'z']);
  });
});
