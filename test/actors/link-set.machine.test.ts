import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { KIT_EVENTS, type KitEventOf } from '../../src/actors/kit-events.ts';
import { linkSetMachine, type LinkSetContext } from '../../src/actors/link-set.machine.ts';
import { Simulation } from '../../src/actors/simulation.ts';
import { initGaussMarkov, stepGaussMarkov } from '../../src/models/channel/index.ts';
import { RootRandom } from '../../src/random/index.ts';

/** Runs one episode of a link set; returns every slot's |g|^2 vector and complex state (copied). */
function run(links: number, rho: number, seed: number, slots: number) {
  const sim = new Simulation({ slotLength: 0.2, slotsPerEpisode: slots, events: [KIT_EVENTS] });
  const actor = sim.system.spawn('links', linkSetMachine, { links, rho }, { ticks: ['channel'] });
  const fading: number[][] = [];
  const re: Float64Array[] = [];
  const im: Float64Array[] = [];
  sim.scheduler.on(['channel.evolved'], (e) => {
    fading.push((e as KitEventOf<'channel.evolved'>).payload.fading);
    const c = actor.getSnapshot().context as LinkSetContext;
    re.push(c.state.re.slice());
    im.push(c.state.im.slice());
  });
  sim.clock.startEpisode(0, seed);
  sim.scheduler.run();
  sim.system.assertHealthy();
  return { fading, re, im, sends: sim.system.sends };
}

describe('link set (Gauss-Markov fading over typed arrays)', () => {
  it('emits one vector event per slot for all links, at one send per slot (plus the episode start)', () => {
    const r = run(5, 0.9, 1, 20);
    expect(r.fading).toHaveLength(20);
    for (const f of r.fading) expect(f).toHaveLength(5);
    expect(r.sends).toBe(20 + 1);
  });

  it('is stationary: mean |g|^2 -> 1, and lag-1 autocorrelation E[g_t conj g_(t-1)] -> rho', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (rho, seed) => {
        const links = 8;
        const slots = 2500;
        const { fading, re, im } = run(links, rho, seed, slots);
        let power = 0;
        let corr = 0;
        for (let t = 0; t < slots; t++) {
          for (let i = 0; i < links; i++) {
            power += fading[t][i];
            // Re(g_t conj g_(t-1)); the imaginary part averages to 0.
            if (t > 0) corr += re[t][i] * re[t - 1][i] + im[t][i] * im[t - 1][i];
          }
        }
        expect(power / (slots * links)).toBeGreaterThan(0.85);
        expect(power / (slots * links)).toBeLessThan(1.15);
        expect(Math.abs(corr / ((slots - 1) * links) - rho)).toBeLessThan(0.08);
      }),
      { numRuns: 6 },
    );
  });

  it('gives link i exactly the draws of a one-link process on stream channel/u<i> (bit for bit)', () => {
    const rho = 0.97;
    const { fading } = run(3, rho, 42, 15);
    const root = new RootRandom(42);
    for (let i = 0; i < 3; i++) {
      const rng = root.stream(`channel/u${i}`);
      const g = initGaussMarkov(1, rng);
      for (let t = 0; t < 15; t++) {
        stepGaussMarkov(g, rho, rng);
        expect(fading[t][i]).toBe(g.re[0] ** 2 + g.im[0] ** 2);
      }
    }
  });

  it('adding a link leaves the other links unchanged', () => {
    const a = run(4, 0.5, 7, 30).fading;
    const b = run(5, 0.5, 7, 30).fading;
    expect(b.map((f) => f.slice(0, 4))).toEqual(a);
  });

  it('rejects a bad link count or correlation', () => {
    const sim = new Simulation({ slotLength: 1, slotsPerEpisode: 1, events: [KIT_EVENTS] });
    sim.system.spawn('bad', linkSetMachine, { links: 2, rho: 1.5 }, { ticks: ['channel'] });
    expect(() => sim.system.assertHealthy()).toThrow(/rho must be in \[-1, 1\]/);
  });
});
