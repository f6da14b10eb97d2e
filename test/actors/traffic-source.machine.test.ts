import { describe, it, expect } from 'vitest';
import { KIT_EVENTS, type KitEventOf } from '../../src/actors/kit-events.ts';
import { Simulation } from '../../src/actors/simulation.ts';
import { trafficSourceMachine } from '../../src/actors/traffic-source.machine.ts';
import type { TrafficModel } from '../../src/models/traffic/index.ts';
import { RootRandom } from '../../src/random/index.ts';

/** Arrivals per user over one episode of `slots` slots. */
function run(users: number, model: TrafficModel, seed: number, slots: number): number[][] {
  const sim = new Simulation({ slotLength: 1, slotsPerEpisode: slots, events: [KIT_EVENTS] });
  sim.system.spawn('traffic', trafficSourceMachine, { users, model }, { ticks: ['traffic'] });
  const out: number[][] = Array.from({ length: users }, () => []);
  const phases = new Set<string>();
  sim.scheduler.on(['traffic.arrived'], (e, env) => {
    const p = (e as KitEventOf<'traffic.arrived'>).payload;
    phases.add(env.phase);
    out[p.user].push(p.packets);
  });
  sim.clock.startEpisode(0, seed);
  sim.scheduler.run();
  sim.system.assertHealthy();
  expect([...phases]).toEqual(users > 0 ? ['traffic'] : []);
  return out;
}

const onoff: TrafficModel = { model: 'onoff', peakPacketsPerSlot: 6, meanOnSlots: 3, meanOffSlots: 3 };

describe('traffic source', () => {
  it('draws Poisson arrivals per user from traffic/u<i>: exactly RandomStream.poisson on that stream', () => {
    const got = run(3, { model: 'poisson', meanPacketsPerSlot: 2 }, 9, 12);
    const root = new RootRandom(9);
    for (let u = 0; u < 3; u++) {
      const rng = root.stream(`traffic/u${u}`);
      expect(got[u]).toEqual(Array.from({ length: 12 }, () => rng.poisson(2)));
    }
  });

  for (const model of [{ model: 'poisson', meanPacketsPerSlot: 3 } as const, onoff]) {
    it(`${model.model}: adding a user does not change another user's draws`, () => {
      const a = run(3, model, 5, 40);
      const b = run(4, model, 5, 40);
      expect(b.slice(0, 3)).toEqual(a);
    });
  }

  it('on/off: silent and busy stretches (bursty) with the configured long-run mean', () => {
    const got = run(8, onoff, 3, 2000).flat();
    const mean = got.reduce((a, b) => a + b, 0) / got.length;
    expect(mean).toBeGreaterThan(2.6);
    expect(mean).toBeLessThan(3.4);
    expect(got.filter((x) => x === 0).length / got.length).toBeGreaterThan(0.45);
  });
});
