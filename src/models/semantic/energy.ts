/**
 * System power consumption and semantic energy efficiency of the "multicell-ee" scenario
 * (004 eqs. (7), (9) and (20)).
 */
import type { Watt } from '../../units.ts';
import { watt } from '../../units.ts';

/**
 * Per-cell fixed power terms of 004 eq. (7), in watts. 004 Table 1's values are
 * `MULTICELL_POWER_MODEL` (`src/scenarios/multicell-ee/constants.ts`).
 */
export interface PowerModelConfig {
  /** Hardware power of each base station `P_BS` (004 Table 1: 9 dBW = 7.943 W). */
  readonly baseStationHardware: Watt;
  /** Power of each user terminal `P_UT` (004 Table 1: 10 dBm = 10 mW). */
  readonly terminal: Watt;
  /** Power for semantic codec training and inference per cell `P_AI` (004 Table 1: 5 dBm = 3.162 mW). */
  readonly semanticCodec: Watt;
}

/**
 * Total system power `P_tot = sum_m p_m + M (P_BS + P_AI + P_UT)` (004 eq. (7)), with one
 * transmit power per cell (`M = txPower.length`), in watts. Transmit powers must be finite
 * and >= 0.
 */
export function totalPower(txPower: ArrayLike<number>, config: PowerModelConfig): Watt {
  let sum = 0;
  for (let m = 0; m < txPower.length; m++) {
    const p = txPower[m];
    if (!(p >= 0 && Number.isFinite(p))) throw new RangeError(`txPower[${m}] = ${p}; allowed: finite watts >= 0`);
    sum += p;
  }
  const fixed = config.baseStationHardware + config.semanticCodec + config.terminal;
  return watt(sum + txPower.length * fixed);
}

/**
 * System semantic energy efficiency `sum_m QoE_m / P_tot` (004 eqs. (9) and (20); the
 * shared reward of every base station), in 1/W.
 */
export function energyEfficiency(qoes: ArrayLike<number>, total: Watt): number {
  if (!(total > 0 && Number.isFinite(total))) throw new RangeError(`total power must be finite and > 0, got ${total}`);
  let sum = 0;
  for (let m = 0; m < qoes.length; m++) sum += qoes[m];
  return sum / total;
}
