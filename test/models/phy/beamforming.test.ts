import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  beamGain,
  beamGainMatrix,
  beamPower,
  beamPowerOf,
  mrtBeams,
  scaleBeamsToBudget,
  withBeamPowers,
  zfBeams,
} from '../../../src/models/phy/beamforming.ts';
import { type ComplexMatrix, asComplexMatrix, complexMatrix } from '../../../src/models/phy/complex.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { watt } from '../../../src/units.ts';

/** A random U×M channel with CN(0, 1) entries. */
function randomChannel(u: number, m: number, seed: number): ComplexMatrix {
  const rng = new RootRandom(seed).stream('h');
  const h = complexMatrix(u, m);
  for (let i = 0; i < u * m; i++) [h.re[i], h.im[i]] = rng.complexGaussian(1);
  return h;
}

const shape = fc
  .record({ m: fc.integer({ min: 1, max: 8 }), seed: fc.integer({ min: 0, max: 0xffffffff }) })
  .chain(({ m, seed }) => fc.record({ m: fc.constant(m), u: fc.integer({ min: 1, max: m }), seed: fc.constant(seed) }));

describe('beam gain |h f|^2 (paper 001 eq. (15))', () => {
  it('hand example with M = 2', () => {
    // h = [1 + j, 2], f = [1, -j]: h f = (1 + j) - 2j = 1 - j, |.|^2 = 2.
    const h = asComplexMatrix(1, 2, new Float64Array([1, 2]), new Float64Array([1, 0]));
    const f = asComplexMatrix(1, 2, new Float64Array([1, 0]), new Float64Array([0, -1]));
    expect(beamGain(h, 0, f, 0)).toBeCloseTo(2, 14);
    expect(beamPower(f)).toBe(2);
  });

  it('MRT reaches ||h||^2, the Cauchy-Schwarz bound no unit beam can beat', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 0, max: 0xffffffff }), ({ m, u, seed }, seed2) => {
        const h = randomChannel(u, m, seed);
        const f = mrtBeams(h);
        const other = withBeamPowers(randomChannel(u, m, seed2), new Float64Array(u).fill(1));
        for (let k = 0; k < u; k++) {
          const norm2 = beamPowerOf(h, k);
          expect(beamPowerOf(f, k)).toBeCloseTo(1, 12);
          expect(beamGain(h, k, f, k) / norm2).toBeCloseTo(1, 10);
          expect(beamGain(h, k, other, k)).toBeLessThanOrEqual(norm2 * (1 + 1e-12));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('zero-forcing beams', () => {
  it('null all inter-user interference and keep positive useful gain, for any U <= M', () => {
    fc.assert(
      fc.property(shape, ({ m, u, seed }) => {
        const h = randomChannel(u, m, seed);
        const f = zfBeams(h);
        const g = beamGainMatrix(h, f);
        for (let a = 0; a < u; a++) {
          expect(beamPowerOf(f, a)).toBeCloseTo(1, 10);
          expect(g[a * u + a]).toBeGreaterThan(0);
          for (let b = 0; b < u; b++) if (a !== b) expect(g[a * u + b]).toBeLessThan(1e-18 * beamPowerOf(h, a) + 1e-24);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('with U = 1 it coincides with MRT', () => {
    const h = randomChannel(1, 6, 3);
    const a = zfBeams(h);
    const b = mrtBeams(h);
    for (let i = 0; i < 6; i++) {
      expect(a.re[i]).toBeCloseTo(b.re[i], 12);
      expect(a.im[i]).toBeCloseTo(b.im[i], 12);
    }
  });

  it('refuses more users than antennas and dependent channels', () => {
    expect(() => zfBeams(randomChannel(3, 2, 1))).toThrow(RangeError);
    const h = randomChannel(2, 3, 2);
    for (let k = 0; k < 3; k++) {
      h.re[3 + k] = 2 * h.re[k];
      h.im[3 + k] = 2 * h.im[k];
    }
    expect(() => zfBeams(h)).toThrow(RangeError);
  });
});

describe('power budget sum ||f_u||^2 <= P_T (paper 001 (18g))', () => {
  const budget = fc.double({ min: 1e-8, max: 10, noNaN: true });

  it('fill mode uses the budget (never above it) and keeps directions and power ratios', () => {
    fc.assert(
      fc.property(shape, budget, ({ m, u, seed }, pt) => {
        const f0 = randomChannel(u, m, seed);
        const f = scaleBeamsToBudget(f0, watt(pt));
        const p = beamPower(f);
        expect(p).toBeLessThanOrEqual(pt);
        expect(p / pt).toBeCloseTo(1, 12);
        const ratio = beamPowerOf(f, 0) / beamPowerOf(f0, 0);
        for (let k = 0; k < u; k++) expect(beamPowerOf(f, k) / beamPowerOf(f0, k)).toBeCloseTo(ratio, 10);
      }),
    );
  });

  it('cap mode only ever shrinks', () => {
    fc.assert(
      fc.property(shape, budget, ({ m, u, seed }, pt) => {
        const f0 = randomChannel(u, m, seed);
        const f = scaleBeamsToBudget(f0, watt(pt), 'cap');
        const p0 = beamPower(f0);
        expect(beamPower(f)).toBeLessThanOrEqual(Math.max(pt, p0 <= pt ? p0 : 0));
        if (p0 <= pt) expect(Array.from(f.re)).toEqual(Array.from(f0.re));
        else expect(beamPower(f)).toBeLessThanOrEqual(pt);
      }),
    );
  });

  it('per-beam powers are applied exactly; zero beams and bad inputs are handled', () => {
    const f = withBeamPowers(randomChannel(3, 4, 5), new Float64Array([0.5, 0, 2]));
    expect(beamPowerOf(f, 0)).toBeCloseTo(0.5, 12);
    expect(beamPowerOf(f, 1)).toBe(0);
    expect(beamPowerOf(f, 2)).toBeCloseTo(2, 12);
    expect(beamPower(scaleBeamsToBudget(complexMatrix(2, 2), watt(1)))).toBe(0);
    expect(() => scaleBeamsToBudget(f, watt(NaN))).toThrow(RangeError);
    expect(() => withBeamPowers(f, new Float64Array([1, NaN, 1]))).toThrow(RangeError);
  });
});
