import type { RandomStream } from '../../random/index.ts';

/** Poisson arrivals: `mean` packets per slot on average, independent from slot to slot. */
export interface PoissonTraffic {
  readonly model: 'poisson';
  /** Mean packets per slot (lambda). */
  readonly meanPacketsPerSlot: number;
}

/** One slot of Poisson arrivals: a Poisson(mean) count drawn from `rng` (one stream per user). */
export function poissonArrivals(rng: RandomStream, mean: number): number {
  return rng.poisson(mean);
}
