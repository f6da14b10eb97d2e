/**
 * Gymnasium-like spaces. An observation or action is always a flat `Float32Array` for
 * continuous parts and an `Int32Array` for discrete parts, so agents and environments never
 * allocate nested JS arrays on the hot path.
 */
export type Space = BoxSpace | DiscreteSpace | MultiDiscreteSpace | HybridSpace;

/** A box of `shape` (flattened to `size`) with per-dimension bounds. */
export interface BoxSpace {
  readonly kind: 'box';
  readonly size: number;
  readonly low: Float32Array;
  readonly high: Float32Array;
}

/** One choice out of `n`. */
export interface DiscreteSpace {
  readonly kind: 'discrete';
  readonly n: number;
}

/** Several independent discrete choices, choice `i` out of `nvec[i]`. */
export interface MultiDiscreteSpace {
  readonly kind: 'multi-discrete';
  readonly nvec: readonly number[];
}

/** A tuple of a continuous box and a multi-discrete part acting jointly (hybrid SAC, 001 Alg. 4). */
export interface HybridSpace {
  readonly kind: 'hybrid';
  readonly continuous: BoxSpace;
  readonly discrete: MultiDiscreteSpace;
}

/** An action as agents emit it; which fields are set follows the action space's kind. */
export interface Action {
  readonly continuous?: Float32Array;
  readonly discrete?: Int32Array;
}

export function box(size: number, low: number | ArrayLike<number>, high: number | ArrayLike<number>): BoxSpace {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`box size must be a positive integer, got ${size}`);
  const lo = typeof low === 'number' ? new Float32Array(size).fill(low) : Float32Array.from(low);
  const hi = typeof high === 'number' ? new Float32Array(size).fill(high) : Float32Array.from(high);
  if (lo.length !== size || hi.length !== size) throw new RangeError(`box bounds must have length ${size}`);
  for (let i = 0; i < size; i++) {
    if (!(lo[i] <= hi[i])) throw new RangeError(`box bound ${i}: low ${lo[i]} must be <= high ${hi[i]}`);
  }
  return { kind: 'box', size, low: lo, high: hi };
}

export function discrete(n: number): DiscreteSpace {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`discrete n must be a positive integer, got ${n}`);
  return { kind: 'discrete', n };
}

export function multiDiscrete(nvec: readonly number[]): MultiDiscreteSpace {
  for (const n of nvec) {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`multi-discrete sizes must be positive integers, got ${n}`);
  }
  return { kind: 'multi-discrete', nvec: [...nvec] };
}

export function hybrid(continuous: BoxSpace, discretePart: MultiDiscreteSpace): HybridSpace {
  return { kind: 'hybrid', continuous, discrete: discretePart };
}

/** Number of floats in a flat vector of this space (box size, or 1 per discrete choice). */
export function flatSize(space: Space): number {
  switch (space.kind) {
    case 'box':
      return space.size;
    case 'discrete':
      return 1;
    case 'multi-discrete':
      return space.nvec.length;
    case 'hybrid':
      return space.continuous.size + space.discrete.nvec.length;
  }
}

/** True when `action` lies in `space` (finite values within bounds, valid indices). */
export function contains(space: Space, action: Action): boolean {
  const inBox = (b: BoxSpace, x: Float32Array | undefined): boolean => {
    if (!x || x.length !== b.size) return false;
    for (let i = 0; i < b.size; i++) if (!(x[i] >= b.low[i] && x[i] <= b.high[i])) return false;
    return true;
  };
  const inDiscrete = (nvec: readonly number[], x: Int32Array | undefined): boolean => {
    if (!x || x.length !== nvec.length) return false;
    for (let i = 0; i < nvec.length; i++) if (!(x[i] >= 0 && x[i] < nvec[i])) return false;
    return true;
  };
  switch (space.kind) {
    case 'box':
      return inBox(space, action.continuous);
    case 'discrete':
      return inDiscrete([space.n], action.discrete);
    case 'multi-discrete':
      return inDiscrete(space.nvec, action.discrete);
    case 'hybrid':
      return inBox(space.continuous, action.continuous) && inDiscrete(space.discrete.nvec, action.discrete);
  }
}
