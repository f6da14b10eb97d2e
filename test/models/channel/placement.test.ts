import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { distanceMatrix, dropInCell, dropUniform, dropUsersInCells, hexCellCentres } from '../../../src/models/channel/placement.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { metre } from '../../../src/units.ts';

const SQRT3 = Math.sqrt(3);

function pairwise(x: Float64Array, y: Float64Array): number[] {
  const d: number[] = [];
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) d.push(Math.hypot(x[i] - x[j], y[i] - y[j]));
  return d;
}

describe('uniform drop in a disc', () => {
  it('stays inside the annulus [minDistance, radius] for any seed and sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (seed, R, frac) => {
          const r0 = frac * R;
          const pts = dropUniform(50, new RootRandom(seed).stream('drop'), { radius: metre(R), minDistance: metre(r0) });
          for (let i = 0; i < 50; i++) {
            const r = Math.hypot(pts.x[i], pts.y[i]);
            expect(r).toBeLessThanOrEqual(R * (1 + 1e-12));
            expect(r).toBeGreaterThanOrEqual(r0 * (1 - 1e-12));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is uniform by area: P(r < R/2) = 1/4, and with r0 = R/2, P(r < 3R/4) = (9/16 - 1/4) / (3/4)', () => {
    const n = 40_000;
    const a = dropUniform(n, new RootRandom(5).stream('area'), { radius: metre(100) });
    let inner = 0;
    for (let i = 0; i < n; i++) if (Math.hypot(a.x[i], a.y[i]) < 50) inner++;
    expect(Math.abs(inner / n - 0.25)).toBeLessThan(0.012);

    const b = dropUniform(n, new RootRandom(6).stream('ann'), { radius: metre(100), minDistance: metre(50) });
    let mid = 0;
    for (let i = 0; i < n; i++) if (Math.hypot(b.x[i], b.y[i]) < 75) mid++;
    expect(Math.abs(mid / n - (9 / 16 - 1 / 4) / (3 / 4))).toBeLessThan(0.012);

    // Angular uniformity: each quadrant gets a quarter.
    let q1 = 0;
    for (let i = 0; i < n; i++) if (a.x[i] > 0 && a.y[i] > 0) q1++;
    expect(Math.abs(q1 / n - 0.25)).toBeLessThan(0.012);
  });

  it('rejects impossible configurations', () => {
    const rng = new RootRandom(1).stream('bad');
    expect(() => dropInCell(rng, { radius: metre(0) })).toThrow(RangeError);
    expect(() => dropInCell(rng, { radius: metre(10), minDistance: metre(10) })).toThrow(RangeError);
    expect(() => dropInCell(rng, { radius: metre(10), minDistance: metre(9), shape: 'hexagon' })).toThrow(RangeError);
  });
});

describe('hexagonal layout', () => {
  it('M = 1, 3, 7, 19 cells at inter-site distance sqrt(3) R', () => {
    const R = 200;
    const isd = SQRT3 * R;
    expect(Array.from(hexCellCentres(1, metre(R)).x)).toEqual([0]);

    const three = hexCellCentres(3, metre(R));
    for (const d of pairwise(three.x, three.y)) expect(d).toBeCloseTo(isd, 9); // mutually adjacent

    const seven = hexCellCentres(7, metre(R));
    const ring1 = Array.from({ length: 6 }, (_, i) => Math.hypot(seven.x[i + 1], seven.y[i + 1]));
    for (const r of ring1) expect(r).toBeCloseTo(isd, 9);
    expect(Math.min(...pairwise(seven.x, seven.y))).toBeCloseTo(isd, 9);

    // Ring 2 of a 19-cell cluster: 6 corners at 2 ISD and 6 edge cells at sqrt(3) ISD.
    const nineteen = hexCellCentres(19, metre(R));
    const ring2 = Array.from({ length: 12 }, (_, i) => Math.hypot(nineteen.x[i + 7], nineteen.y[i + 7]) / isd).sort((a, b) => a - b);
    for (let i = 0; i < 6; i++) expect(ring2[i]).toBeCloseTo(SQRT3, 9);
    for (let i = 6; i < 12; i++) expect(ring2[i]).toBeCloseTo(2, 9);
    expect(Math.min(...pairwise(nineteen.x, nineteen.y))).toBeCloseTo(isd, 9);
    // The cluster is symmetric: centroid at the origin.
    expect(nineteen.x.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 6);
    expect(nineteen.y.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 6);
  });

  it('hexagon drops stay in their own cell: nearer their centre than any other (Voronoi cell = hexagon)', () => {
    const R = 200;
    const centres = hexCellCentres(7, metre(R));
    const users = dropUsersInCells(centres, 200, new RootRandom(8).stream('users'), { radius: metre(R), minDistance: metre(10), shape: 'hexagon' });
    const d = distanceMatrix(users, centres);
    for (let u = 0; u < users.x.length; u++) {
      const own = Math.floor(u / 200);
      expect(d[u * 7 + own]).toBeLessThanOrEqual(R + 1e-9);
      expect(d[u * 7 + own]).toBeGreaterThanOrEqual(10 - 1e-9);
      // The hexagon is the Voronoi cell of its centre in the full lattice: the user must be no
      // nearer to any of the six lattice neighbours (at sqrt(3) R, angles 0°, 60°, ...) than to its centre.
      for (let k = 0; k < 6; k++) {
        const nx = centres.x[own] + SQRT3 * R * Math.cos((k * Math.PI) / 3);
        const ny = centres.y[own] + SQRT3 * R * Math.sin((k * Math.PI) / 3);
        expect(Math.hypot(users.x[u] - nx, users.y[u] - ny)).toBeGreaterThanOrEqual(d[u * 7 + own] - 1e-9);
      }
    }
  });

  it('disc drops in cells may cross into a neighbour but stay within R of their centre', () => {
    const R = 100;
    const centres = hexCellCentres(3, metre(R));
    const users = dropUsersInCells(centres, 2000, new RootRandom(9).stream('u'), { radius: metre(R) });
    const d = distanceMatrix(users, centres);
    let crossed = 0;
    for (let u = 0; u < users.x.length; u++) {
      const own = Math.floor(u / 2000);
      expect(d[u * 3 + own]).toBeLessThanOrEqual(R + 1e-9);
      if (d[u * 3 + (own + 1) % 3] < d[u * 3 + own] || d[u * 3 + (own + 2) % 3] < d[u * 3 + own]) crossed++;
    }
    expect(crossed).toBeGreaterThan(0);
  });

  it('distanceMatrix is rows = receivers, columns = transmitters', () => {
    const rx = { x: new Float64Array([0, 3]), y: new Float64Array([0, 4]) };
    const tx = { x: new Float64Array([0, 6, 0]), y: new Float64Array([0, 8, 4]) };
    expect(Array.from(distanceMatrix(rx, tx))).toEqual([0, 10, 4, 5, 5, 3]);
  });
});
