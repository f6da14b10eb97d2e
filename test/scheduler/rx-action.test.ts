import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { delay, interval, observeOn, of, take, timer } from 'rxjs';
import { SlotScheduler } from '../../src/scheduler/slot-scheduler.ts';
import { sampleEvent, testScheduler } from '../events/samples.ts';

/** Records `[label, simulated time, phase]` for RxJS work and simulation events alike. */
function logged(s: SlotScheduler): { log: [string, number, string][]; note: (label: string) => void } {
  const log: [string, number, string][] = [];
  s.events$.subscribe((e) => log.push([`${e.event.type}#${e.actor}`, e.time, e.phase]));
  return { log, note: (label) => log.push([label, s.now(), s.phase]) };
}

describe('SlotScheduler as an RxJS SchedulerLike', () => {
  it('timer(0.5, sched) fires once at t = 0.5 s in the rx phase, and not before run()', () => {
    const s = testScheduler();
    const { log, note } = logged(s);
    timer(0.5, s).subscribe((v) => note(`timer ${v}`));
    expect(log).toEqual([]);
    expect(s.run()).toBe('empty');
    expect(log).toEqual([['timer 0', 0.5, 'rx']]);
    expect(s.now()).toBe(0.5);
  });

  it('timer(due, period) and interval(period) fire at due + k period', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }), fc.integer({ min: 1, max: 8 }), (due, period, n) => {
        const s = testScheduler();
        const timerTimes: number[] = [];
        const intervalTimes: number[] = [];
        timer(due, period, s).pipe(take(n)).subscribe(() => timerTimes.push(s.now()));
        interval(period, s).pipe(take(n)).subscribe(() => intervalTimes.push(s.now()));
        s.run();
        expect(timerTimes).toHaveLength(n);
        expect(intervalTimes).toHaveLength(n);
        timerTimes.forEach((t, k) => expect(t).toBeCloseTo(due + k * period, 9));
        intervalTimes.forEach((t, k) => expect(t).toBeCloseTo((k + 1) * period, 9));
      }),
      { numRuns: 60 },
    );
  });

  it('delay(d, sched) shifts every value by d simulated seconds, keeping their order', () => {
    const s = testScheduler();
    const { log, note } = logged(s);
    s.emit('x', sampleEvent('slot.started'), 1);
    s.on(['slot.started'], () => {
      of('a', 'b', 'c')
        .pipe(delay(0.3, s))
        .subscribe((v) => note(v));
    });
    s.run();
    expect(log.map(([l]) => l)).toEqual(['slot.started#x', 'a', 'b', 'c']);
    for (const [, t] of log.slice(1)) expect(t).toBeCloseTo(1.3, 12);
  });

  it('interleaves with simulation events in (time, phase) order: rx work runs after every slot phase of its instant', () => {
    const s = testScheduler();
    const { log, note } = logged(s);
    s.emit('a', sampleEvent('channel.evolved'), 0.4);
    s.emit('b', sampleEvent('slot.ended'), 0.5);
    s.emit('c', sampleEvent('episode.ended'), 0.5);
    s.emit('d', sampleEvent('slot.started'), 0.6);
    timer(0.5, s).subscribe(() => note('timer'));
    s.schedule(() => note('schedule 0.45'), 0.45);
    // Scheduled first but due at 0.5 in a slot phase: runs before the timer.
    s.emit('e', sampleEvent('channel.evolved'), 0.5);
    s.run();
    expect(log).toEqual([
      ['channel.evolved#a', 0.4, 'channel'],
      ['schedule 0.45', 0.45, 'rx'],
      ['channel.evolved#e', 0.5, 'channel'],
      ['slot.ended#b', 0.5, 'slot.end'],
      ['episode.ended#c', 0.5, 'episode.end'],
      ['timer', 0.5, 'rx'],
      ['slot.started#d', 0.6, 'slot.start'],
    ]);
  });

  it('events emitted from rx work with an inherited phase land in the rx phase', () => {
    const s = testScheduler();
    const { log } = logged(s);
    timer(0.2, s).subscribe(() => s.emit('buffer/0', sampleEvent('buffer.updated')));
    s.run();
    expect(log).toEqual([['buffer.updated#buffer/0', 0.2, 'rx']]);
  });

  it('observeOn(sched) defers synchronous values to the queue', () => {
    const s = testScheduler();
    const seen: number[] = [];
    of(1, 2, 3)
      .pipe(observeOn(s))
      .subscribe((v) => seen.push(v));
    expect(seen).toEqual([]);
    s.run();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('unsubscribing cancels pending work; rescheduling skips the stale entry', () => {
    const s = testScheduler();
    const fired: string[] = [];
    timer(1, s)
      .subscribe(() => fired.push('cancelled'))
      .unsubscribe();
    const action = s.schedule(function (state) {
      fired.push(`${state}@${s.now()}`);
    }, 2, 'first');
    // Rescheduling before it runs moves it; the entry queued for t = 2 must not run.
    (action as unknown as { schedule: (state: string, delay: number) => void }).schedule('moved', 3);
    s.run();
    expect(fired).toEqual(['moved@3']);
    expect(() => s.schedule(() => undefined, -1)).toThrow(RangeError);
    expect(() => s.schedule(() => undefined, Infinity)).toThrow(RangeError);
  });

  it('now() is the simulated clock in seconds', () => {
    const s = testScheduler();
    const seen: number[] = [];
    s.schedule(() => seen.push(s.now()), 12.5);
    s.run();
    expect(seen).toEqual([12.5]);
  });
});
