import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  projectOntoCappedSimplex,
  projectOntoSimplex,
  softmaxOntoCappedSimplex,
  softmaxOntoSimplex,
} from '../../../src/models/projection/simplex.ts';

const entry = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const vector = fc.array(entry, { minLength: 1, maxLength: 24 });
const budget = fc.double({ min: 1e-3, max: 1e6, noNaN: true });

const sum = (y: ArrayLike<number>) => Array.from(y).reduce((s, v) => s + v, 0);
const dist2 = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + (v - b[i]) ** 2, 0);

function expectOnSimplex(y: Float64Array, b: number): void {
  for (const v of y) expect(v).toBeGreaterThanOrEqual(0);
  expect(Math.abs(sum(y) - b)).toBeLessThanOrEqual(1e-9 * b);
}

describe('softmax onto the budget simplex', () => {
  it('matches a hand calculation', () => {
    // softmax([0, ln 3]) = [1/4, 3/4]; times 4
    const y = softmaxOntoSimplex([0, Math.log(3)], 4);
    expect(y[0]).toBeCloseTo(1, 12);
    expect(y[1]).toBeCloseTo(3, 12);
    // with slack logit 0: weights 1, 2 and 1 for the slack -> [1, 2] of 4, 1 left unused
    const z = softmaxOntoCappedSimplex([0, Math.log(2)], 4);
    expect(z[0]).toBeCloseTo(1, 12);
    expect(z[1]).toBeCloseTo(2, 12);
  });

  it('spends exactly the budget (or at most it, capped), never negative, for any finite input', () => {
    fc.assert(
      fc.property(vector, budget, fc.double({ min: 0.01, max: 100, noNaN: true }), (x, b, tau) => {
        expectOnSimplex(softmaxOntoSimplex(x, b, { temperature: tau }), b);
        const capped = softmaxOntoCappedSimplex(x, b, { temperature: tau });
        for (const v of capped) expect(v).toBeGreaterThanOrEqual(0);
        expect(sum(capped)).toBeLessThanOrEqual(b * (1 + 1e-12));
      }),
    );
  });

  it('is invariant to adding a constant to every logit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 10 }), fc.double({ min: -100, max: 100, noNaN: true }), (x, c) => {
        const a = softmaxOntoSimplex(x, 1);
        const b = softmaxOntoSimplex(x.map((v) => v + c), 1);
        for (let i = 0; i < x.length; i++) expect(b[i]).toBeCloseTo(a[i], 9);
      }),
    );
  });
});

describe('Euclidean projection onto the budget simplex', () => {
  it('matches hand calculations', () => {
    // [0.5, 0.5, 2], budget 1: theta = 1 -> [0, 0, 1]
    expect(Array.from(projectOntoSimplex([0.5, 0.5, 2], 1))).toEqual([0, 0, 1]);
    // [1, 2], budget 2: theta = (3 - 2) / 2 = 0.5 -> [0.5, 1.5]
    expect(Array.from(projectOntoSimplex([1, 2], 2))).toEqual([0.5, 1.5]);
    // [-3, 0, 0], budget 3: theta = -1 on the two zeros -> [0, 1.5, 1.5]
    expect(Array.from(projectOntoSimplex([-3, 0, 0], 3))).toEqual([0, 1.5, 1.5]);
    // [0, 0.5, 1], budget 1: theta = (1.5 - 1) / 2 = 0.25 keeps two entries; 0 <= 0.25 is cut
    const y = projectOntoSimplex([0, 0.5, 1], 1);
    expect(y[0]).toBe(0);
    expect(y[1]).toBeCloseTo(0.25, 15);
    expect(y[2]).toBeCloseTo(0.75, 15);
  });

  it('agrees with the optimality conditions on coarse grids (ties and near-boundary cases)', () => {
    const coarse = fc.array(fc.integer({ min: -6, max: 6 }).map((v) => v / 4), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(coarse, fc.integer({ min: 1, max: 12 }).map((v) => v / 4), (x, b) => {
        const y = projectOntoSimplex(x, b);
        expectOnSimplex(y, b);
        // theta solves sum_i max(x_i - theta, 0) = b; bisection gives it independently.
        let lo = Math.min(...x) - b;
        let hi = Math.max(...x);
        for (let it = 0; it < 200; it++) {
          const mid = (lo + hi) / 2;
          if (x.reduce((s, v) => s + Math.max(v - mid, 0), 0) > b) lo = mid;
          else hi = mid;
        }
        for (let i = 0; i < x.length; i++) expect(y[i]).toBeCloseTo(Math.max(x[i] - lo, 0), 9);
      }),
    );
  });

  it('lands on the simplex and satisfies the optimality conditions (one common shift on the support)', () => {
    fc.assert(
      fc.property(vector, budget, (x, b) => {
        const y = projectOntoSimplex(x, b);
        expectOnSimplex(y, b);
        // KKT: y_i = x_i - theta where y_i > 0, and x_i <= theta where y_i = 0.
        const support = Array.from(y.keys()).filter((i) => y[i] > 0);
        expect(support.length).toBeGreaterThan(0);
        const theta = x[support[0]] - y[support[0]];
        const scale = Math.max(b, ...x.map(Math.abs));
        for (let i = 0; i < x.length; i++) {
          if (y[i] > 0) expect(Math.abs(x[i] - y[i] - theta)).toBeLessThanOrEqual(1e-9 * scale);
          else expect(x[i]).toBeLessThanOrEqual(theta + 1e-9 * scale);
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(vector, budget, (x, b) => {
        const y = projectOntoSimplex(x, b);
        const z = projectOntoSimplex(y, b);
        for (let i = 0; i < y.length; i++) expect(Math.abs(z[i] - y[i])).toBeLessThanOrEqual(1e-9 * b);
      }),
    );
  });

  it('is the closest point of the simplex (against random feasible points)', () => {
    const small = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        small.chain((x) => fc.tuple(fc.constant(x), fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: x.length, maxLength: x.length }), { minLength: 1, maxLength: 10 }))),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        ([x, logits], b) => {
          const y = projectOntoSimplex(x, b);
          const best = dist2(x, y);
          for (const l of logits) {
            const feasible = softmaxOntoSimplex(l, b);
            expect(best).toBeLessThanOrEqual(dist2(x, feasible) + 1e-9);
          }
          // vertices of the simplex are feasible too
          for (let i = 0; i < x.length; i++) {
            const v = new Float64Array(x.length);
            v[i] = b;
            expect(best).toBeLessThanOrEqual(dist2(x, v) + 1e-9);
          }
        },
      ),
    );
  });

  it('keeps the budget when the input dwarfs it', () => {
    expectOnSimplex(projectOntoSimplex([1e300, -1e300, 1e300], 1), 1);
    expect(Array.from(projectOntoSimplex([1e20, 0], 1))).toEqual([1, 0]);
    expect(Array.from(projectOntoSimplex([5, 7], 0))).toEqual([0, 0]);
  });
});

