import type { RandomStream } from '../../random/index.ts';

/**
 * On/off traffic, a two-state Markov-modulated Poisson process on the slot grid: a source is
 * either on (Poisson arrivals at `peakPacketsPerSlot`) or off (none). It stays on for a
 * geometric number of slots with mean `meanOnSlots`, off with mean `meanOffSlots`. The mean
 * rate is `peak * meanOn / (meanOn + meanOff)`; the counts are overdispersed (bursty):
 * their variance exceeds their mean whenever both states occur.
 */
export interface OnOffTraffic {
  readonly model: 'onoff';
  /** Mean packets per slot while on. */
  readonly peakPacketsPerSlot: number;
  /** Mean sojourn in the on state, in slots (>= 1). */
  readonly meanOnSlots: number;
  /** Mean sojourn in the off state, in slots (>= 1). */
  readonly meanOffSlots: number;
}

/** Stationary probability of the on state, `meanOn / (meanOn + meanOff)`. */
export function onOffDutyCycle(p: OnOffTraffic): number {
  return p.meanOnSlots / (p.meanOnSlots + p.meanOffSlots);
}

/** Long-run mean packets per slot of an on/off source. */
export function onOffMeanRate(p: OnOffTraffic): number {
  return p.peakPacketsPerSlot * onOffDutyCycle(p);
}

/** Checks the parameters; throws a RangeError naming the bad one. */
export function checkOnOff(p: OnOffTraffic): void {
  if (!(p.peakPacketsPerSlot >= 0) || !Number.isFinite(p.peakPacketsPerSlot)) throw new RangeError(`onoff: peakPacketsPerSlot must be finite and >= 0, got ${p.peakPacketsPerSlot}`);
  for (const k of ['meanOnSlots', 'meanOffSlots'] as const) {
    if (!(p[k] >= 1) || !Number.isFinite(p[k])) throw new RangeError(`onoff: ${k} must be finite and >= 1, got ${p[k]}`);
  }
}

/** The state a source starts an episode in: drawn from the stationary law (no burn-in). */
export function initialOnOff(p: OnOffTraffic, rng: RandomStream): boolean {
  return rng.uniform() < onOffDutyCycle(p);
}

/**
 * One slot of an on/off source in state `on`: first the state moves (leave on with
 * probability `1/meanOn`, leave off with `1/meanOff`), then the slot's arrivals are drawn in
 * the new state. Returns the new state and the count; both draws come from `rng`.
 */
export function stepOnOff(p: OnOffTraffic, on: boolean, rng: RandomStream): { on: boolean; packets: number } {
  const leave = on ? 1 / p.meanOnSlots : 1 / p.meanOffSlots;
  const next = rng.uniform() < leave ? !on : on;
  return { on: next, packets: next ? rng.poisson(p.peakPacketsPerSlot) : 0 };
}
