import type { RandomStream } from '../../random/index.ts';
import { erfc, qFunction } from './erfc.ts';

/**
 * Square 16-QAM with Gray mapping (paper 001 Table I: "the modulation: 16-QAM"). Bits are
 * stored one per Uint8Array element (0 or 1). A symbol carries 4 bits: bits (b0, b1) choose the
 * in-phase level and (b2, b3) the quadrature level, each with the Gray 4-PAM map
 * `00 -> -3, 01 -> -1, 11 -> +1, 10 -> +3`, scaled by `1/sqrt(10)` so that the average symbol
 * energy is `Es = 1`. Neighbouring levels differ in one bit, so a nearest-neighbour symbol
 * error costs one bit.
 *
 * SNRs are linear `Es/N0` per symbol (noise `CN(0, N0)` per complex symbol); `Eb/N0 = Es/N0 / 4`.
 */

/** Amplitude unit: levels are `±A, ±3A` with `A = 1/sqrt(10)` so that `E|s|^2 = 1`. */
export const QAM16_A = 1 / Math.sqrt(10);

const LEVEL = [-3, -1, 3, 1]; // index = 2 b_first + b_second: 00, 01, 10, 11

/** `Es/N0` from `Eb/N0` for 16-QAM (4 bits per symbol), both linear. */
export const ebN0ToEsN0 = (ebN0: number): number => 4 * ebN0;

/**
 * Exact bit error rate of Gray-coded 16-QAM over AWGN with hard decisions, as a function of the
 * linear `Es/N0`: with `q(k) = Q(k sqrt(Es / (5 N0)))`,
 * `BER = (3 q(1) + 2 q(3) - q(5)) / 4`. Derived per 4-PAM rail: the sign bit errs with
 * `(q(1) + q(3))/2`, the inner/outer bit with `(2 q(1) + q(3) - q(5))/2`. Agrees with Cho & Yoon (IEEE Trans.
 * Commun. 50(7), 2002) for M = 16.
 */
export function qam16BerExact(esN0: number): number {
  if (!(esN0 >= 0)) throw new RangeError(`Es/N0 must be >= 0, got ${esN0}`);
  const s = Math.sqrt(esN0 / 5);
  return (3 * qFunction(s) + 2 * qFunction(3 * s) - qFunction(5 * s)) / 4;
}

/**
 * The usual high-SNR approximation `BER ≈ (3/8) erfc(sqrt(Es / (10 N0)))` (the nearest-neighbour
 * term of `qam16BerExact`), linear `Es/N0`.
 */
export function qam16BerApprox(esN0: number): number {
  if (!(esN0 >= 0)) throw new RangeError(`Es/N0 must be >= 0, got ${esN0}`);
  return (3 / 8) * erfc(Math.sqrt(esN0 / 10));
}

/** Split complex symbols. */
export interface Symbols {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Gray-maps bits onto unit-energy 16-QAM symbols; `bits.length` must be a multiple of 4. */
export function qam16Modulate(bits: Uint8Array): Symbols {
  if (bits.length % 4 !== 0) throw new RangeError(`16-QAM needs a multiple of 4 bits, got ${bits.length}`);
  const n = bits.length / 4;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const b = 4 * s;
    re[s] = QAM16_A * LEVEL[2 * (bits[b] & 1) + (bits[b + 1] & 1)];
    im[s] = QAM16_A * LEVEL[2 * (bits[b + 2] & 1) + (bits[b + 3] & 1)];
  }
  return { re, im };
}

/**
 * Hard-decision demodulation to the nearest constellation point: per rail the first bit is the
 * sign, the second is 1 for the inner levels (|x| < 2A). Returns 4 bits per symbol.
 */
export function qam16Demodulate(sym: Symbols, out: Uint8Array = new Uint8Array(4 * sym.re.length)): Uint8Array {
  const n = sym.re.length;
  if (sym.im.length !== n || out.length !== 4 * n) throw new RangeError('need 4 output bits per symbol');
  const t = 2 * QAM16_A;
  for (let s = 0; s < n; s++) {
    const x = sym.re[s];
    const y = sym.im[s];
    out[4 * s] = x > 0 ? 1 : 0;
    out[4 * s + 1] = Math.abs(x) < t ? 1 : 0;
    out[4 * s + 2] = y > 0 ? 1 : 0;
    out[4 * s + 3] = Math.abs(y) < t ? 1 : 0;
  }
  return out;
}

/**
 * Bit-level 16-QAM link: bits -> symbols -> `y = h s + n`, `n ~ CN(0, N0)` with `N0 = 1 / esN0`
 * -> zero-forcing equalisation `y / h` -> hard decisions -> bits. `esN0` is the linear Es/N0
 * before the flat-fading coefficient `fading` (default `h = 1`, pure AWGN), so the
 * post-equalisation SNR is `|h|^2 Es/N0`. One complex noise draw per symbol, in symbol order.
 * Returns the received bits (a new array).
 */
export function qam16Transmit(
  bits: Uint8Array,
  esN0: number,
  rng: RandomStream,
  fading: readonly [number, number] = [1, 0],
): Uint8Array {
  if (!(esN0 > 0)) throw new RangeError(`Es/N0 must be > 0, got ${esN0}`);
  const [hr, hi] = fading;
  const h2 = hr * hr + hi * hi;
  if (!(h2 > 0) || !Number.isFinite(h2)) throw new RangeError('fading coefficient must be finite and non-zero');
  const sym = qam16Modulate(bits);
  const n0 = 1 / esN0;
  for (let s = 0; s < sym.re.length; s++) {
    const [nr, ni] = rng.complexGaussian(n0);
    const yr = hr * sym.re[s] - hi * sym.im[s] + nr;
    const yi = hr * sym.im[s] + hi * sym.re[s] + ni;
    // y / h = y conj(h) / |h|^2
    sym.re[s] = (yr * hr + yi * hi) / h2;
    sym.im[s] = (yi * hr - yr * hi) / h2;
  }
  return qam16Demodulate(sym);
}
