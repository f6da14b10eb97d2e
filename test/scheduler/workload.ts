import { interval, take, timer } from 'rxjs';
import type { Envelope, SimEvent } from '../../src/events/index.ts';
import { RootRandom } from '../../src/random/index.ts';
import type { SlotScheduler } from '../../src/scheduler/slot-scheduler.ts';
import { EVENT_TYPES, fullCatalogue, rankOf, sampleEvent, testScheduler } from '../events/samples.ts';

/** Event types with a phase of their own (not `inherit`). */
export const PHASED_TYPES = EVENT_TYPES.filter((t) => fullCatalogue().phaseOf(t) !== 'inherit');
export { rankOf };

/** The comparable part of an envelope (drops object identity). */
export function flat(e: Envelope): string {
  return `${e.seq}|${e.time}|${e.phase}|${e.actor}|${e.event.type}|${JSON.stringify(e.event.payload)}`;
}

/**
 * A reproducible, self-feeding workload: seeded initial emissions, handlers that emit
 * children with random types and delays (drawn in dispatch order, so any change of order
 * changes everything after it), and RxJS `interval`/`timer` work on the same queue.
 * Two workloads with the same seed must produce the same envelopes however they are run.
 */
export function buildWorkload(seed: number, size = 60): SlotScheduler {
  const s = testScheduler();
  const rng = new RootRandom(seed).stream('workload');
  const depth = new WeakMap<SimEvent, number>();
  const delays = [0, 0, 0.05, 0.2, 0.7];
  const emit = (actor: string, d: number): void => {
    const type = PHASED_TYPES[rng.int(PHASED_TYPES.length)];
    const delay = delays[rng.int(delays.length)];
    // Skip what would land in the past; the draw still happened, so the stream stays aligned.
    if (delay === 0 && rankOf(type, s.phases.rankOf(s.phase)) < s.phases.rankOf(s.phase)) return;
    const event = sampleEvent(type, rng.int(1000));
    depth.set(event, d);
    s.emit(actor, event, delay);
  };
  for (let i = 0; i < size; i++) emit(`src/${i % 3}`, 0);
  s.on(EVENT_TYPES, (event) => {
    const d = depth.get(event) ?? 2;
    if (d >= 2) return;
    const children = rng.int(3);
    for (let c = 0; c < children; c++) emit(`child/${d}`, d + 1);
  });
  interval(0.3, s)
    .pipe(take(8))
    .subscribe((i) => s.emit('rx/interval', sampleEvent('buffer.updated', i)));
  timer(0.45, s).subscribe(() => s.emit('rx/timer', sampleEvent('traffic.arrived', 99), 0.1));
  return s;
}
