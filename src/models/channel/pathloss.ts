import type { Db, Metre } from '../../units.ts';
import { db } from '../../units.ts';
import type { RandomStream } from '../../random/index.ts';

/**
 * A log-distance path-loss model, `PL(d) = interceptDb + 10 * exponent * log10(d / refDistance)`
 * in dB. Path loss is a *loss*: it grows with distance, and the linear power gain is
 * `10^(-PL/10)`. Each scenario's path-loss model is an instance of it (the paper values live
 * in `src/scenarios/<name>/constants.ts`).
 */
export interface LogDistancePathLoss {
  /** Path loss at the reference distance, in dB (positive = attenuation). */
  readonly interceptDb: number;
  /** Path-loss exponent (dimensionless); the slope is `10 * exponent` dB per decade. */
  readonly exponent: number;
  /** Reference distance, in metres. */
  readonly refDistance: Metre;
}

/** Log-distance path loss in dB (generic form behind the scenarios' models). Throws for d <= 0. */
export function logDistancePathLossDb(d: Metre, model: LogDistancePathLoss): Db {
  if (!(d > 0)) throw new RangeError(`distance must be > 0 m, got ${d}`);
  return db(model.interceptDb + 10 * model.exponent * Math.log10(d / model.refDistance));
}

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
