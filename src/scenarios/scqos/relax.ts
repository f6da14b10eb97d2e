import { box, hybrid, multiDiscrete, type Action, type BoxSpace, type HybridSpace, type MultiDiscreteSpace } from '../../agents/common/spaces.ts';
import { factorial } from '../../models/phy/ofdm.ts';
import { continuousSize } from './logic.ts';
import type { ScqosParams } from './params.ts';

/** Lehmer index of a permutation of 0..n-1 (the inverse of `permutationFromIndex`). */
export function permutationIndex(perm: ArrayLike<number>): number {
  const n = perm.length;
  const pool = Array.from({ length: n }, (_, k) => k);
  let index = 0;
  for (let k = 0; k < n; k++) {
    const at = pool.indexOf(perm[k]);
    if (at < 0) throw new RangeError(`not a permutation of 0..${n - 1}: ${Array.from(perm).join(',')}`);
    index += at * factorial(n - 1 - k);
    pool.splice(at, 1);
  }
  return index;
}

/**
 * Distinct subchannels from a U x C score table (row-major): the best remaining (user,
 * subchannel) pair first, then the next, so every user gets one and no two share. Completed
 * with the unused subchannels in order, as a permutation index of the scenario's action.
 */
export function permutationFromScores(scores: ArrayLike<number>, users: number, subchannels: number): number {
  const perm = new Int32Array(subchannels).fill(-1);
  const usedC = new Uint8Array(subchannels);
  for (let k = 0; k < users; k++) {
    let best = -1;
    for (let i = 0; i < users * subchannels; i++) {
      const u = Math.floor(i / subchannels);
      const c = i % subchannels;
      if (perm[u] >= 0 || usedC[c]) continue;
      if (best < 0 || scores[i] > scores[best]) best = i;
    }
    perm[Math.floor(best / subchannels)] = best % subchannels;
    usedC[best % subchannels] = 1;
  }
  let next = 0;
  for (let u = users; u < subchannels; u++) {
    while (usedC[next]) next++;
    perm[u] = next;
    usedC[next] = 1;
  }
  return permutationIndex(perm);
}

/**
 * The continuous relaxation DDPG and TD3 act in: the scenario's continuous part, then N codec
 * scores per user (the codec is their argmax), then C subchannel scores per user (assigned by
 * `permutationFromScores`).
 */
export function relaxedSpace(p: ScqosParams): BoxSpace {
  return box(continuousSize(p) + p.users * (p.bits.length + p.subchannels), -1, 1);
}

export function fromRelaxed(x: Float32Array, p: ScqosParams): Action {
  const k = continuousSize(p);
  const N = p.bits.length;
  const discrete = new Int32Array(p.users + 1);
  for (let u = 0; u < p.users; u++) {
    let best = 0;
    for (let n = 1; n < N; n++) if (x[k + u * N + n] > x[k + u * N + best]) best = n;
    discrete[u] = best;
  }
  discrete[p.users] = permutationFromScores(x.subarray(k + p.users * N), p.users, p.subchannels);
  return { continuous: x.slice(0, k), discrete };
}

/** How far a focused user's logit is raised in the discretisation: shares e^(3 x 0.25) = 2.1 : 1. */
export const FOCUS = 0.25;

/**
 * The discretisation D3QN acts in (`mrt-power` beams only): codec per user, subchannel
 * permutation, then a bandwidth focus and a power focus, each "equal shares" (0) or "favour
 * user u" (u + 1, its logit raised by FOCUS).
 */
export function discretisedSpace(p: ScqosParams): MultiDiscreteSpace {
  if (p.beamforming !== 'mrt-power') throw new RangeError("d3qn's discretisation needs beamforming: mrt-power (it picks beam powers, not beam entries)");
  return multiDiscrete([...Array.from({ length: p.users }, () => p.bits.length), factorial(p.subchannels), p.users + 1, p.users + 1]);
}

export function fromDiscretised(d: Int32Array, p: ScqosParams): Action {
  const U = p.users;
  const continuous = new Float32Array(2 * U);
  if (d[U + 1] > 0) continuous[d[U + 1] - 1] = FOCUS;
  if (d[U + 2] > 0) continuous[U + d[U + 2] - 1] = FOCUS;
  return { continuous, discrete: d.slice(0, U + 1) };
}

/** The scenario's hybrid space without the codec choices (the learner of rate-only and mapping-guided). */
export function resourceSpace(p: ScqosParams): HybridSpace {
  return hybrid(box(continuousSize(p), -1, 1), multiDiscrete([factorial(p.subchannels)]));
}

/** A resource action plus codec indices as the scenario's action. */
export function withCodecs(resource: Action, codecs: Int32Array): Action {
  const discrete = new Int32Array(codecs.length + 1);
  discrete.set(codecs);
  discrete[codecs.length] = resource.discrete![0];
  return { continuous: resource.continuous, discrete };
}
