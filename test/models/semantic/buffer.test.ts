import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compressedPacketBits, deliveredPackets, packetCapacity, stepBuffers } from '../../../src/models/semantic/buffer.ts';
import { bitPerSecond, bits, seconds } from '../../../src/units.ts';

const config = { slotLength: seconds(0.2), capacity: 6 }; // 003 Table I

/** Reference: a packet-by-packet FIFO, independent of the closed-form min/floor expressions. */
function packetByPacket(queue: number, capacityPackets: number, arrivals: number, vMax: number) {
  const fifo: string[] = Array.from({ length: queue }, () => 'old');
  let delivered = 0;
  while (delivered < capacityPackets && fifo.length > 0) {
    fifo.shift();
    delivered++;
  }
  let dropped = 0;
  for (let a = 0; a < arrivals; a++) {
    if (fifo.length < vMax) fifo.push('new');
    else dropped++;
  }
  return { delivered, dropped, queue: fifo.length };
}

describe('packet sizes (003 eqs. 12, 18-19)', () => {
  it('compresses the 0.2 Mbit packet by (1 - eta)', () => {
    expect(compressedPacketBits(0, bits(2e5))).toBe(2e5);
    expect(compressedPacketBits(0.5, bits(2e5))).toBe(1e5);
    expect(compressedPacketBits(0.75, bits(2e5))).toBe(5e4);
    expect(() => compressedPacketBits(1, bits(2e5))).toThrow(RangeError);
  });

  it('floors L R / b_hat and caps it by the queue', () => {
    // L R = 0.2 s * 1.5 Mbit/s = 300 kbit = 3 packets of 100 kbit
    expect(packetCapacity(seconds(0.2), bitPerSecond(1.5e6), bits(1e5))).toBe(3);
    // 0.2 * 1.49e6 = 298 kbit -> 2.98 -> 2 whole packets
    expect(packetCapacity(seconds(0.2), bitPerSecond(1.49e6), bits(1e5))).toBe(2);
    expect(deliveredPackets(seconds(0.2), bitPerSecond(1.5e6), bits(1e5), 2)).toBe(2);
    expect(deliveredPackets(seconds(0.2), bitPerSecond(1.5e6), bits(1e5), 5)).toBe(3);
    expect(deliveredPackets(seconds(0.2), bitPerSecond(Infinity), bits(1e5), 4)).toBe(4);
  });
});

describe('stepBuffers (003 eqs. 19-20): transmit, then arrivals, then overflow drop', () => {
  it('matches a hand-worked slot', () => {
    const r = stepBuffers(
      Int32Array.of(5, 5, 0, 6),
      Float64Array.of(1.5e6, 1.5e6, 1e12, 0),
      Float64Array.of(1e5, 1e5, 1e5, 1e5),
      Int32Array.of(4, 5, 3, 2),
      config,
    );
    // dev0: 3 leave, 5-3+4 = 6 fits. dev1: 5-3+5 = 7 -> 1 dropped. dev2: empty queue, new packets wait.
    // dev3: no rate, full buffer -> both arrivals dropped.
    expect(Array.from(r.delivered)).toEqual([3, 3, 0, 0]);
    expect(Array.from(r.dropped)).toEqual([0, 1, 0, 2]);
    expect(Array.from(r.queue)).toEqual([6, 6, 3, 6]);
  });

  it('conserves packets, bounds the queue and agrees with a packet-by-packet FIFO', () => {
    const device = fc.record({
      queue: fc.integer({ min: 0, max: 6 }),
      rate: fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constant(Infinity)),
      eta: fc.double({ min: 0, max: 0.99, noNaN: true }),
      arrivals: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(device, { minLength: 1, maxLength: 12 }), (devs) => {
        const queue = Int32Array.from(devs, (d) => d.queue);
        const rate = Float64Array.from(devs, (d) => d.rate);
        const size = Float64Array.from(devs, (d) => compressedPacketBits(d.eta, bits(2e5)));
        const arrivals = Int32Array.from(devs, (d) => d.arrivals);
        const r = stepBuffers(queue, rate, size, arrivals, config);
        for (let i = 0; i < devs.length; i++) {
          expect(arrivals[i]).toBe(r.delivered[i] + r.dropped[i] + (r.queue[i] - queue[i]));
          expect(r.queue[i]).toBeGreaterThanOrEqual(0);
          expect(r.queue[i]).toBeLessThanOrEqual(config.capacity);
          expect(r.delivered[i]).toBeLessThanOrEqual(queue[i]);
          expect(r.dropped[i]).toBeGreaterThanOrEqual(0);
          const cap = Math.floor((0.2 * rate[i]) / size[i]);
          expect({ delivered: r.delivered[i], dropped: r.dropped[i], queue: r.queue[i] }).toEqual(
            packetByPacket(queue[i], cap, arrivals[i], config.capacity),
          );
        }
      }),
    );
  });

  it('updates the queue in place when out.queue aliases the input', () => {
    const queue = Int32Array.of(4);
    const out = { delivered: new Int32Array(1), dropped: new Int32Array(1), queue };
    stepBuffers(queue, Float64Array.of(1e6), Float64Array.of(1e5), Int32Array.of(1), config, out);
    expect(queue[0]).toBe(3); // 2 leave (0.2 * 1e6 / 1e5), 1 arrives
    expect(out.delivered[0]).toBe(2);
  });

  it('rejects a queue above capacity, negative arrivals and mismatched lengths', () => {
    const one = Float64Array.of(1e5);
    expect(() => stepBuffers(Int32Array.of(7), one, one, Int32Array.of(0), config)).toThrow(/queue\[0\] = 7/);
    expect(() => stepBuffers(Int32Array.of(1), one, one, Int32Array.of(-1), config)).toThrow(/arrivals\[0\]/);
    expect(() => stepBuffers(Int32Array.of(1, 2), one, one, Int32Array.of(0), config)).toThrow(/lengths differ/);
    expect(() => stepBuffers(Int32Array.of(1), Float64Array.of(NaN), one, Int32Array.of(0), config)).toThrow(RangeError);
  });
});
