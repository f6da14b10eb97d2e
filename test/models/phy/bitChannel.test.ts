import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { flipBits } from '../../../src/models/phy/bitChannel.ts';
import { qam16BerExact } from '../../../src/models/phy/qam16.ts';
import { RootRandom } from '../../../src/random/index.ts';

function randomBits(n: number, seed: number): Uint8Array {
  const rng = new RootRandom(seed).stream('bits');
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.uniform() < 0.5 ? 1 : 0;
  return b;
}

function hamming(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i] ^ b[i];
  return d;
}

describe('flipBits', () => {
  it('returns the Hamming distance it caused and keeps bits binary, for both channel kinds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 203 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.oneof(
          fc.record({ kind: fc.constant('bsc' as const), ber: fc.double({ min: 0, max: 1, noNaN: true }) }),
          fc.record({ kind: fc.constant('qam16' as const), esN0: fc.double({ min: 0.1, max: 100, noNaN: true }) }),
        ),
        (n, seed, channel) => {
          const before = randomBits(n, seed);
          const bits = before.slice();
          const flips = flipBits(bits, channel, new RootRandom(seed).stream('ch'));
          expect(flips).toBe(hamming(before, bits));
          expect(bits.every((b) => b === 0 || b === 1)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('bsc: ber 0 never flips, ber 1 always flips, ber 0.1 flips about 10 %', () => {
    const bits = randomBits(100_000, 1);
    const rng = new RootRandom(2).stream('bsc');
    expect(flipBits(bits.slice(), { kind: 'bsc', ber: 0 }, rng)).toBe(0);
    expect(flipBits(bits.slice(), { kind: 'bsc', ber: 1 }, rng)).toBe(bits.length);
    const rate = flipBits(bits.slice(), { kind: 'bsc', ber: 0.1 }, rng) / bits.length;
    expect(Math.abs(rate - 0.1)).toBeLessThan(5 * Math.sqrt((0.1 * 0.9) / bits.length));
    expect(() => flipBits(bits, { kind: 'bsc', ber: 1.5 }, rng)).toThrow(RangeError);
  });

  it('qam16: the flip rate follows the exact 16-QAM BER, and a clean channel flips nothing', () => {
    const bits = randomBits(400_002, 3); // not a multiple of 4: padded internally
    const esN0 = Math.pow(10, 0.8);
    const rate = flipBits(bits.slice(), { kind: 'qam16', esN0 }, new RootRandom(4).stream('q')) / bits.length;
    const p = qam16BerExact(esN0);
    expect(Math.abs(rate - p)).toBeLessThan(5 * Math.sqrt((2 * p * (1 - p)) / bits.length));
    expect(flipBits(bits.slice(), { kind: 'qam16', esN0: 1e6 }, new RootRandom(5).stream('q'))).toBe(0);
  });

  it('is deterministic for a seed', () => {
    const a = randomBits(1000, 9);
    const b = a.slice();
    flipBits(a, { kind: 'qam16', esN0: 3 }, new RootRandom(10).stream('d'));
    flipBits(b, { kind: 'qam16', esN0: 3 }, new RootRandom(10).stream('d'));
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
