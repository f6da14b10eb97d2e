import type { Watt } from '../../units.ts';
import { type ComplexMatrix, complexMatrix, gramRows, invert } from './complex.ts';

/**
 * MISO downlink beamforming (paper 001 eqs. (15), (18g)). Layout, split complex and row-major
 * (see `ComplexMatrix`):
 * - channels `H`: U×M, row u is user u's channel `h_u` (the paper's row vector `h_{u,c}^T`,
 *   M antennas, for the subchannel the user occupies);
 * - beams `F`: U×M, row u is user u's beam `f_u` (the paper's column `f_{u,c}`, stored as a row).
 * The received amplitude of beam v at user u is `h_u f_v = sum_m H[u,m] F[v,m]` (no conjugate,
 * as in eq. (15)); its power `|h_u f_v|^2` is the gain in the rate's SNR `|h f|^2 / sigma^2`.
 */

/** `|h_u f_v|^2` for one user row `u` of `H` and one beam row `v` of `F`. */
export function beamGain(h: ComplexMatrix, u: number, f: ComplexMatrix, v: number): number {
  const m = h.cols;
  if (f.cols !== m) throw new RangeError(`channel has ${m} antennas but beam has ${f.cols}`);
  let sr = 0;
  let si = 0;
  for (let k = 0; k < m; k++) {
    const hr = h.re[u * m + k];
    const hi = h.im[u * m + k];
    const fr = f.re[v * m + k];
    const fi = f.im[v * m + k];
    sr += hr * fr - hi * fi;
    si += hr * fi + hi * fr;
  }
  return sr * sr + si * si;
}

/**
 * All cross gains, row-major U×U: `out[u * U + v] = |h_u f_v|^2`. The diagonal is each user's
 * useful gain, off-diagonal entries are inter-user interference on a shared subchannel.
 */
export function beamGainMatrix(h: ComplexMatrix, f: ComplexMatrix, out?: Float64Array): Float64Array {
  const U = h.rows;
  if (f.rows !== U) throw new RangeError(`need one beam per user: ${U} users, ${f.rows} beams`);
  const g = out ?? new Float64Array(U * U);
  if (g.length !== U * U) throw new RangeError('out must be U×U');
  for (let u = 0; u < U; u++) for (let v = 0; v < U; v++) g[u * U + v] = beamGain(h, u, f, v);
  return g;
}

/** Total transmit power `sum_u ||f_u||^2` (left side of paper 001 constraint (18g)). */
export function beamPower(f: ComplexMatrix): number {
  let p = 0;
  for (let i = 0; i < f.re.length; i++) p += f.re[i] * f.re[i] + f.im[i] * f.im[i];
  return p;
}

/** Power of one beam, `||f_u||^2`. */
export function beamPowerOf(f: ComplexMatrix, u: number): number {
  let p = 0;
  for (let k = u * f.cols; k < (u + 1) * f.cols; k++) p += f.re[k] * f.re[k] + f.im[k] * f.im[k];
  return p;
}

/**
 * Maximum-ratio transmission: `f_u = conj(h_u) / ||h_u||` (unit power), which maximises
 * `|h_u f_u|^2 = ||h_u||^2` for a single user. A zero channel gets a zero beam.
 */
export function mrtBeams(h: ComplexMatrix): ComplexMatrix {
  const f = complexMatrix(h.rows, h.cols);
  for (let u = 0; u < h.rows; u++) {
    const norm = Math.sqrt(beamPowerOf(h, u));
    if (norm === 0) continue;
    for (let k = u * h.cols; k < (u + 1) * h.cols; k++) {
      f.re[k] = h.re[k] / norm;
      f.im[k] = -h.im[k] / norm;
    }
  }
  return f;
}

/**
 * Zero-forcing beams: the columns of `H^H (H H^H)^{-1}`, each normalised to unit power, so that
 * `h_u f_v = 0` for u != v. Needs U <= M and linearly independent user channels (throws otherwise).
 */
export function zfBeams(h: ComplexMatrix): ComplexMatrix {
  const U = h.rows;
  const M = h.cols;
  if (U > M) throw new RangeError(`zero-forcing needs users <= antennas, got ${U} > ${M}`);
  const ainv = invert(gramRows(h));
  const f = complexMatrix(U, M);
  // W[m, u] = sum_v conj(H[v, m]) Ainv[v, u]; beam u is column u of W, stored as row u of F.
  for (let u = 0; u < U; u++) {
    for (let m = 0; m < M; m++) {
      let sr = 0;
      let si = 0;
      for (let v = 0; v < U; v++) {
        const hr = h.re[v * M + m];
        const hi = -h.im[v * M + m];
        const ar = ainv.re[v * U + u];
        const ai = ainv.im[v * U + u];
        sr += hr * ar - hi * ai;
        si += hr * ai + hi * ar;
      }
      f.re[u * M + m] = sr;
      f.im[u * M + m] = si;
    }
    const norm = Math.sqrt(beamPowerOf(f, u));
    for (let k = u * M; k < (u + 1) * M; k++) {
      f.re[k] /= norm;
      f.im[k] /= norm;
    }
  }
  return f;
}

function scaled(f: ComplexMatrix, factor: (u: number) => number): ComplexMatrix {
  const out = complexMatrix(f.rows, f.cols);
  for (let u = 0; u < f.rows; u++) {
    const s = factor(u);
    for (let k = u * f.cols; k < (u + 1) * f.cols; k++) {
      out.re[k] = f.re[k] * s;
      out.im[k] = f.im[k] * s;
    }
  }
  return out;
}

/**
 * Gives beam u the power `powers[u]` (watts) keeping its direction: `f_u <- sqrt(p_u) f_u / ||f_u||`.
 * Zero beams stay zero. Returns a new matrix.
 */
export function withBeamPowers(f: ComplexMatrix, powers: Float64Array): ComplexMatrix {
  if (powers.length !== f.rows) throw new RangeError('one power per beam');
  return scaled(f, (u) => {
    const p = powers[u];
    if (!(p >= 0) || !Number.isFinite(p)) throw new RangeError(`beam power must be finite and >= 0, got ${p}`);
    const n = Math.sqrt(beamPowerOf(f, u));
    return n === 0 ? 0 : Math.sqrt(p) / n;
  });
}

/**
 * Scales all beams by one common factor onto the budget `sum ||f_u||^2 <= P_T` (paper 001 (18g)).
 * `mode: 'fill'` (default) uses the whole budget exactly; `'cap'` only shrinks beams that exceed
 * it. Directions and power ratios between users are kept. All-zero beams stay zero.
 */
export function scaleBeamsToBudget(f: ComplexMatrix, budget: Watt, mode: 'fill' | 'cap' = 'fill'): ComplexMatrix {
  if (!(budget >= 0) || !Number.isFinite(budget)) throw new RangeError(`power budget must be finite and >= 0 W, got ${budget}`);
  const p = beamPower(f);
  if (!Number.isFinite(p)) throw new RangeError('beams contain non-finite entries');
  if (p === 0 || (mode === 'cap' && p <= budget)) return scaled(f, () => 1);
  let s = Math.sqrt(budget / p);
  let out = scaled(f, () => s);
  // Rounding can leave the sum an ulp above the budget; budgets are hard constraints (SPEC §4).
  while (beamPower(out) > budget) {
    s *= 1 - 2 ** -50;
    out = scaled(f, () => s);
  }
  return out;
}
