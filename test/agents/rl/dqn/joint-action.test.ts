import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { discrete, multiDiscrete, box } from '../../../../src/agents/common/spaces.ts';
import { argmax, decodeJointAction, encodeJointAction, jointActionCount } from '../../../../src/agents/rl/dqn/joint-action.ts';

describe('joint discrete actions', () => {
  it('counts the product space', () => {
    expect(jointActionCount(discrete(5))).toBe(5);
    expect(jointActionCount(multiDiscrete([7, 19]))).toBe(133);
    expect(() => jointActionCount(box(2, -1, 1))).toThrow(TypeError);
  });

  it('decode is a bijection onto the space and encode inverts it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), (nvec) => {
        const space = multiDiscrete(nvec);
        const n = jointActionCount(space);
        const seen = new Set<string>();
        for (let i = 0; i < n; i++) {
          const a = decodeJointAction(space, i);
          a.discrete!.forEach((v, k) => expect(v >= 0 && v < nvec[k]).toBe(true));
          seen.add(Array.from(a.discrete!).join(','));
          expect(encodeJointAction(space, a)).toBe(i);
        }
        expect(seen.size).toBe(n);
      }),
    );
  });

  it('uses the first dimension as the most significant digit', () => {
    expect(Array.from(decodeJointAction(multiDiscrete([3, 4]), 7).discrete!)).toEqual([1, 3]);
  });

  it('argmax takes the first of equal maxima', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
    expect(argmax([0, 9, 1, 5, 7], 3, 2)).toBe(2);
  });
});
