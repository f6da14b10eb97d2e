import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { drawShadowingDb, largeScaleGain, largeScaleGains, logDistancePathLossDb } from '../../../src/models/channel/pathloss.ts';
import { TOSCN_PATH_LOSS, pathLossToscnDb } from '../../../src/scenarios/toscn/constants.ts';
import { pathLossMulticellDb } from '../../../src/scenarios/multicell-ee/constants.ts';
import { scqosPathGainDb } from '../../../src/scenarios/scqos/constants.ts';
import { RootRandom } from '../../../src/random/index.ts';
import { db, metre } from '../../../src/units.ts';

describe('path loss at hand-computed distances', () => {
  it('paper 003: 128.1 + 37.6 log10(d_km)', () => {
    expect(pathLossToscnDb(metre(1000))).toBeCloseTo(128.1, 12);
    expect(pathLossToscnDb(metre(100))).toBeCloseTo(128.1 - 37.6, 12); // 90.5 dB at the cell edge
    expect(pathLossToscnDb(metre(10))).toBeCloseTo(128.1 - 2 * 37.6, 12);
  });

  it('paper 004: 120.9 + 37.6 log10(d_km)', () => {
    expect(pathLossMulticellDb(metre(1000))).toBeCloseTo(120.9, 12);
    // log10(0.2) = -0.698970004336...
    expect(pathLossMulticellDb(metre(200))).toBeCloseTo(120.9 + 37.6 * -0.6989700043360188, 10);
    expect(pathLossMulticellDb(metre(200))).toBeCloseTo(94.6187278, 6);
  });

  it('paper 001: gain -30 dB at D_ref = 1 m, falling 30 dB per decade (phi = 3)', () => {
    expect(scqosPathGainDb(metre(1))).toBeCloseTo(-30, 12);
    expect(scqosPathGainDb(metre(10))).toBeCloseTo(-60, 12);
    expect(scqosPathGainDb(metre(100))).toBeCloseTo(-90, 12);
  });

  it('grows by 10 * exponent dB per decade and is increasing in distance', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 1.001, max: 100, noNaN: true }), (d, k) => {
        const a = pathLossToscnDb(metre(d));
        const b = pathLossToscnDb(metre(d * k));
        expect(b).toBeGreaterThan(a);
        expect(b - a).toBeCloseTo(37.6 * Math.log10(k), 9);
      }),
    );
  });

  it('rejects non-positive distances', () => {
    expect(() => logDistancePathLossDb(metre(0), TOSCN_PATH_LOSS)).toThrow(RangeError);
    expect(() => logDistancePathLossDb(metre(NaN), TOSCN_PATH_LOSS)).toThrow(RangeError);
  });
});

describe('shadowing and large-scale gain', () => {
  it('beta = 10^(-(PL + X)/10)', () => {
    expect(largeScaleGain(db(90.5)) / 8.912509381337455e-10).toBeCloseTo(1, 12); // 10^0.95 = 8.9125...
    expect(largeScaleGain(db(90.5), db(-0.5)) / 1e-9).toBeCloseTo(1, 12);
    expect(largeScaleGain(db(0), db(0))).toBe(1);
  });

  it('log-normal shadowing draws have mean 0 and the configured std (6 dB, paper 003)', () => {
    const rng = new RootRandom(7).stream('shadow');
    const n = 40_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = drawShadowingDb(rng, 6);
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const std = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(5 * (6 / Math.sqrt(n)));
    expect(Math.abs(std - 6)).toBeLessThan(0.1);
    expect(drawShadowingDb(rng, 0)).toBe(0);
  });

  it('vectorised gains equal the scalar formula without shadowing and scatter around it with it', () => {
    const d = new Float64Array([10, 50, 100, 1000]);
    const rng = new RootRandom(1).stream('g');
    const g = largeScaleGains(d, TOSCN_PATH_LOSS, 0, rng);
    for (let i = 0; i < d.length; i++) expect(g[i] / largeScaleGain(pathLossToscnDb(metre(d[i])))).toBeCloseTo(1, 12);
    // With shadowing, 10 log10(beta_shadowed / beta) must be an N(0, 6^2) draw: check mean/std over many links.
    const n = 20_000;
    const many = new Float64Array(n).fill(100);
    const shadowed = largeScaleGains(many, TOSCN_PATH_LOSS, 6, new RootRandom(2).stream('g'));
    const base = largeScaleGain(pathLossToscnDb(metre(100)));
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = -10 * Math.log10(shadowed[i] / base);
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.25);
    expect(Math.abs(Math.sqrt(s2 / n) - 6)).toBeLessThan(0.15);
  });
});
