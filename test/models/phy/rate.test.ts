import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rateWithDensity, ratesWithDensity, shannonRate, shannonRates, snr } from '../../../src/models/phy/rate.ts';
import { hz, watt } from '../../../src/units.ts';

const N0 = 3.981071705534973e-21; // -174 dBm/Hz in W/Hz

describe('Shannon rate by hand', () => {
  it('B log2(1 + SNR)', () => {
    expect(shannonRate(hz(1e6), 3)).toBeCloseTo(2e6, 6); // log2 4 = 2
    expect(shannonRate(hz(1e6), 1)).toBeCloseTo(1e6, 6);
    expect(shannonRate(hz(90e3), 15)).toBeCloseTo(360e3, 6); // log2 16 = 4
    expect(shannonRate(hz(5), 0)).toBe(0);
    expect(snr(watt(0.1), 1e-9, watt(1e-12))).toBeCloseTo(1e2, 9);
  });

  it('paper 003 eqs. (13)-(14): P = 0.1 W, h = 1e-9, N0 = 4e-21 W/Hz, B = 1 MHz -> SNR 25000, 14.6097 Mbit/s', () => {
    expect(rateWithDensity(hz(1e6), watt(0.1), 1e-9, 4e-21)).toBeCloseTo(1e6 * Math.log2(25001), 3);
    expect(rateWithDensity(hz(1e6), watt(0.1), 1e-9, 4e-21) / 14609698.181084322).toBeCloseTo(1, 12);
    expect(rateWithDensity(hz(0), watt(0.1), 1e-9, 4e-21)).toBe(0);
  });

  it('vectorised forms equal the scalar ones', () => {
    const b = new Float64Array([1e6, 0, 5e5]);
    const p = new Float64Array([0.05, 0.1, 0.05]);
    const h = new Float64Array([1e-10, 1e-9, 0]);
    const r = ratesWithDensity(b, p, h, N0);
    for (let i = 0; i < 3; i++) expect(r[i]).toBe(rateWithDensity(hz(b[i]), watt(p[i]), h[i], N0));
    const s = shannonRates(180e3, new Float64Array([0, 1, 3]));
    expect(Array.from(s)).toEqual([0, 180e3, 360e3]);
    expect(Array.from(shannonRates(new Float64Array([1, 2]), new Float64Array([1, 1])))).toEqual([1, 2]);
  });

  it('rejects negative or NaN inputs instead of propagating them', () => {
    expect(() => shannonRate(hz(-1), 1)).toThrow(RangeError);
    expect(() => shannonRate(hz(1), NaN)).toThrow(RangeError);
    expect(() => rateWithDensity(hz(1), watt(-1), 1, N0)).toThrow(RangeError);
    expect(() => snr(watt(1), 1, watt(0))).toThrow(RangeError);
  });
});

describe('rate monotonicity (SPEC §4)', () => {
  const power = fc.double({ min: 1e-6, max: 1, noNaN: true });
  const band = fc.double({ min: 1e3, max: 1e7, noNaN: true });
  const gain = fc.double({ min: 1e-14, max: 1e-6, noNaN: true });
  const factor = fc.double({ min: 1.01, max: 100, noNaN: true });

  it('strictly increases with transmit power', () => {
    fc.assert(
      fc.property(band, power, gain, factor, (b, p, h, k) => {
        expect(rateWithDensity(hz(b), watt(p * k), h, N0)).toBeGreaterThan(rateWithDensity(hz(b), watt(p), h, N0));
      }),
    );
  });

  it('strictly increases with bandwidth even though the noise N0 B grows with it', () => {
    fc.assert(
      fc.property(band, power, gain, factor, (b, p, h, k) => {
        expect(rateWithDensity(hz(b * k), watt(p), h, N0)).toBeGreaterThan(rateWithDensity(hz(b), watt(p), h, N0));
      }),
    );
  });

  it('never exceeds the infinite-bandwidth limit P h / (N0 ln 2)', () => {
    fc.assert(
      fc.property(band, power, gain, (b, p, h) => {
        expect(rateWithDensity(hz(b), watt(p), h, N0)).toBeLessThanOrEqual(((p * h) / (N0 * Math.LN2)) * (1 + 1e-12));
      }),
    );
  });
});
