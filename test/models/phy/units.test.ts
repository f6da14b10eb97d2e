import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  dbToLinear,
  dbmToWatt,
  dbwToWatt,
  linearToDb,
  noiseDensityWattPerHz,
  noisePower,
  wattToDbm,
  wattToDbw,
} from '../../../src/models/phy/units.ts';
import { db, dbm, hz, watt } from '../../../src/units.ts';

describe('dB / linear conversions', () => {
  it('hand values', () => {
    expect(dbToLinear(db(0))).toBe(1);
    expect(dbToLinear(db(10))).toBeCloseTo(10, 12);
    expect(dbToLinear(db(3))).toBeCloseTo(1.9952623149688795, 12);
    expect(linearToDb(100)).toBeCloseTo(20, 12);
    expect(dbmToWatt(dbm(30))).toBeCloseTo(1, 14);
    expect(dbmToWatt(dbm(20))).toBeCloseTo(0.1, 14); // paper 004 p_max
    expect(dbmToWatt(dbm(-10)) / 1e-4).toBeCloseTo(1, 12); // paper 001 transmit power
    expect(wattToDbm(watt(0.2))).toBeCloseTo(23.010299956639813, 10); // paper 003 P_max
    expect(dbwToWatt(db(9))).toBeCloseTo(7.943282347242816, 10); // paper 004 P_BS
    expect(wattToDbw(watt(1000))).toBeCloseTo(30, 12);
  });

  it('noise power: -174 dBm/Hz over 1 MHz is -114 dBm ≈ 3.98e-15 W; over 180 kHz ≈ -121.4 dBm', () => {
    expect(noiseDensityWattPerHz(dbm(-174)) / 3.981071705534973e-21).toBeCloseTo(1, 12);
    expect(noisePower(dbm(-174), hz(1e6)) / dbmToWatt(dbm(-114))).toBeCloseTo(1, 12);
    expect(wattToDbm(noisePower(dbm(-174), hz(180e3)))).toBeCloseTo(-174 + 10 * Math.log10(180e3), 10);
    expect(() => noisePower(dbm(-174), hz(-1))).toThrow(RangeError);
  });

  it('round trips: dB <-> linear, dBm <-> W, dBW <-> W', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 200, noNaN: true }), (x) => {
        expect(linearToDb(dbToLinear(db(x)))).toBeCloseTo(x, 9);
        expect(wattToDbm(dbmToWatt(dbm(x)))).toBeCloseTo(x, 9);
        expect(wattToDbw(dbwToWatt(db(x)))).toBeCloseTo(x, 9);
        // dBm and dBW differ by exactly 30 dB.
        expect(dbmToWatt(dbm(x + 30)) / dbwToWatt(db(x))).toBeCloseTo(1, 12);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-30, max: 1e30, noNaN: true }), (p) => {
        expect(dbmToWatt(wattToDbm(watt(p))) / p).toBeCloseTo(1, 10);
        expect(dbToLinear(linearToDb(p)) / p).toBeCloseTo(1, 10);
      }),
    );
  });
});
