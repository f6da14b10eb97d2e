import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimedQueue } from '../../../src/actors/packets/timed-queue.ts';
import { RootRandom } from '../../../src/random/index.ts';

/** 003 eq. 19 as the paper writes it: v = min(floor(L R / b_hat), queue). */
const eq19 = (L: number, R: number, b: number, q: number): number => Math.min(Math.floor((L * R) / b), q);

describe('TimedQueue.serveSlot without latencies is 003 eq. 19', () => {
  it('delivers min(floor(L R / b_hat), queue) packets, the k-th at t0 + k b_hat / R, all inside the slot', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.oneof(fc.double({ min: 0, max: 1e8, noNaN: true }), fc.constant(0)),
        fc.double({ min: 1, max: 2e6, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (queue, L, R, bits, t0) => {
          const times: number[] = [];
          const q = new TimedQueue(30, 'fifo', 'drop-newest', (kind, time) => kind === 'delivered' && times.push(time));
          q.reset(0);
          for (let i = 0; i < queue; i++) q.admit(t0 * (i / (queue + 1)), 0, bits);
          const sent = q.serveSlot({ start: t0, length: L, grantOffset: 0, rate: R, packetBits: bits, codecTime: () => 0 });
          expect(sent).toBe(eq19(L, R, bits, queue));
          expect(q.waiting).toBe(queue - sent);
          times.forEach((t, k) => {
            expect(t).toBeCloseTo(t0 + ((k + 1) * bits) / R, 6);
            expect(t).toBeLessThanOrEqual(t0 + L * (1 + 1e-12));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('latencies only take packets away: a grant delay and codec time never deliver more than eq. 19', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 1e5, max: 1e8, noNaN: true }), (queue, grant, codec, R) => {
        const q = new TimedQueue(20);
        q.reset(0);
        for (let i = 0; i < queue; i++) q.admit(0, 0, 2e5);
        const sent = q.serveSlot({ start: 0, length: 0.2, grantOffset: grant, rate: R, packetBits: 2e5, codecTime: () => codec });
        // By hand: the encoder runs ahead of the link, packet k is encoded at g + k c and sent
        // after both it is encoded and packet k-1 is sent; it counts if its last bit is out by L.
        let linkFree = 0;
        let expected = 0;
        for (let k = 1; k <= queue; k++) {
          const end = Math.max(grant + k * codec, linkFree) + 2e5 / R;
          if (end > 0.2) break;
          linkFree = end;
          expected = k;
        }
        expect(sent).toBe(expected);
        expect(sent).toBeLessThanOrEqual(eq19(0.2, R, 2e5, queue));
      }),
      { numRuns: 300 },
    );
  });
});

/** Random traffic through a queue, slotted or continuous, with drops and latencies; returns its summary. */
function randomRun(seed: number, slotted: boolean, capacity: number, policy: 'drop-newest' | 'drop-oldest', discipline: 'fifo' | 'lifo', slots: number) {
  const rng = new RootRandom(seed).stream('test');
  const q = new TimedQueue(capacity, discipline, policy);
  const L = 0.2;
  q.reset(0);
  const codec = (): number => rng.exponential(1 / 0.01);
  for (let s = 0; s < slots; s++) {
    const t0 = s * L;
    const arrivals = Array.from({ length: rng.poisson(3) }, () => t0 + rng.uniform() * L).sort((a, b) => a - b);
    if (slotted) {
      q.serveSlot({ start: t0, length: L, grantOffset: rng.uniform() * 0.05, rate: rng.uniformIn(1e6, 4e6), packetBits: 2e5, codecTime: codec });
      for (const t of arrivals) q.admit(t, 0, 2e5);
    } else {
      for (const t of arrivals) {
        q.advance(t, 3e6, codec);
        q.admit(t, 0, rng.exponential(1 / 2e5));
      }
      q.advance(t0 + L, 3e6, codec);
    }
    q.settle(t0);
  }
  if (!slotted) q.advance(slots * L, 3e6, codec);
  return q.summary(slots * L);
}

describe("Little's law over a window", () => {
  it('time-average number in system = accepted rate x mean sojourn (held packets counted to the end), any discipline and drop policy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<'drop-newest' | 'drop-oldest'>('drop-newest', 'drop-oldest'),
        fc.constantFrom<'fifo' | 'lifo'>('fifo', 'lifo'),
        (seed, slotted, capacity, policy, discipline) => {
          const s = randomRun(seed, slotted, capacity, policy, discipline, 200);
          expect(s.accepted).toBe(s.delivered + s.held + (policy === 'drop-oldest' ? s.dropped - (s.arrived - s.accepted) : 0));
          expect(s.meanInSystem).toBeGreaterThan(0);
          expect(Math.abs(s.meanInSystem - s.acceptedRate * s.meanSojourn)).toBeLessThan(1e-9 * Math.max(1, s.meanInSystem));
        },
      ),
      { numRuns: 200 },
    );
  });
});
