/**
 * Maps from an arbitrary real vector (an agent's raw output) onto a budget simplex
 * `{x >= 0, sum x = budget}` or the capped simplex `{x >= 0, sum x <= budget}`. Two families:
 * softmax (smooth, strictly positive shares; 003 Section III-C applies it to bandwidth and
 * power) and Euclidean projection (the nearest feasible point; can give exact zeros).
 * NaN and infinities are rejected (see {@link assertFiniteVector}).
 */
import { assertBudget, assertFiniteVector, outputOf } from './validate.ts';

/** Options shared by the simplex maps. */
export interface SimplexOptions {
  /** Name of the input vector in error messages (default `'action'`). */
  readonly name?: string;
  /** Softmax temperature `tau > 0`: shares are `softmax(x / tau)` (default 1). */
  readonly temperature?: number;
  /**
   * Softmax onto the capped simplex only: the logit of an implicit "unused" entry
   * (default 0). Its share of the budget is left unallocated.
   */
  readonly slackLogit?: number;
}

function checkTemperature(t: number): void {
  if (!(t > 0 && Number.isFinite(t))) throw new RangeError(`softmax temperature must be finite and > 0, got ${t}`);
}

/** `budget * softmax(x / temperature)`: every share > 0 (up to underflow), sum = budget. */
export function softmaxOntoSimplex(x: ArrayLike<number>, budget: number, options: SimplexOptions = {}, out?: Float64Array): Float64Array {
  assertFiniteVector(x, options.name);
  assertBudget(budget);
  const tau = options.temperature ?? 1;
  checkTemperature(tau);
  const y = outputOf(x.length, out, 'softmaxOntoSimplex');
  if (x.length === 0) return y;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) max = Math.max(max, x[i] / tau);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    y[i] = Math.exp(x[i] / tau - max); // the largest term is exactly 1, so sum >= 1
    sum += y[i];
  }
  for (let i = 0; i < x.length; i++) y[i] = (y[i] / sum) * budget;
  return y;
}

/**
 * Softmax onto the capped simplex: a softmax over `x` plus an implicit slack logit, whose
 * share is dropped, so `sum < budget` and every share is >= 0.
 */
export function softmaxOntoCappedSimplex(x: ArrayLike<number>, budget: number, options: SimplexOptions = {}, out?: Float64Array): Float64Array {
  assertFiniteVector(x, options.name);
  assertBudget(budget);
  const tau = options.temperature ?? 1;
  checkTemperature(tau);
  const slack = options.slackLogit ?? 0;
  if (!Number.isFinite(slack)) throw new RangeError(`slackLogit is ${slack}; allowed: finite real numbers`);
  const y = outputOf(x.length, out, 'softmaxOntoCappedSimplex');
  let max = slack / tau;
  for (let i = 0; i < x.length; i++) max = Math.max(max, x[i] / tau);
  let sum = Math.exp(slack / tau - max);
  for (let i = 0; i < x.length; i++) {
    y[i] = Math.exp(x[i] / tau - max);
    sum += y[i];
  }
  for (let i = 0; i < x.length; i++) y[i] = (y[i] / sum) * budget;
  return y;
}

/**
 * Euclidean projection onto `{y >= 0, sum y = budget}`: `y_i = max(x_i - theta, 0)` with the
 * threshold `theta` found by sorting (Held, Wolfe & Crowder 1974; Duchi et al. 2008),
 * O(n log n). The result is rescaled by `budget / sum y` (> 0: the largest entry always
 * keeps a positive share) to remove rounding drift, so the sum matches the budget to a few
 * ulps whatever the scale of `x`. Throws for an empty `x` with a
 * positive budget (the simplex is empty).
 */
export function projectOntoSimplex(x: ArrayLike<number>, budget: number, options: SimplexOptions = {}, out?: Float64Array): Float64Array {
  assertFiniteVector(x, options.name);
  assertBudget(budget);
  const n = x.length;
  const y = outputOf(n, out, 'projectOntoSimplex');
  if (n === 0) {
    if (budget > 0) throw new RangeError('cannot place a positive budget on an empty vector');
    return y;
  }
  if (budget === 0) return y.fill(0);
  // Projection commutes with shifting every entry by the same amount; shifting so the largest
  // entry is exactly 0 keeps the budget from being lost when |x| dwarfs it.
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, x[i]);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = x[i] - max;
  sorted.sort(); // ascending; walked from the top
  let cumulative = 0;
  let theta = 0;
  for (let j = 1; j <= n; j++) {
    const u = sorted[n - j];
    cumulative += u;
    const t = (cumulative - budget) / j;
    // The support is the largest prefix (in descending order) whose entries stay above theta.
    if (u - t > 0) theta = t;
    else break;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    y[i] = Math.max(x[i] - max - theta, 0);
    sum += y[i];
  }
  const scale = budget / sum;
  for (let i = 0; i < n; i++) y[i] *= scale;
  return y;
}

/**
 * Euclidean projection onto `{y >= 0, sum y <= budget}`: clip at zero, and if that
 * overspends, project onto the full simplex (the budget constraint is then active).
 */
export function projectOntoCappedSimplex(x: ArrayLike<number>, budget: number, options: SimplexOptions = {}, out?: Float64Array): Float64Array {
  assertFiniteVector(x, options.name);
  assertBudget(budget);
  const y = outputOf(x.length, out, 'projectOntoCappedSimplex');
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.max(x[i], 0);
  if (sum <= budget) {
    for (let i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0);
    return y;
  }
  return projectOntoSimplex(x, budget, options, y);
}
