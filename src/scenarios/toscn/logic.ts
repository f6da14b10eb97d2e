import { box, type BoxSpace } from '../../agents/common/spaces.ts';
import { assertFiniteVector, softmaxOntoSimplex } from '../../models/projection/index.ts';
import { packetCapacity } from '../../models/semantic/buffer.ts';
import { rateWithDensity } from '../../models/phy/rate.ts';
import { bitPerSecond, bits, hz, watt } from '../../units.ts';
import type { ToscnParams } from './params.ts';

/** A feasible allocation for one slot (003 eq. 36 after the softmax of Section III-C). */
export interface Allocation {
  readonly bandwidth: number[];
  readonly power: number[];
  readonly compression: number[];
}

/**
 * Action space (003 eq. 36): `3D` values in [-1, 1] — compression ratios, bandwidth logits,
 * power logits, in that order. Compression maps linearly onto [0, maxCompression]; logits go
 * through a softmax onto the budgets (sharpness `shareTemperature`).
 */
export function toscnActionSpace(p: ToscnParams): BoxSpace {
  return box(3 * p.devices, -1, 1);
}

/** Observation size (003 eq. 35): J task counts, D channel features, D queue lengths. */
export function toscnObservationSize(p: ToscnParams): number {
  return p.tasks.length + 2 * p.devices;
}

/**
 * Maps a raw action onto the budgets. Non-finite entries are rejected with an error naming
 * the index (never propagated); finite values outside [-1, 1] are clipped.
 */
export function allocationFromAction(action: ArrayLike<number>, p: ToscnParams): Allocation {
  const D = p.devices;
  if (action.length !== 3 * D) throw new RangeError(`action has ${action.length} values; toscn with D=${D} needs ${3 * D}`);
  assertFiniteVector(action, 'action');
  const clip = (x: number): number => Math.max(-1, Math.min(1, x));
  const compression: number[] = new Array(D);
  const bwLogits = new Float64Array(D);
  const pwLogits = new Float64Array(D);
  for (let u = 0; u < D; u++) {
    compression[u] = ((clip(action[u]) + 1) / 2) * p.maxCompression;
    bwLogits[u] = clip(action[D + u]);
    pwLogits[u] = clip(action[2 * D + u]);
  }
  const temperature = 1 / p.shareTemperature;
  return {
    compression,
    bandwidth: Array.from(softmaxOntoSimplex(bwLogits, p.bandwidthBudget, { name: 'bandwidth action', temperature })),
    power: Array.from(softmaxOntoSimplex(pwLogits, p.powerBudget, { name: 'power action', temperature })),
  };
}

/** The controller's allocation before any decision arrives: equal shares, no compression. */
export function fallbackAllocation(p: ToscnParams): Allocation {
  const D = p.devices;
  return {
    compression: new Array(D).fill(0),
    bandwidth: new Array(D).fill(p.bandwidthBudget / D),
    power: new Array(D).fill(p.powerBudget / D),
  };
}

/** Channel feature of the state: SNR (dB) the link would have with the whole budget, over 30 dB. */
export function channelFeature(gain: number, p: ToscnParams): number {
  const snr = (gain * p.powerBudget) / (p.noiseDensity * p.bandwidthBudget);
  return (10 * Math.log10(Math.max(snr, 1e-12))) / 30;
}

/** State vector (003 eq. 35), task counts scaled by D and queues by v_max (003 Section III-C.4). */
export function buildObservation(tasks: ArrayLike<number>, gains: ArrayLike<number>, queues: ArrayLike<number>, p: ToscnParams): number[] {
  const J = p.tasks.length;
  const obs = new Array<number>(J + 2 * p.devices).fill(0);
  for (let u = 0; u < tasks.length; u++) obs[tasks[u]] += 1 / p.devices;
  for (let u = 0; u < p.devices; u++) {
    obs[J + u] = channelFeature(gains[u], p);
    obs[J + p.devices + u] = queues[u] / p.bufferCapacity;
  }
  return obs;
}

/** Per-user rate (003 eqs. 13-14) and packets the slot can carry (eq. 19 without the queue). */
export function linkCapacities(
  alloc: { bandwidth: ArrayLike<number>; power: ArrayLike<number> },
  gains: ArrayLike<number>,
  packetBits: ArrayLike<number>,
  p: ToscnParams,
): { rate: number[]; capacity: number[] } {
  const n = gains.length;
  const rate = new Array<number>(n);
  const capacity = new Array<number>(n);
  for (let u = 0; u < n; u++) {
    rate[u] = rateWithDensity(hz(alloc.bandwidth[u]), watt(alloc.power[u]), gains[u], p.noiseDensity);
    capacity[u] = packetCapacity(p.slotLength, bitPerSecond(rate[u]), bits(packetBits[u]));
  }
  return { rate, capacity };
}

/**
 * Slot reward (003 eq. 37): the task efficiency `sum_u v_u A_u` (eq. 22) when every user
 * meets A_min, else the (negative) sum of the shortfalls `A_u - A_min` of the users below it.
 */
export function slotReward(delivered: ArrayLike<number>, accuracy: ArrayLike<number>, floor: number): {
  reward: number;
  objective: number;
  violations: number;
} {
  let objective = 0;
  let shortfall = 0;
  let violations = 0;
  for (let u = 0; u < delivered.length; u++) {
    objective += delivered[u] * accuracy[u];
    if (accuracy[u] < floor) {
      shortfall += accuracy[u] - floor;
      violations++;
    }
  }
  return { reward: violations > 0 ? shortfall : objective, objective, violations };
}

/** Budget violations of an allocation (should be 0 after projection; counted as a safety check). */
export function budgetViolations(alloc: Allocation, p: ToscnParams): number {
  const tol = 1e-9;
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  let n = 0;
  if (sum(alloc.bandwidth) > p.bandwidthBudget * (1 + tol)) n++;
  if (sum(alloc.power) > p.powerBudget * (1 + tol)) n++;
  for (const x of [...alloc.bandwidth, ...alloc.power]) if (!(x >= 0)) n++;
  return n;
}
