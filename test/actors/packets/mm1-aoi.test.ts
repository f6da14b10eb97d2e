/**
 * Age of information of an M/M/1 FCFS queue on a kit-only simulation (the kit traffic source
 * and one timed buffer with a work-conserving server, no scenario): the time-average AoI at
 * the receiver against Kaul, Yates and Gruteser (INFOCOM 2012),
 * Delta = (1/mu) (1 + 1/rho + rho^2 / (1 - rho)).
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/actors/simulation.ts';
import { KIT_EVENTS } from '../../../src/actors/kit-events.ts';
import { timedBufferMachine } from '../../../src/actors/timed-buffer.machine.ts';
import { trafficSourceMachine } from '../../../src/actors/traffic-source.machine.ts';

type Summary = { ageOfInformation: number; meanInSystem: number; acceptedRate: number; meanSojourn: number; delivered: number; endToEnd: { mean: number } };

/** One long episode of an M/M/1 queue: arrivals at rate lambda, service Exp(mu) (exponential packet sizes at a fixed rate). */
export function mm1(lambda: number, mu: number, seed: number, slots: number, slotLength = 10): Summary {
  const sim = new Simulation({ slotLength, slotsPerEpisode: slots, events: [KIT_EVENTS] });
  const rate = 1e6;
  sim.system.spawn('traffic', trafficSourceMachine, { users: 1, model: { model: 'poisson', meanPacketsPerSlot: lambda * slotLength }, spreadOver: slotLength }, { ticks: ['traffic'] });
  const input = {
    user: 0,
    capacity: 100_000,
    arrivals: 'continuous' as const,
    slotLength,
    slotsPerEpisode: slots,
    packetBits: { exponentialMeanBits: rate / mu },
    serviceRate: rate,
    now: () => sim.scheduler.now(),
  };
  sim.system.spawn('buffer/0', timedBufferMachine, input);
  let summary: Summary | undefined;
  sim.scheduler.on(['packet.summary'], (e) => (summary = e.payload as Summary));
  sim.clock.startEpisode(0, seed);
  sim.scheduler.run();
  sim.system.assertHealthy();
  return summary!;
}

const kyg = (lambda: number, mu: number): number => {
  const rho = lambda / mu;
  return (1 / mu) * (1 + 1 / rho + (rho * rho) / (1 - rho));
};

describe('M/M/1 FCFS age of information (kit only)', () => {
  // Tolerance: one episode of T = 1e5 s (3e4-7e4 packets). Over 20 other seeds of this exact
  // setup the relative error of the time-average AoI had mean -0.1 %, +0.2 %, +0.6 % and
  // standard deviation 0.44 %, 0.61 %, 1.55 % at rho = 0.3, 0.5, 0.7 (the sawtooth's
  // variance grows with the load). Each tolerance is about four of those deviations, so a
  // correct queue passes for any seed while an error in the sawtooth (e.g. the age reset to
  // the service start instead of the generation time: +1/mu, +25-29 %) fails by far.
  it.each([
    [0.3, 1, 12, 0.02],
    [0.5, 1, 11, 0.025],
    [0.7, 1, 13, 0.06],
  ])('lambda = %s, mu = %s: the time-average AoI matches Kaul-Yates-Gruteser', (lambda, mu, seed, tolerance) => {
    const s = mm1(lambda, mu, seed, 10_000);
    expect(s.delivered).toBeGreaterThan(lambda * 1e5 * 0.9);
    expect(Math.abs(s.ageOfInformation / kyg(lambda, mu) - 1)).toBeLessThan(tolerance);
    // The M/M/1 sojourn time, 1/(mu - lambda), as a check on the queue itself (same spread argument).
    expect(Math.abs(s.endToEnd.mean * (mu - lambda) - 1)).toBeLessThan(2 * tolerance);
    // Little's law on the same run: time-average number in system = accepted rate x mean sojourn.
    expect(s.meanInSystem).toBeCloseTo(s.acceptedRate * s.meanSojourn, 9);
  });
});
