import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { energyEfficiency, totalPower } from '../../../src/models/semantic/energy.ts';
import { MULTICELL_POWER_MODEL } from '../../../src/scenarios/multicell-ee/constants.ts';
import { watt } from '../../../src/units.ts';

describe('system power (004 eq. 7)', () => {
  it('converts the Table 1 fixed terms from dBW/dBm', () => {
    expect(MULTICELL_POWER_MODEL.baseStationHardware).toBeCloseTo(7.943282, 6); // 9 dBW
    expect(MULTICELL_POWER_MODEL.terminal).toBeCloseTo(0.01, 12); // 10 dBm
    expect(MULTICELL_POWER_MODEL.semanticCodec).toBeCloseTo(0.0031623, 7); // 5 dBm
  });

  it('matches a hand calculation for three cells', () => {
    // fixed per cell 7.943282 + 0.01 + 0.003162 = 7.956445 W; 3 cells -> 23.869334; + 0.15 W transmit = 24.019334
    const p = totalPower([0.1, 0.05, 0], MULTICELL_POWER_MODEL);
    expect(p).toBeCloseTo(24.019334, 5);
    // EE = (0.5 + 0.7 + 0.9) / 24.019334 = 0.0874296 per W
    expect(energyEfficiency([0.5, 0.7, 0.9], p)).toBeCloseTo(0.0874296, 6);
  });

  it('grows by exactly the added transmit power', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 7 }), fc.double({ min: 0, max: 0.1, noNaN: true }), (ps, extra) => {
        const more = ps.map((p, i) => (i === 0 ? p + extra : p));
        expect(totalPower(more, MULTICELL_POWER_MODEL) - totalPower(ps, MULTICELL_POWER_MODEL)).toBeCloseTo(extra, 9);
      }),
    );
  });

  it('rejects negative, NaN or infinite transmit powers and a non-positive total', () => {
    expect(() => totalPower([0.1, -0.01], MULTICELL_POWER_MODEL)).toThrow(/txPower\[1\]/);
    expect(() => totalPower([NaN], MULTICELL_POWER_MODEL)).toThrow(RangeError);
    expect(() => energyEfficiency([1], watt(0))).toThrow(RangeError);
  });
});
