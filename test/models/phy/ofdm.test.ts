import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  assignmentError,
  assignmentFromPermutation,
  assignmentMatrix,
  factorial,
  isValidAssignment,
  permutationFromIndex,
  validateAssignment,
} from '../../../src/models/phy/ofdm.ts';

describe('OFDM subchannel assignment (paper 001 (18d)-(18e))', () => {
  it('enumerates all n! permutations, distinct and in lexicographic order', () => {
    for (const n of [1, 3, 4]) {
      const seen = new Set<string>();
      let prev = '';
      for (let i = 0; i < factorial(n); i++) {
        const p = permutationFromIndex(i, n);
        expect(isValidAssignment(p, n)).toBe(true);
        const key = Array.from(p).join(',');
        expect(key > prev).toBe(true);
        prev = key;
        seen.add(key);
      }
      expect(seen.size).toBe(factorial(n));
    }
    expect(Array.from(permutationFromIndex(3, 3))).toEqual([1, 2, 0]);
    expect(() => permutationFromIndex(6, 3)).toThrow(RangeError);
  });

  it('any prefix of a permutation is valid; its 0/1 matrix has one 1 per user and at most one per subchannel', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((c) =>
          fc.record({ c: fc.constant(c), idx: fc.integer({ min: 0, max: factorial(c) - 1 }), u: fc.integer({ min: 0, max: c }) }),
        ),
        ({ c, idx, u }) => {
          const a = assignmentFromPermutation(permutationFromIndex(idx, c), u);
          expect(a.length).toBe(u);
          const rho = assignmentMatrix(a, c);
          for (let k = 0; k < u; k++) expect(rho.slice(k * c, (k + 1) * c).reduce((s, v) => s + v, 0)).toBe(1);
          for (let ch = 0; ch < c; ch++) {
            let col = 0;
            for (let k = 0; k < u; k++) col += rho[k * c + ch];
            expect(col).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('detects shared subchannels, out-of-range indices and too many users', () => {
    expect(assignmentError([0, 0, 1], 3)).toMatch(/more than one/);
    expect(assignmentError([0, 3], 3)).toMatch(/outside/);
    expect(assignmentError([0, 1.5], 3)).toMatch(/outside/);
    expect(assignmentError([0, 1, 2, 3], 3)).toMatch(/cannot/);
    expect(isValidAssignment([2, 0, 1], 3)).toBe(true);
    expect(() => validateAssignment([1, 1], 2)).toThrow(RangeError);
    expect(() => assignmentFromPermutation([0, 0, 1])).toThrow(RangeError);
  });

  it('a random assignment is valid iff its entries are distinct and in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 7 }), (c, a) => {
        const ok = a.length <= c && new Set(a).size === a.length && a.every((x) => x >= 0 && x < c);
        expect(isValidAssignment(a, c)).toBe(ok);
      }),
    );
  });
});
