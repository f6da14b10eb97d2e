import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blankPacket, PacketStore } from '../../../src/actors/packets/packet-store.ts';
import { checkLatency, drawLatency } from '../../../src/actors/packets/latency.ts';
import { RootRandom } from '../../../src/random/index.ts';

describe('PacketStore', () => {
  it('agrees with a plain array deque under any mix of pushes and FIFO/LIFO takes (ring wrap included)', () => {
    const op = fc.oneof(fc.constant({ kind: 'push' as const }), fc.constantFrom({ kind: 'take' as const, d: 'fifo' as const }, { kind: 'take' as const, d: 'lifo' as const }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const store = new PacketStore(capacity);
        const model: number[] = [];
        const out = blankPacket();
        let next = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const id = next++;
            const ok = store.push(id, id * 0.1, id % 3, 100 + id, id * 0.1);
            expect(ok).toBe(model.length < capacity);
            if (ok) model.push(id);
          } else {
            const ok = store.take(o.d, out);
            expect(ok).toBe(model.length > 0);
            if (ok) {
              const id = o.d === 'fifo' ? model.shift()! : model.pop()!;
              expect(out).toEqual({ id, generated: id * 0.1, task: id % 3, sizeBits: 100 + id, enqueued: id * 0.1 });
            }
          }
          expect(store.size).toBe(model.length);
        }
      }),
    );
  });
});

describe('latency models', () => {
  it('constant draws nothing; exponential and uniform have their means; bad parameters are named', () => {
    const rng = new RootRandom(3).stream('t');
    const twin = new RootRandom(3).stream('t');
    expect(drawLatency({ kind: 'constant', seconds: 0.02 }, rng)).toBe(0.02);
    expect(rng.uniform()).toBe(twin.uniform()); // the constant left the stream where it was
    const n = 40_000;
    let e = 0;
    let u = 0;
    for (let i = 0; i < n; i++) {
      e += drawLatency({ kind: 'exponential', meanSeconds: 0.03 }, rng);
      const x = drawLatency({ kind: 'uniform', minSeconds: 0.01, maxSeconds: 0.05 }, rng);
      expect(x >= 0.01 && x <= 0.05).toBe(true);
      u += x;
    }
    // Standard errors: 0.03 / sqrt(n) = 1.5e-4 and 0.0115 / sqrt(n) = 5.8e-5; 5 of them.
    expect(Math.abs(e / n - 0.03)).toBeLessThan(7.5e-4);
    expect(Math.abs(u / n - 0.03)).toBeLessThan(2.9e-4);
    expect(() => checkLatency({ kind: 'uniform', minSeconds: 0.05, maxSeconds: 0.01 }, 'codecTime')).toThrow(/codecTime: need 0 <= minSeconds <= maxSeconds/);
    expect(() => checkLatency({ kind: 'constant', seconds: -1 }, 'codecTime')).toThrow(/codecTime.seconds/);
  });
});
