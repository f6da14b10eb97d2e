import { describe, expect, it } from 'vitest';
import { convergenceOf } from '../../src/run/convergence.ts';

/** A deterministic zero-mean wiggle (no RNG needed): +-1 alternating with a slower component. */
const wiggle = (i: number): number => (i % 2 ? 1 : -1) * (1 + 0.5 * Math.sin(i));

describe('convergenceOf (tail slope test)', () => {
  it('a curve that flattened out is converged; its tail slope interval contains 0', () => {
    const curve = Array.from({ length: 100 }, (_, i) => 50 * (1 - Math.exp(-i / 8)) + wiggle(i));
    const c = convergenceOf(curve);
    expect(c.verdict).toBe('converged');
    expect(c.tail).toBe(10);
    expect(c.slopeCi95![0]).toBeLessThanOrEqual(0);
    expect(c.slopeCi95![1]).toBeGreaterThanOrEqual(0);
  });

  it('a curve still rising linearly is unconverged, with the slope of the line', () => {
    const curve = Array.from({ length: 60 }, (_, i) => 2 * i + 0.1 * wiggle(i));
    const c = convergenceOf(curve);
    expect(c.verdict).toBe('unconverged');
    expect(c.tail).toBe(6);
    expect(c.slope!).toBeCloseTo(2, 1);
    // Fitted change over the 6-episode tail (5 x 2) against the range (about 118).
    expect(c.relativeChange!).toBeCloseTo(10 / (Math.max(...curve) - Math.min(...curve)), 2);
  });

  it('a significant but immaterial drift (under 5 % of the range across the tail) is not flagged', () => {
    const curve = Array.from({ length: 100 }, (_, i) => (i < 50 ? i : 50 + 0.01 * i));
    const c = convergenceOf(curve);
    expect(Math.abs(c.slope!)).toBeGreaterThan(c.slope! - c.slopeCi95![0]);
    expect(c.relativeChange!).toBeLessThan(0.05);
    expect(c.verdict).toBe('converged');
  });

  it('fewer than 10 episodes are too short to judge', () => {
    expect(convergenceOf([1, 2, 3, 4, 5, 6, 7, 8, 9]).verdict).toBe('too-short');
    expect(convergenceOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).verdict).toBe('unconverged');
  });
});
