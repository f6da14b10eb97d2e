import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { contains } from '../../src/agents/common/spaces.ts';
import { PendulumEnv, angleNormalize, pendulumStep } from '../../src/envs/pendulum.ts';

const act = (u: number) => ({ continuous: Float32Array.of(u) });

describe('Pendulum-v1 dynamics', () => {
  it('one step matches a hand calculation of Gymnasium\'s update', () => {
    // th = 1, thdot = 0.5, u = 1.5, g = 10, m = l = 1, dt = 0.05:
    //   cost      = 1^2 + 0.1 * 0.5^2 + 0.001 * 1.5^2           = 1.02725
    //   thdot'    = 0.5 + (3*10/2 * sin 1 + 3 * 1.5) * 0.05       = 0.5 + (12.6220647721 + 4.5) * 0.05 = 1.3561032386
    //   th'       = 1 + 1.3561032386 * 0.05                       = 1.0678051619
    const { state, reward } = pendulumStep({ th: 1, thdot: 0.5 }, 1.5);
    expect(reward).toBeCloseTo(-1.02725, 12);
    expect(state.thdot).toBeCloseTo(1.3561032386, 9);
    expect(state.th).toBeCloseTo(1.0678051619, 9);
  });

  it('clips torque to 2 and speed to 8, and wraps the angle in the cost', () => {
    // th = 4 wraps to 4 - 2 pi = -2.2831853072; torque 5 -> 2.
    //   cost   = 2.2831853072^2 + 0.1 * 7.9^2 + 0.001 * 4 = 5.2129352 + 6.241 + 0.004 = 11.4579352
    //   thdot' = 7.9 + (15 sin 4 + 6) * 0.05 = 7.9 + (-11.3520374 + 6) * 0.05 = 7.6323981 (no clip)
    const a = pendulumStep({ th: 4, thdot: 7.9 }, 5);
    expect(a.reward).toBeCloseTo(-11.4579352, 6);
    expect(a.state.thdot).toBeCloseTo(7.6323981, 6);
    // th = pi/2, thdot = 7.9, u = 2: 7.9 + (15 + 6) * 0.05 = 8.95 -> clipped to 8; th' = pi/2 + 0.4.
    const b = pendulumStep({ th: Math.PI / 2, thdot: 7.9 }, 2);
    expect(b.state.thdot).toBe(8);
    expect(b.state.th).toBeCloseTo(Math.PI / 2 + 0.4, 12);
  });

  it('angleNormalize is Python\'s ((x + pi) % 2pi) - pi', () => {
    expect(angleNormalize(Math.PI)).toBeCloseTo(-Math.PI, 12);
    expect(angleNormalize(-Math.PI)).toBeCloseTo(-Math.PI, 12);
    expect(angleNormalize((3 * Math.PI) / 2)).toBeCloseTo(-Math.PI / 2, 12);
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (x) => {
        const y = angleNormalize(x);
        expect(y).toBeGreaterThanOrEqual(-Math.PI - 1e-12);
        expect(y).toBeLessThan(Math.PI + 1e-12);
        // Same angle: differs from x by a whole number of turns.
        const turns = (x - y) / (2 * Math.PI);
        expect(Math.abs(turns - Math.round(turns))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('PendulumEnv', () => {
  it('starts uniformly in th in [-pi, pi], thdot in [-1, 1], reproducibly per seed', () => {
    const env = new PendulumEnv();
    const first = env.reset({ seed: 42 }).observation;
    const again = new PendulumEnv().reset({ seed: 42 }).observation;
    expect(Array.from(again)).toEqual(Array.from(first));
    let sumTh = 0;
    let sumAbsThdot = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      env.reset();
      const { th, thdot } = env.currentState;
      expect(Math.abs(th)).toBeLessThanOrEqual(Math.PI);
      expect(Math.abs(thdot)).toBeLessThanOrEqual(1);
      sumTh += th;
      sumAbsThdot += Math.abs(thdot);
    }
    // U(-pi, pi): mean 0 (std of the mean 1.81/sqrt(2000) = 0.04); E|U(-1, 1)| = 0.5.
    expect(Math.abs(sumTh / n)).toBeLessThan(0.2);
    expect(Math.abs(sumAbsThdot / n - 0.5)).toBeLessThan(0.03);
  });

  it('observes [cos th, sin th, thdot] inside its observation space and truncates after 200 steps', () => {
    const env = new PendulumEnv();
    env.reset({ seed: 3 });
    for (let t = 1; t <= 200; t++) {
      const r = env.step(act(2));
      const { th, thdot } = env.currentState;
      expect(r.observation[0]).toBeCloseTo(Math.cos(th), 6);
      expect(r.observation[1]).toBeCloseTo(Math.sin(th), 6);
      expect(r.observation[2]).toBeCloseTo(thdot, 5);
      expect(contains(env.observationSpace, { continuous: r.observation })).toBe(true);
      expect(r.terminated).toBe(false);
      expect(r.truncated).toBe(t === 200);
    }
    expect(() => env.step(act(0))).toThrow(/before reset/);
  });

  it('rejects malformed actions', () => {
    const env = new PendulumEnv();
    env.reset({ seed: 1 });
    expect(() => env.step({ continuous: Float32Array.of(NaN) })).toThrow(/finite/);
    expect(() => env.step({ continuous: Float32Array.of(1, 2) })).toThrow(/length 1/);
  });
});
