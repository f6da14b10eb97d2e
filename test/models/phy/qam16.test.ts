import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  QAM16_A,
  ebN0ToEsN0,
  qam16BerApprox,
  qam16BerExact,
  qam16Demodulate,
  qam16Modulate,
  qam16Transmit,
} from '../../../src/models/phy/qam16.ts';
import { RootRandom } from '../../../src/random/index.ts';

/** All 16 four-bit patterns, concatenated. */
function allPatterns(): Uint8Array {
  const bits = new Uint8Array(64);
  for (let s = 0; s < 16; s++) for (let k = 0; k < 4; k++) bits[4 * s + k] = (s >> (3 - k)) & 1;
  return bits;
}

const fromDb = (x: number): number => Math.pow(10, x / 10);

describe('16-QAM constellation', () => {
  it('has unit average energy, levels ±A, ±3A, and round-trips every pattern', () => {
    const bits = allPatterns();
    const sym = qam16Modulate(bits);
    let e = 0;
    for (let s = 0; s < 16; s++) {
      e += sym.re[s] ** 2 + sym.im[s] ** 2;
      for (const v of [sym.re[s], sym.im[s]]) expect([1, 3]).toContain(Math.round(Math.abs(v) / QAM16_A));
    }
    expect(e / 16).toBeCloseTo(1, 14);
    expect(Array.from(qam16Demodulate(sym))).toEqual(Array.from(bits));
    // 16 distinct points.
    expect(new Set(Array.from({ length: 16 }, (_, s) => `${sym.re[s]},${sym.im[s]}`)).size).toBe(16);
  });

  it('is Gray-mapped: nearest neighbours (distance 2A) differ in exactly one bit', () => {
    const bits = allPatterns();
    const sym = qam16Modulate(bits);
    let pairs = 0;
    for (let a = 0; a < 16; a++) {
      for (let b = a + 1; b < 16; b++) {
        const d = Math.hypot(sym.re[a] - sym.re[b], sym.im[a] - sym.im[b]);
        if (Math.abs(d - 2 * QAM16_A) < 1e-12) {
          pairs++;
          let diff = 0;
          for (let k = 0; k < 4; k++) diff += bits[4 * a + k] ^ bits[4 * b + k];
          expect(diff).toBe(1);
        }
      }
    }
    expect(pairs).toBe(24); // 4x4 grid: 2 * 4 * 3 adjacent pairs
  });

  it('decodes correctly whenever the noise on each rail is below half the spacing A', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 4, maxLength: 4, max: 1 }),
        fc.double({ min: -0.999, max: 0.999, noNaN: true }),
        fc.double({ min: -0.999, max: 0.999, noNaN: true }),
        (bits, dx, dy) => {
          const sym = qam16Modulate(bits);
          sym.re[0] += dx * QAM16_A;
          sym.im[0] += dy * QAM16_A;
          expect(Array.from(qam16Demodulate(sym))).toEqual(Array.from(bits));
        },
      ),
    );
  });

  it('rejects bit counts that are not a multiple of 4', () => {
    expect(() => qam16Modulate(new Uint8Array(5))).toThrow(RangeError);
  });
});

describe('16-QAM bit error rate over AWGN', () => {
  it('closed forms: 1/2 at zero SNR, the approximation converges at high SNR, decreasing in SNR', () => {
    expect(qam16BerExact(0)).toBeCloseTo(0.5, 15); // (3/2 + 1 - 1/2) / 4
    expect(qam16BerApprox(fromDb(16)) / qam16BerExact(fromDb(16))).toBeCloseTo(1, 10);
    expect(qam16BerExact(fromDb(0))).toBeGreaterThan(qam16BerApprox(fromDb(0)) + 0.03);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), (x, dx) => {
        expect(qam16BerExact(fromDb(x + dx))).toBeLessThan(qam16BerExact(fromDb(x)));
      }),
    );
    // Eb/N0 = 10 dB is Es/N0 = 40: by hand (3/4) Q(sqrt 8) = 0.75 * 0.0023389 = 1.754e-3, other terms < 1e-16.
    expect(qam16BerExact(ebN0ToEsN0(10))).toBeCloseTo(1.754e-3, 5);
  });

  it.each([0, 4, 8, 12, 16])('bit-level simulation matches the exact BER at Es/N0 = %d dB', (snrDb) => {
    const n = 1_200_000;
    const rng = new RootRandom(100 + snrDb).stream('qam');
    const bits = new Uint8Array(n);
    for (let i = 0; i < n; i++) bits[i] = rng.uniform() < 0.5 ? 1 : 0;
    const rx = qam16Transmit(bits, fromDb(snrDb), new RootRandom(200 + snrDb).stream('noise'));
    let errors = 0;
    for (let i = 0; i < n; i++) errors += rx[i] ^ bits[i];
    const p = qam16BerExact(fromDb(snrDb));
    // Bits of one symbol can err together, so allow twice the binomial variance, at 5 sigma.
    const tol = 5 * Math.sqrt((2 * p * (1 - p)) / n);
    expect(Math.abs(errors / n - p)).toBeLessThan(tol);
  });

  it('with flat fading and equalisation the BER is that of SNR |h|^2 Es/N0', () => {
    const n = 800_000;
    const h: [number, number] = [0.5 * Math.cos(Math.PI / 3), 0.5 * Math.sin(Math.PI / 3)];
    const rng = new RootRandom(5).stream('bits');
    const bits = new Uint8Array(n);
    for (let i = 0; i < n; i++) bits[i] = rng.uniform() < 0.5 ? 1 : 0;
    const rx = qam16Transmit(bits, fromDb(10) / 0.25, new RootRandom(6).stream('noise'), h);
    let errors = 0;
    for (let i = 0; i < n; i++) errors += rx[i] ^ bits[i];
    const p = qam16BerExact(fromDb(10));
    expect(Math.abs(errors / n - p)).toBeLessThan(5 * Math.sqrt((2 * p * (1 - p)) / n));
  });
});
