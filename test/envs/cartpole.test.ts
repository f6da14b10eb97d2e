import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CartPole, CARTPOLE_DEFAULTS, cartPoleDynamics } from '../../src/envs/cartpole.ts';
import { contains } from '../../src/agents/common/spaces.ts';

const push = (a: number) => ({ discrete: Int32Array.of(a) });

describe('cartPoleDynamics', () => {
  it('matches a hand calculation from rest, pushing right', () => {
    // temp = F/M = 100/11; thetaacc = -temp / (l (4/3 - m/M)) = -600/41; xacc = 4400/451.
    const [x, xDot, theta, thetaDot] = cartPoleDynamics([0, 0, 0, 0], 1);
    expect(x).toBe(0);
    expect(theta).toBe(0);
    expect(xDot).toBeCloseTo((0.02 * 4400) / 451, 12);
    expect(thetaDot).toBeCloseTo((0.02 * -600) / 41, 12);
  });

  it('matches a hand calculation with the pole horizontal, pushing left', () => {
    // cos(theta) = 0: thetaacc = g / (4l/3) = 14.7, xacc = temp = (-10 + 0.05 * 1^2) / 1.1.
    const [x, xDot, theta, thetaDot] = cartPoleDynamics([0.1, 0.2, Math.PI / 2, 1.0], 0);
    expect(x).toBeCloseTo(0.1 + 0.02 * 0.2, 12);
    expect(xDot).toBeCloseTo(0.2 + (0.02 * -9.95) / 1.1, 12);
    expect(theta).toBeCloseTo(Math.PI / 2 + 0.02, 12);
    expect(thetaDot).toBeCloseTo(1 + 0.02 * 14.7, 12);
  });

  it('is mirror-symmetric: flipping the state and the push flips the next state', () => {
    const s = fc.double({ min: -0.2, max: 0.2, noNaN: true });
    fc.assert(
      fc.property(s, s, s, s, fc.integer({ min: 0, max: 1 }), (a, b, c, d, p) => {
        const n = cartPoleDynamics([a, b, c, d], p);
        const m = cartPoleDynamics([-a, -b, -c, -d], 1 - p);
        for (let i = 0; i < 4; i++) expect(m[i]).toBeCloseTo(-n[i], 10);
      }),
    );
  });
});

describe('CartPole env', () => {
  it('starts in U(-0.05, 0.05)^4 and is reproducible by seed', () => {
    const env = new CartPole();
    const a = env.reset({ seed: 7 }).observation;
    for (const v of a) expect(Math.abs(v)).toBeLessThan(0.05);
    expect(new CartPole().reset({ seed: 7 }).observation).toEqual(a);
    expect(new CartPole().reset({ seed: 8 }).observation).not.toEqual(a);
    expect(contains(env.observationSpace, { continuous: a })).toBe(true);
  });

  it('always pushing right terminates with reward 1 per step, well before the time limit', () => {
    const env = new CartPole();
    env.reset({ seed: 1 });
    let total = 0;
    let r;
    do {
      r = env.step(push(1));
      total += r.reward;
    } while (!r.terminated && !r.truncated);
    expect(r.terminated).toBe(true);
    expect(total).toBeGreaterThan(5);
    expect(total).toBeLessThan(30);
    const [x, , theta] = env.currentState;
    expect(Math.abs(x) > 2.4 || Math.abs(theta) > CARTPOLE_DEFAULTS.thetaThreshold).toBe(true);
    expect(() => env.step(push(0))).toThrow(/reset/);
  });

  it('truncates at maxEpisodeSteps', () => {
    const env = new CartPole({ maxEpisodeSteps: 3 });
    env.reset({ seed: 2 });
    expect(env.step(push(0)).truncated).toBe(false);
    expect(env.step(push(1)).truncated).toBe(false);
    expect(env.step(push(0)).truncated).toBe(true);
  });

  it('a hand-written balancing controller survives all 500 steps', () => {
    const env = new CartPole();
    let obs = env.reset({ seed: 3 }).observation;
    let steps = 0;
    for (;;) {
      const r = env.step(push(obs[2] + 0.5 * obs[3] > 0 ? 1 : 0));
      steps++;
      obs = r.observation;
      if (r.terminated || r.truncated) {
        expect(r.truncated).toBe(true);
        break;
      }
    }
    expect(steps).toBe(500);
  });

  it('the position-only variant hides the velocities', () => {
    const env = new CartPole({ observe: 'position' });
    const o = env.reset({ seed: 4 }).observation;
    expect(o.length).toBe(2);
    const s = env.currentState;
    expect(o[0]).toBeCloseTo(s[0], 6);
    expect(o[1]).toBeCloseTo(s[2], 6);
  });

  it('rejects invalid actions', () => {
    const env = new CartPole();
    env.reset();
    expect(() => env.step(push(2))).toThrow(RangeError);
    expect(() => env.step({})).toThrow(RangeError);
  });
});
