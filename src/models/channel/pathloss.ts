import type { Db, Metre } from '../../units.ts';
import { db, metre } from '../../units.ts';
import type { RandomStream } from '../../random/index.ts';

/**
 * A log-distance path-loss model, `PL(d) = interceptDb + 10 * exponent * log10(d / refDistance)`
 * in dB. Path loss is a *loss*: it grows with distance, and the linear power gain is
 * `10^(-PL/10)`. The three paper models below are instances of it.
 */
export interface LogDistancePathLoss {
  /** Path loss at the reference distance, in dB (positive = attenuation). */
  readonly interceptDb: number;
  /** Path-loss exponent (dimensionless); the slope is `10 * exponent` dB per decade. */
  readonly exponent: number;
  /** Reference distance, in metres. */
  readonly refDistance: Metre;
}

/**
 * Paper 003 (toscn), Table I: `PL = 128.1 + 37.6 log10(d_km)` dB, distance in km.
 * The 3GPP macro-cell model at 2 GHz.
 */
export const TOSCN_PATH_LOSS: LogDistancePathLoss = { interceptDb: 128.1, exponent: 3.76, refDistance: metre(1000) };

/**
 * Paper 004 (multicell-ee), Section 5.1: `beta = 120.9 + 37.6 log10(d_km)` dB, distance in km.
 */
export const MULTICELL_PATH_LOSS: LogDistancePathLoss = { interceptDb: 120.9, exponent: 3.76, refDistance: metre(1000) };

/**
 * Paper 001 (scqos), Section VI and Table I: `PL = PL_ref - 10 phi log10(d / D_ref)` with
 * `PL_ref = 30 dB`, `phi = 3`, `D_ref = 1 m`.
 *
 * Sign convention: paper 001 writes this expression as the channel's *gain* in dB (it falls
 * with distance), and Table I lists the reference as "30 dB". Read literally that would be a
 * +30 dB gain at 1 m, which is not physical; the usual reading (and ours) is a 30 dB *loss* at
 * the reference distance, i.e. gain `-30 - 30 log10(d / 1 m)` dB. In this module's loss form that is
 * `PL(d) = 30 + 30 log10(d / 1 m)` dB; `scqosPathGainDb` returns the paper's gain form.
 */
export const SCQOS_PATH_LOSS: LogDistancePathLoss = { interceptDb: 30, exponent: 3, refDistance: metre(1) };

/** Log-distance path loss in dB (generic form behind the paper models). Throws for d <= 0. */
export function logDistancePathLossDb(d: Metre, model: LogDistancePathLoss): Db {
  if (!(d > 0)) throw new RangeError(`distance must be > 0 m, got ${d}`);
  return db(model.interceptDb + 10 * model.exponent * Math.log10(d / model.refDistance));
}

/** Paper 003 path loss `128.1 + 37.6 log10(d_km)` dB; `d` in metres. */
export const pathLossToscnDb = (d: Metre): Db => logDistancePathLossDb(d, TOSCN_PATH_LOSS);

/** Paper 004 path loss `120.9 + 37.6 log10(d_km)` dB; `d` in metres. */
export const pathLossMulticellDb = (d: Metre): Db => logDistancePathLossDb(d, MULTICELL_PATH_LOSS);

/**
 * Paper 001 path gain in dB, `PL_ref - 10 phi log10(d / D_ref)` with the reference read as
 * -30 dB (see `SCQOS_PATH_LOSS`): -30 dB at 1 m, -60 dB at 10 m.
 */
export const scqosPathGainDb = (d: Metre): Db => db(-logDistancePathLossDb(d, SCQOS_PATH_LOSS));

/** One log-normal shadowing draw in dB, `X ~ N(0, stdDb^2)` (paper 003 eq. (16), 6 dB in Table I). */
export function drawShadowingDb(rng: RandomStream, stdDb: number): Db {
  if (!(stdDb >= 0)) throw new RangeError(`shadowing std must be >= 0 dB, got ${stdDb}`);
  return db(stdDb === 0 ? 0 : rng.normal(0, stdDb));
}

/**
 * Linear large-scale power gain `beta = 10^(-(PL + X)/10)` from a path loss and a
 * shadowing term, both in dB (paper 003 eq. (16), paper 004 eq. (3)).
 */
export function largeScaleGain(pathLossDb: Db, shadowingDb: Db = db(0)): number {
  return Math.pow(10, -(pathLossDb + shadowingDb) / 10);
}

/**
 * Vectorised large-scale gains for many links: `out[i] = 10^(-(PL(d_i) + X_i)/10)` with
 * `X_i ~ N(0, shadowStdDb^2)` drawn from `rng` in link order (no draws when the std is 0).
 * Returns `out` (allocated when omitted).
 */
export function largeScaleGains(
  distances: Float64Array,
  model: LogDistancePathLoss,
  shadowStdDb: number,
  rng: RandomStream,
  out: Float64Array = new Float64Array(distances.length),
): Float64Array {
  if (out.length !== distances.length) throw new RangeError('out must have one entry per distance');
  for (let i = 0; i < distances.length; i++) {
    const pl = logDistancePathLossDb(distances[i] as Metre, model);
    out[i] = largeScaleGain(pl, drawShadowingDb(rng, shadowStdDb));
  }
  return out;
}
