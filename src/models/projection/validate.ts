/**
 * Input checks for everything that turns agent outputs into allocations. A NaN or infinite
 * action must never become a bandwidth or power (SPEC section 4, "Budgets"), so it is
 * rejected here with a message that names the offending entry.
 */

/**
 * Throws a `RangeError` such as `"action[3] is NaN; allowed: finite real numbers"` for the
 * first entry of `x` that is NaN or infinite. `name` names the vector in the message.
 */
export function assertFiniteVector(x: ArrayLike<number>, name = 'action'): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) {
      const what = Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
      throw new RangeError(`${name}[${i}] is ${what}; allowed: finite real numbers`);
    }
  }
}

/** Throws a `RangeError` unless `budget` is a finite number >= 0. */
export function assertBudget(budget: number, name = 'budget'): void {
  if (!(budget >= 0 && Number.isFinite(budget))) throw new RangeError(`${name} is ${budget}; allowed: finite numbers >= 0`);
}

/** Returns `out` if it has length `n`, a new `Float64Array(n)` if it is absent; throws otherwise. */
export function outputOf(n: number, out: Float64Array | undefined, fn: string): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) throw new RangeError(`${fn}: out has length ${out.length}, expected ${n}`);
  return out;
}
