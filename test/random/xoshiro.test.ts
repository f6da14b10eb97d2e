import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Xoshiro128, hashString } from '../../src/random/xoshiro.ts';

const MASK = 0xffffffffn;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & MASK;

/** xoshiro128** written from the published algorithm with BigInt words, as an independent reference. */
function* reference(state: readonly [number, number, number, number]): Generator<number> {
  let [s0, s1, s2, s3] = state.map((x) => BigInt(x >>> 0));
  for (;;) {
    const result = (rotl((s1 * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s1 << 9n) & MASK;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11n);
    yield Number(result);
  }
}

describe('Xoshiro128', () => {
  it('gives 11520 first from state (1, 2, 3, 4): rotl(2 * 5, 7) * 9 by hand', () => {
    const g = new Xoshiro128(0);
    g.restore([1, 2, 3, 4]);
    expect(g.nextUint32()).toBe(11520);
  });

  it('matches the BigInt reference for arbitrary states', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.tuple(word, word, word, word).filter((s) => s.some((x) => x !== 0)), (state) => {
        const g = new Xoshiro128(0);
        g.restore(state);
        const ref = reference(state);
        for (let i = 0; i < 50; i++) expect(g.nextUint32()).toBe(ref.next().value);
      }),
      { numRuns: 100 },
    );
  });

  it('builds a double in [0, 1) from 27 + 26 bits of two successive words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const a = new Xoshiro128(seed);
        const b = new Xoshiro128(seed);
        for (let i = 0; i < 20; i++) {
          const d = a.nextDouble();
          const hi = b.nextUint32() >>> 5;
          const lo = b.nextUint32() >>> 6;
          expect(d).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThan(1);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('replays exactly from a snapshot, and never starts from the all-zero state', () => {
    const g = new Xoshiro128(123);
    for (let i = 0; i < 10; i++) g.nextUint32();
    const snap = g.snapshot();
    const first = Array.from({ length: 20 }, () => g.nextUint32());
    g.restore(snap);
    expect(Array.from({ length: 20 }, () => g.nextUint32())).toEqual(first);
    for (const seed of [0, 1, 0xffffffff]) expect(new Xoshiro128(seed).snapshot().some((w) => w !== 0)).toBe(true);
  });
});

describe('hashString', () => {
  it('is deterministic and depends on the seed', () => {
    expect(hashString('channel/u3')).toBe(hashString('channel/u3'));
    expect(hashString('channel/u3', 1)).not.toBe(hashString('channel/u3', 2));
  });

  it('gives distinct seeds to 3000 typical stream names (no collisions)', () => {
    const names: string[] = [];
    for (const kind of ['channel', 'traffic', 'placement', 'task', 'shadowing', 'agent']) {
      for (let u = 0; u < 500; u++) names.push(`${kind}/u${u}`);
    }
    expect(new Set(names.map((n) => hashString(n))).size).toBe(names.length);
  });

  it('avalanches: names differing in the last character differ in about half the bits', () => {
    let bits = 0;
    const pairs = 1000;
    for (let i = 0; i < pairs; i++) {
      const x = hashString(`stream/${i}a`) ^ hashString(`stream/${i}b`);
      for (let b = 0; b < 32; b++) bits += (x >>> b) & 1;
    }
    // Mean 16 of 32 bits; the sd of the average over 1000 pairs is ~0.09 bits.
    expect(bits / pairs).toBeGreaterThan(15.5);
    expect(bits / pairs).toBeLessThan(16.5);
  });
});
