import type { BitPerSecond, Hz, Watt } from '../../units.ts';
import { bitPerSecond } from '../../units.ts';

/** Shannon rate `R = B log2(1 + snr)` in bit/s (paper 003 eq. (13), paper 001 eq. (15)). */
export function shannonRate(bandwidth: Hz, snr: number): BitPerSecond {
  if (!(bandwidth >= 0)) throw new RangeError(`bandwidth must be >= 0 Hz, got ${bandwidth}`);
  if (!(snr >= 0)) throw new RangeError(`SNR must be >= 0, got ${snr}`);
  return bitPerSecond(bandwidth * Math.log2(1 + snr));
}

/** Received SNR `P h / noise` for a transmit power, a linear power gain and a noise power. */
export function snr(power: Watt, gain: number, noise: Watt): number {
  if (!(noise > 0)) throw new RangeError(`noise power must be > 0 W, got ${noise}`);
  return (power * gain) / noise;
}

/**
 * Rate of one link with noise growing with its bandwidth, `R = B log2(1 + P h / (N0 B))`
 * (paper 003 eqs. (13)-(14)); `n0` is the noise density in W/Hz. Zero bandwidth gives 0 bit/s
 * (the limit as B -> 0).
 */
export function rateWithDensity(bandwidth: Hz, power: Watt, gain: number, n0: number): BitPerSecond {
  if (!(bandwidth >= 0) || !(power >= 0) || !(gain >= 0) || !(n0 > 0)) {
    throw new RangeError(`need B >= 0, P >= 0, h >= 0, N0 > 0; got B=${bandwidth}, P=${power}, h=${gain}, N0=${n0}`);
  }
  if (bandwidth === 0) return bitPerSecond(0);
  return bitPerSecond(bandwidth * Math.log2(1 + (power * gain) / (n0 * bandwidth)));
}

/**
 * Vectorised `rateWithDensity` over users: `out[u] = B_u log2(1 + P_u h_u / (N0 B_u))`
 * (paper 003 eqs. (13)-(14)). Arrays in watts, hertz and linear gain; returns `out` in bit/s.
 */
export function ratesWithDensity(
  bandwidth: Float64Array,
  power: Float64Array,
  gain: Float64Array,
  n0: number,
  out: Float64Array = new Float64Array(bandwidth.length),
): Float64Array {
  const n = bandwidth.length;
  if (power.length !== n || gain.length !== n || out.length !== n) throw new RangeError('arrays must have one entry per user');
  for (let u = 0; u < n; u++) out[u] = rateWithDensity(bandwidth[u] as Hz, power[u] as Watt, gain[u], n0);
  return out;
}

/** Vectorised Shannon rate over links, `out[i] = B_i log2(1 + sinr_i)`; `bandwidth` is one value or one per link. */
export function shannonRates(
  bandwidth: number | Float64Array,
  sinr: Float64Array,
  out: Float64Array = new Float64Array(sinr.length),
): Float64Array {
  if (out.length !== sinr.length) throw new RangeError('out must have one entry per link');
  if (bandwidth instanceof Float64Array && bandwidth.length !== sinr.length) throw new RangeError('one bandwidth per link');
  for (let i = 0; i < sinr.length; i++) {
    const b = typeof bandwidth === 'number' ? bandwidth : bandwidth[i];
    out[i] = shannonRate(b as Hz, sinr[i]);
  }
  return out;
}
