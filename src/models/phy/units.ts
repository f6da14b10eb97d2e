import type { Db, Dbm, Hz, Watt } from '../../units.ts';
import { db, dbm, watt } from '../../units.ts';

/**
 * Conversions between logarithmic and linear scales. SPEC §0: powers live in watts inside the
 * simulator; dB and dBm appear only at the scenario-file boundary and in reports.
 */

/** Power ratio from dB: `10^(x/10)`. */
export const dbToLinear = (x: Db): number => Math.pow(10, x / 10);

/** Power ratio to dB: `10 log10(x)` (`-Infinity` for 0, NaN for negative ratios). */
export const linearToDb = (x: number): Db => db(10 * Math.log10(x));

/** dBm to watts: `10^((x - 30)/10)` (SPEC §0). */
export const dbmToWatt = (x: Dbm): Watt => watt(Math.pow(10, (x - 30) / 10));

/** Watts to dBm: `10 log10(p) + 30`. */
export const wattToDbm = (p: Watt): Dbm => dbm(10 * Math.log10(p) + 30);

/** dBW to watts: `10^(x/10)` (paper 004 Table 1 gives P_BS = 9 dBW). */
export const dbwToWatt = (x: Db): Watt => watt(Math.pow(10, x / 10));

/** Watts to dBW: `10 log10(p)`. */
export const wattToDbw = (p: Watt): Db => db(10 * Math.log10(p));

/**
 * Noise power density in W/Hz from a density in dBm/Hz (the `Dbm` value is the power in a 1 Hz band;
 * paper 003 Table I: N0 = -174 dBm/Hz, i.e. about 3.98e-21 W/Hz).
 */
export const noiseDensityWattPerHz = (n0: Dbm): number => dbmToWatt(n0);

/** Noise power `N0 B` in watts over `bandwidth` for a density `n0` in dBm/Hz (paper 003 eq. (14)). */
export function noisePower(n0: Dbm, bandwidth: Hz): Watt {
  if (!(bandwidth >= 0)) throw new RangeError(`bandwidth must be >= 0 Hz, got ${bandwidth}`);
  return watt(noiseDensityWattPerHz(n0) * bandwidth);
}
