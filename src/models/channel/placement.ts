import type { Metre } from '../../units.ts';
import type { RandomStream } from '../../random/index.ts';

/**
 * Node positions in the plane, in metres. Many points are stored split: `x[i]`, `y[i]`.
 */
export interface Points {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Where users are dropped inside a cell. */
export interface DropConfig {
  /** Cell radius in metres: the disc radius, or the hexagon's circumradius (paper 003: 100 m, paper 004: 200 m). */
  readonly radius: Metre;
  /** Minimum distance to the cell centre in metres (keeps the log-distance path loss finite). Default 0. */
  readonly minDistance?: Metre;
  /**
   * `'disc'`: uniform over the annulus `minDistance <= r <= radius` (paper 003's round cell).
   * `'hexagon'`: uniform over the hexagon of circumradius `radius` minus the disc of radius
   * `minDistance`, by rejection from the disc (paper 004's hexagonal cells). Default `'disc'`.
   */
  readonly shape?: 'disc' | 'hexagon';
}

const SQRT3 = Math.sqrt(3);

/** Inside the hexagon of circumradius `r` whose vertices point at 30°, 90°, ... (neighbours at 0°, 60°, ...). */
function inHexagon(x: number, y: number, r: number): boolean {
  const apothem = (SQRT3 / 2) * r;
  // Three pairs of parallel edges with outward normals at 0°, 60° and 120°.
  return Math.abs(x) <= apothem && Math.abs(0.5 * x + (SQRT3 / 2) * y) <= apothem && Math.abs(-0.5 * x + (SQRT3 / 2) * y) <= apothem;
}

/**
 * One point uniform (by area) in the annulus `minDistance <= r <= radius` around the origin:
 * `r = sqrt(U (R^2 - r0^2) + r0^2)` (inverse CDF of the area law), angle uniform. With
 * `shape: 'hexagon'` the disc draw is repeated until it falls in the hexagon (acceptance
 * ratio 3 sqrt(3) / (2 pi) ≈ 0.83 without a minimum distance). Two uniform draws per try.
 */
export function dropInCell(rng: RandomStream, cfg: DropConfig): [number, number] {
  const R = cfg.radius;
  const r0 = cfg.minDistance ?? 0;
  const shape = cfg.shape ?? 'disc';
  if (!(R > 0) || !(r0 >= 0)) throw new RangeError(`need radius > 0 and minDistance >= 0, got ${R}, ${r0}`);
  const limit = shape === 'hexagon' ? (SQRT3 / 2) * R : R;
  if (!(r0 < limit)) throw new RangeError(`minDistance ${r0} leaves no room in a ${shape} of radius ${R}`);
  for (;;) {
    const u = rng.uniform();
    const theta = rng.uniformIn(0, 2 * Math.PI);
    const r = Math.sqrt(u * (R * R - r0 * r0) + r0 * r0);
    const x = r * Math.cos(theta);
    const y = r * Math.sin(theta);
    if (shape === 'disc' || inHexagon(x, y, R)) return [x, y];
  }
}

/** `n` points dropped independently by `dropInCell` around the origin. */
export function dropUniform(n: number, rng: RandomStream, cfg: DropConfig): Points {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) [x[i], y[i]] = dropInCell(rng, cfg);
  return { x, y };
}

// Axial hex directions (q, r), walked in order around a ring.
const HEX_DIRS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [0, -1],
  [1, -1],
];

/**
 * Centres of `m` hexagonal cells of circumradius `radius`, at inter-site distance
 * `sqrt(3) * radius`: the origin, then ring 1 (6 cells), then ring 2 (12 cells), ..., each
 * ring walked so that consecutive cells are neighbours. Hence m = 1, 7, 19 are complete
 * clusters and m = 3 is three mutually adjacent cells (paper 004 uses M = 3 and 7).
 */
export function hexCellCentres(m: number, radius: Metre): Points {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`cell count must be a positive integer, got ${m}`);
  const isd = SQRT3 * radius;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const place = (i: number, q: number, r: number): void => {
    x[i] = isd * (q + r / 2);
    y[i] = isd * ((SQRT3 / 2) * r);
  };
  let i = 1;
  for (let ring = 1; i < m; ring++) {
    // Start on the ring at ring * direction 0, then turn through directions 2, 3, 4, 5, 0, 1.
    let q = ring;
    let r = 0;
    for (let side = 0; side < 6 && i < m; side++) {
      const [dq, dr] = HEX_DIRS[(side + 2) % 6];
      for (let step = 0; step < ring && i < m; step++) {
        place(i++, q, r);
        q += dq;
        r += dr;
      }
    }
  }
  return { x, y };
}

/**
 * Drops `perCell` users in each cell around its centre (cell-major order: all users of cell 0,
 * then cell 1, ...). `cfg.radius` should be the cells' radius; use `shape: 'hexagon'` to keep
 * users strictly inside their own cell, `'disc'` to allow the small overlap of the circumscribed disc.
 */
export function dropUsersInCells(centres: Points, perCell: number, rng: RandomStream, cfg: DropConfig): Points {
  const m = centres.x.length;
  const x = new Float64Array(m * perCell);
  const y = new Float64Array(m * perCell);
  for (let c = 0; c < m; c++) {
    for (let k = 0; k < perCell; k++) {
      const [dx, dy] = dropInCell(rng, cfg);
      x[c * perCell + k] = centres.x[c] + dx;
      y[c * perCell + k] = centres.y[c] + dy;
    }
  }
  return { x, y };
}

/**
 * Distance matrix in metres, row-major `rx.length × tx.length`: `out[i * T + j]` = distance
 * from transmitter j to receiver i (the layout the SINR functions expect).
 */
export function distanceMatrix(rx: Points, tx: Points, out?: Float64Array): Float64Array {
  const R = rx.x.length;
  const T = tx.x.length;
  const d = out ?? new Float64Array(R * T);
  if (d.length !== R * T) throw new RangeError('out must have rx × tx entries');
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < T; j++) d[i * T + j] = Math.hypot(rx.x[i] - tx.x[j], rx.y[i] - tx.y[j]);
  }
  return d;
}
