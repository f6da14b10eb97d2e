import { describe, it, expect } from 'vitest';
import { runPaced } from '../../src/scheduler/realtime-pacing.ts';
import type { SlotScheduler, StopCondition } from '../../src/scheduler/slot-scheduler.ts';
import { sampleEvent } from '../events/samples.ts';
import { buildWorkload, flat } from './workload.ts';

/** Fast enough that no wait is ever longer than a millisecond for these workloads. */
const FAST = 1e7;

function collect(s: SlotScheduler): string[] {
  const out: string[] = [];
  s.events$.subscribe((e) => out.push(flat(e)));
  return out;
}

describe('runPaced', () => {
  it('processes a workload in the same order as run()', async () => {
    for (const seed of [1, 2, 3]) {
      const a = buildWorkload(seed);
      const b = buildWorkload(seed);
      const ra = collect(a);
      const rb = collect(b);
      expect(a.run()).toBe('empty');
      expect(await runPaced(b, FAST)).toBe('empty');
      expect(rb.length).toBeGreaterThan(100);
      expect(rb).toEqual(ra);
      expect(b.now()).toBe(a.now());
    }
  });

  const stops: [string, StopCondition][] = [
    ['time', { time: 1.1 }],
    ['predicate', { predicate: (e) => e.event.type === 'reward.computed' && e.time > 0.5 }],
    ['maxItems', { maxItems: 37 }],
  ];
  for (const [name, stop] of stops) {
    it(`stops where run() stops on ${name}, and resumes identically`, async () => {
      const a = buildWorkload(5);
      const b = buildWorkload(5);
      const ra = collect(a);
      const rb = collect(b);
      const reasonA = a.run(stop);
      const reasonB = await runPaced(b, FAST, stop);
      expect(reasonB).toBe(reasonA);
      expect(reasonA).toBe(name);
      expect([b.processed, b.now(), b.pending]).toEqual([a.processed, a.now(), a.pending]);
      expect(rb).toEqual(ra);
      a.run();
      await runPaced(b, FAST);
      expect(rb).toEqual(ra);
    });
  }

  it('paces: 1 simulated second at speed 50 takes at least ~20 ms of wall-clock time', async () => {
    const s = buildWorkload(9, 5);
    s.emit('x', sampleEvent('slot.ended'), 1);
    const t0 = performance.now();
    await runPaced(s, 50, { time: 1 });
    const wallMs = performance.now() - t0;
    expect(s.now()).toBe(1);
    // Timers may fire up to ~1 ms early; the bound leaves room for that.
    expect(wallMs).toBeGreaterThanOrEqual(15);
  });

  it('rejects a speed that is not a finite positive number', async () => {
    for (const speed of [0, -1, NaN, Infinity]) {
      await expect(runPaced(buildWorkload(1, 1), speed)).rejects.toThrow(RangeError);
    }
  });
});
