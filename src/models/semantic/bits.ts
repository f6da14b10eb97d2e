/**
 * Turning SBQ codes into the bit stream that is modulated and sent (001 Fig. 1,
 * `e_bit = quantise(e)`), and back.
 *
 * Representation (documented choice): a bit stream is a `Uint8Array` with one element per
 * bit holding 0 or 1, codes written most-significant bit first, feature after feature. One
 * byte per bit keeps bit-error injection and per-bit inspection trivial; {@link packBits} and
 * {@link unpackBits} convert to and from dense bytes (8 bits per byte, MSB first) for storage.
 */
import type { RandomStream } from '../../random/index.ts';

/** Writes each `n`-bit code MSB first: `codes.length * n` bits of 0/1. */
export function codesToBits(codes: ArrayLike<number>, n: number, out?: Uint8Array): Uint8Array {
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new RangeError(`bits per code must be an integer in [1, 16], got ${n}`);
  const bits = out ?? new Uint8Array(codes.length * n);
  if (bits.length !== codes.length * n) throw new RangeError(`codesToBits: out has length ${bits.length}, expected ${codes.length * n}`);
  const top = 2 ** n;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (!Number.isInteger(c) || c < 0 || c >= top) throw new RangeError(`code[${i}] = ${c} does not fit in ${n} bits`);
    for (let b = 0; b < n; b++) bits[i * n + b] = (c >>> (n - 1 - b)) & 1;
  }
  return bits;
}

/**
 * Reads `n`-bit codes (MSB first) from a 0/1 bit stream. Every bit pattern is a valid code,
 * so a stream corrupted by the channel still decodes.
 */
export function bitsToCodes(bits: Uint8Array, n: number, out?: Uint16Array): Uint16Array {
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new RangeError(`bits per code must be an integer in [1, 16], got ${n}`);
  if (bits.length % n !== 0) throw new RangeError(`bit stream length ${bits.length} is not a multiple of ${n}`);
  const count = bits.length / n;
  const codes = out ?? new Uint16Array(count);
  if (codes.length !== count) throw new RangeError(`bitsToCodes: out has length ${codes.length}, expected ${count}`);
  for (let i = 0; i < count; i++) {
    let c = 0;
    for (let b = 0; b < n; b++) {
      const bit = bits[i * n + b];
      if (bit > 1) throw new RangeError(`bit[${i * n + b}] = ${bit}; allowed: 0 or 1`);
      c = (c << 1) | bit;
    }
    codes[i] = c;
  }
  return codes;
}

/** Packs a 0/1 bit stream into bytes, MSB first; the last byte is zero-padded. */
export function packBits(bits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) {
    const bit = bits[i];
    if (bit > 1) throw new RangeError(`bit[${i}] = ${bit}; allowed: 0 or 1`);
    bytes[i >> 3] |= bit << (7 - (i & 7));
  }
  return bytes;
}

/** Unpacks the first `bitCount` bits (MSB first) of `bytes` into a 0/1 bit stream. */
export function unpackBits(bytes: Uint8Array, bitCount: number): Uint8Array {
  if (!Number.isInteger(bitCount) || bitCount < 0 || bitCount > bytes.length * 8) {
    throw new RangeError(`bitCount ${bitCount} must be an integer in [0, ${bytes.length * 8}]`);
  }
  const bits = new Uint8Array(bitCount);
  for (let i = 0; i < bitCount; i++) bits[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return bits;
}

/**
 * Binary symmetric channel: flips each bit independently with probability `bitErrorRate`,
 * in place, drawing one uniform per bit from `stream` (so the number of draws does not depend
 * on the outcome). Returns the number of flipped bits.
 */
export function flipBits(bits: Uint8Array, bitErrorRate: number, stream: RandomStream): number {
  if (!(bitErrorRate >= 0 && bitErrorRate <= 1)) throw new RangeError(`bit error rate must be in [0, 1], got ${bitErrorRate}`);
  let flipped = 0;
  for (let i = 0; i < bits.length; i++) {
    if (stream.uniform() < bitErrorRate) {
      bits[i] ^= 1;
      flipped++;
    }
  }
  return flipped;
}
