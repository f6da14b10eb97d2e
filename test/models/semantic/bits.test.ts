import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bitsToCodes, codesToBits, flipBits, packBits, unpackBits } from '../../../src/models/semantic/bits.ts';
import { sbqDecode } from '../../../src/models/semantic/sbq.ts';
import { RootRandom } from '../../../src/random/index.ts';

const codesOf = (n: number) => fc.array(fc.integer({ min: 0, max: 2 ** n - 1 }), { maxLength: 64 });

describe('bit streams for SBQ codes', () => {
  it('writes codes MSB first, one 0/1 per element, and packs 8 to a byte', () => {
    const b = codesToBits([5, 2], 3);
    expect(Array.from(b)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(packBits(b))).toEqual([0b10101000]);
    expect(Array.from(unpackBits(Uint8Array.of(0b10101000), 6))).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('codes -> bits -> codes and bits -> bytes -> bits round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }).chain((n) => fc.tuple(fc.constant(n), codesOf(n))), ([n, codes]) => {
        const b = codesToBits(codes, n);
        expect(b.length).toBe(codes.length * n);
        expect(Array.from(bitsToCodes(b, n))).toEqual(codes);
        expect(Array.from(unpackBits(packBits(b), b.length))).toEqual(Array.from(b));
      }),
    );
  });

  it('any (possibly flipped) bit pattern decodes to codes that fit and to finite features', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 192 }), (n, raw) => {
        const b = Uint8Array.from(raw.slice(0, raw.length - (raw.length % n)));
        const codes = bitsToCodes(b, n);
        for (const c of codes) expect(c).toBeLessThan(2 ** n);
        for (const v of sbqDecode(codes, n, 0.7)) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });

  it('rejects codes that do not fit, non-bits and ragged streams', () => {
    expect(() => codesToBits([8], 3)).toThrow(/code\[0\] = 8/);
    expect(() => bitsToCodes(Uint8Array.of(1, 2, 0), 3)).toThrow(/bit\[1\] = 2/);
    expect(() => bitsToCodes(Uint8Array.of(1, 0), 3)).toThrow(/multiple of 3/);
    expect(() => unpackBits(Uint8Array.of(0), 9)).toThrow(RangeError);
  });
});

describe('flipBits (binary symmetric channel)', () => {
  it('flips nothing at BER 0 and everything at BER 1', () => {
    const s = new RootRandom(1).stream('bsc');
    const b = Uint8Array.of(0, 1, 1, 0);
    expect(flipBits(b, 0, s)).toBe(0);
    expect(Array.from(b)).toEqual([0, 1, 1, 0]);
    expect(flipBits(b, 1, s)).toBe(4);
    expect(Array.from(b)).toEqual([1, 0, 0, 1]);
  });

  it('flips about BER * length bits, and the same seed flips the same bits', () => {
    const n = 100_000;
    const a = new Uint8Array(n);
    const flipped = flipBits(a, 0.1, new RootRandom(7).stream('bsc'));
    // Binomial(1e5, 0.1): std 94.9; allow 5 std.
    expect(Math.abs(flipped - 10_000)).toBeLessThan(475);
    let ones = 0;
    for (const x of a) ones += x;
    expect(ones).toBe(flipped);
    const again = new Uint8Array(n);
    flipBits(again, 0.1, new RootRandom(7).stream('bsc'));
    let differ = 0;
    for (let i = 0; i < n; i++) if (again[i] !== a[i]) differ++;
    expect(differ).toBe(0);
  });
});
