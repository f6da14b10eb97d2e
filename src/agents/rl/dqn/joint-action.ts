/**
 * Value-based agents (DQN, D3QN, DRQN, discrete SAC) output one value per action, so a
 * `MultiDiscrete` space is flattened into its joint (product) space: 004's per-BS action
 * (power level x compression level) is one of `Q * (k_max - 1)` joint choices. The encoding is
 * mixed-radix with the first dimension most significant.
 */
import type { Action, Space } from '../../common/spaces.ts';

/** Number of joint actions of a discrete or multi-discrete space. */
export function jointActionCount(space: Space): number {
  if (space.kind === 'discrete') return space.n;
  if (space.kind === 'multi-discrete') return space.nvec.reduce((a, n) => a * n, 1);
  throw new TypeError(`value-based agents need a discrete or multi-discrete action space, got '${space.kind}'`);
}

/** Joint index of `action` (the inverse of {@link decodeJointAction}). */
export function encodeJointAction(space: Space, action: Action): number {
  const d = action.discrete;
  if (!d) throw new RangeError('discrete action missing');
  if (space.kind === 'discrete') return d[0];
  if (space.kind !== 'multi-discrete') throw new TypeError(`cannot encode a '${space.kind}' action`);
  let index = 0;
  space.nvec.forEach((n, i) => (index = index * n + d[i]));
  return index;
}

/** The action whose joint index is `index`. */
export function decodeJointAction(space: Space, index: number): Action {
  if (space.kind === 'discrete') return { discrete: Int32Array.of(index) };
  if (space.kind !== 'multi-discrete') throw new TypeError(`cannot decode a '${space.kind}' action`);
  const out = new Int32Array(space.nvec.length);
  let rest = index;
  for (let i = space.nvec.length - 1; i >= 0; i--) {
    out[i] = rest % space.nvec[i];
    rest = Math.floor(rest / space.nvec[i]);
  }
  return { discrete: out };
}

/** Floats per observation; value-based agents read a flat box. */
export function observationSize(space: Space, agent: string): number {
  if (space.kind !== 'box') throw new TypeError(`${agent} needs a box observation space, got '${space.kind}'`);
  return space.size;
}

/** Index of the largest value in `values[offset, offset + n)` (first one on ties). */
export function argmax(values: ArrayLike<number>, n = values.length, offset = 0): number {
  let best = 0;
  for (let a = 1; a < n; a++) if (values[offset + a] > values[offset + best]) best = a;
  return best;
}
