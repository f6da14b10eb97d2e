import type { BoxSpace, Space } from './spaces.ts';

/**
 * Continuous agents work in the unit box [-1, 1]^n (tanh outputs, noise, replay storage, as
 * in SB3) and only the action handed to the environment is rescaled to [low, high]. These
 * helpers are the two directions of that affine map.
 */

/** The box action space of a continuous agent, or a clear error naming the agent. */
export function requireBox(space: Space, agent: string): BoxSpace {
  if (space.kind !== 'box') throw new TypeError(`${agent} needs a box action space, got '${space.kind}'`);
  for (let i = 0; i < space.size; i++) {
    if (!Number.isFinite(space.low[i]) || !Number.isFinite(space.high[i])) {
      throw new RangeError(`${agent} needs finite action bounds; dimension ${i} is [${space.low[i]}, ${space.high[i]}]`);
    }
  }
  return space;
}

/** `low + (u + 1) / 2 * (high - low)` per dimension, with `u` clipped to [-1, 1] first. */
export function unitToBox(space: BoxSpace, unit: ArrayLike<number>, out: Float32Array = new Float32Array(space.size)): Float32Array {
  for (let i = 0; i < space.size; i++) {
    const u = Math.min(1, Math.max(-1, unit[i]));
    out[i] = space.low[i] + 0.5 * (u + 1) * (space.high[i] - space.low[i]);
    // Float32 rounding of the affine map can step a hair outside the box.
    out[i] = Math.min(space.high[i], Math.max(space.low[i], out[i]));
  }
  return out;
}

/** Inverse of {@link unitToBox}: `2 (a - low) / (high - low) - 1`, clipped to [-1, 1]; 0 for a degenerate dimension. */
export function boxToUnit(space: BoxSpace, action: ArrayLike<number>, out: Float32Array = new Float32Array(space.size)): Float32Array {
  for (let i = 0; i < space.size; i++) {
    const width = space.high[i] - space.low[i];
    const u = width > 0 ? (2 * (action[i] - space.low[i])) / width - 1 : 0;
    out[i] = Math.min(1, Math.max(-1, u));
  }
  return out;
}
