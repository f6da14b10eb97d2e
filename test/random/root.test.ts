import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RootRandom } from '../../src/random/root.ts';
import type { RandomStream } from '../../src/random/stream.ts';

/** A mix of every draw method, so a change in any of them shows. */
function draws(s: RandomStream, n = 12): number[] {
  const out: number[] = [];
  const buf = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    out.push(s.uniform(), s.uniformIn(-2, 5), s.int(10), s.normal(1, 2), s.exponential(3), s.poisson(4), s.poisson(60), s.seed32());
    out.push(...s.complexGaussian(2));
    s.fillNormal(buf);
    out.push(...buf);
    s.fillUniform(buf, 1, 2);
    out.push(...buf);
  }
  return out;
}

const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const nameArb = fc.string({ minLength: 1, maxLength: 12 });

describe('RootRandom', () => {
  it('same seed and name give the same draws', () => {
    fc.assert(
      fc.property(seedArb, nameArb, (seed, name) => {
        expect(draws(new RootRandom(seed).stream(name))).toEqual(draws(new RootRandom(seed).stream(name)));
      }),
      { numRuns: 50 },
    );
  });

  it("a stream's draws do not depend on which other streams exist, were created first or were used", () => {
    fc.assert(
      fc.property(seedArb, fc.uniqueArray(nameArb, { minLength: 2, maxLength: 6 }), fc.nat(), (seed, names, pick) => {
        const target = names[pick % names.length];
        const alone = draws(new RootRandom(seed).stream(target));
        for (const order of [names, [...names].reverse()]) {
          const root = new RootRandom(seed);
          // Create and drain the others (before and after the target is created) to shift anything shared.
          for (const n of order) if (n !== target) draws(root.stream(n), 3);
          const t = root.stream(target);
          for (const n of order) if (n !== target) draws(root.stream(n), 2);
          expect(draws(t)).toEqual(alone);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('adding actors (streams named like channel/u<i>) leaves existing ones untouched', () => {
    const perActor = (D: number): number[][] => {
      const root = new RootRandom(7);
      const streams = Array.from({ length: D }, (_, u) => root.stream(`channel/u${u}`));
      // Interleaved use, as actors draw slot by slot.
      const out: number[][] = streams.map(() => []);
      for (let slot = 0; slot < 5; slot++) streams.forEach((s, u) => out[u].push(...draws(s, 1)));
      return out;
    };
    expect(perActor(7).slice(0, 6)).toEqual(perActor(6));
  });

  it('caches a stream per name: asking again continues the same sequence', () => {
    const root = new RootRandom(3);
    const a = root.stream('x');
    expect(root.stream('x')).toBe(a);
    const first = a.uniform();
    const fresh = new RootRandom(3).stream('x');
    expect(fresh.uniform()).toBe(first);
    expect(root.stream('x').uniform()).toBe(fresh.uniform());
  });

  it('different seeds, names or children give different streams', () => {
    const head = (s: RandomStream): number[] => [s.seed32(), s.seed32(), s.seed32()];
    expect(head(new RootRandom(1).stream('a'))).not.toEqual(head(new RootRandom(2).stream('a')));
    expect(head(new RootRandom(1).stream('a'))).not.toEqual(head(new RootRandom(1).stream('b')));
    const root = new RootRandom(1);
    expect(head(root.child('eval').stream('a'))).not.toEqual(head(root.stream('a')));
    expect(head(root.child('eval').stream('a'))).toEqual(head(new RootRandom(1).child('eval').stream('a')));
    expect(root.child('eval').seed).not.toBe(root.child('train').seed);
  });

  it('rejects seeds that are not 32-bit unsigned integers', () => {
    for (const bad of [-1, 1.5, 2 ** 32, NaN, Infinity]) expect(() => new RootRandom(bad)).toThrow(RangeError);
    expect(() => new RootRandom(0)).not.toThrow();
    expect(() => new RootRandom(2 ** 32 - 1)).not.toThrow();
  });
});