describe('Euclidean projection onto the capped simplex (sum <= budget)', () => {
  it('keeps feasible points, clips negatives, and projects overspending points onto the full simplex', () => {
    expect(Array.from(projectOntoCappedSimplex([0.2, 0.3], 1))).toEqual([0.2, 0.3]);
    expect(Array.from(projectOntoCappedSimplex([-1, 0.3], 1))).toEqual([0, 0.3]);
    expect(Array.from(projectOntoCappedSimplex([1, 2], 2))).toEqual([0.5, 1.5]);
  });

  it('is feasible, idempotent and closest (against random points of the capped simplex)', () => {
    const small = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        small.chain((x) => fc.tuple(fc.constant(x), fc.array(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: x.length, maxLength: x.length }), { minLength: 1, maxLength: 10 }))),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        ([x, logits], b) => {
          const y = projectOntoCappedSimplex(x, b);
          for (const v of y) expect(v).toBeGreaterThanOrEqual(0);
          expect(sum(y)).toBeLessThanOrEqual(b * (1 + 1e-9));
          const again = projectOntoCappedSimplex(y, b);
          for (let i = 0; i < y.length; i++) expect(Math.abs(again[i] - y[i])).toBeLessThanOrEqual(1e-9 * b);
          const best = dist2(x, y);
          for (const l of logits) expect(best).toBeLessThanOrEqual(dist2(x, softmaxOntoCappedSimplex(l, b)) + 1e-9);
          expect(best).toBeLessThanOrEqual(dist2(x, new Float64Array(x.length)) + 1e-9); // the origin is feasible
        },
      ),
    );
  });
});

describe('non-finite input', () => {
  const maps = [softmaxOntoSimplex, softmaxOntoCappedSimplex, projectOntoSimplex, projectOntoCappedSimplex];

  it('is rejected by every map with a RangeError naming the index and value', () => {
    for (const f of maps) {
      expect(() => f([0, 1, 2, NaN], 1)).toThrow(new RangeError('action[3] is NaN; allowed: finite real numbers'));
      expect(() => f([Infinity], 1)).toThrow(new RangeError('action[0] is Infinity; allowed: finite real numbers'));
      expect(() => f([1, -Infinity], 1, { name: 'power' })).toThrow(new RangeError('power[1] is -Infinity; allowed: finite real numbers'));
      expect(() => f([1], NaN)).toThrow(/budget is NaN/);
      expect(() => f([1], -1)).toThrow(/budget is -1/);
    }
  });

  it('is rejected wherever it appears', () => {
    const bad = fc.constantFrom(NaN, Infinity, -Infinity);
    fc.assert(
      fc.property(vector, bad, fc.nat(), (x, v, at) => {
        const i = at % (x.length + 1);
        const y = [...x.slice(0, i), v, ...x.slice(i)];
        for (const f of maps) expect(() => f(y, 1)).toThrow(`action[${i}] is`);
      }),
    );
  });
});
