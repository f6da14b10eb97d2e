import type { Watt } from '../../units.ts';

/**
 * Interference-limited links sharing one band (paper 004). Gains are a row-major M×M
 * Float64Array with rows = receivers and columns = transmitters: `gains[m * M + j]` is the
 * linear power gain from transmitter j to receiver m, so the diagonal holds the serving links
 * (paper 004 writes it `h_{m,j}`, eq. (3): `beta_{m,j} |g_{m,j}|^2`).
 */

function check(gains: Float64Array, powers: Float64Array, out: Float64Array): number {
  const m = powers.length;
  if (gains.length !== m * m) throw new RangeError(`gains must be ${m}×${m} row-major, got length ${gains.length}`);
  if (out.length !== m) throw new RangeError('out must have one entry per receiver');
  return m;
}

/**
 * Interference plus noise at each receiver, `out[m] = sum_{j != m} p_j h_{m,j} + sigma^2`
 * (denominator of paper 004 eq. (2); the observation `i_m` of eq. (19)). Returns `out` in watts.
 */
export function interferencePlusNoise(
  gains: Float64Array,
  powers: Float64Array,
  noise: Watt,
  out: Float64Array = new Float64Array(powers.length),
): Float64Array {
  const m = check(gains, powers, out);
  for (let r = 0; r < m; r++) {
    let acc = 0;
    for (let j = 0; j < m; j++) if (j !== r) acc += powers[j] * gains[r * m + j];
    out[r] = acc + noise;
  }
  return out;
}

/**
 * SINR per receiver, `gamma_m = p_m h_{m,m} / (sum_{j != m} p_j h_{m,j} + sigma^2)` (paper 004 eq. (2)).
 * `powers` in watts, `noise` the noise power sigma^2 in watts (> 0). Returns `out` (linear).
 */
export function sinrVector(
  gains: Float64Array,
  powers: Float64Array,
  noise: Watt,
  out: Float64Array = new Float64Array(powers.length),
): Float64Array {
  if (!(noise > 0)) throw new RangeError(`noise power must be > 0 W, got ${noise}`);
  const m = check(gains, powers, out);
  interferencePlusNoise(gains, powers, noise, out);
  for (let r = 0; r < m; r++) out[r] = (powers[r] * gains[r * m + r]) / out[r];
  return out;
}
