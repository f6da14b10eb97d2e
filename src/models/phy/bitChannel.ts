import type { RandomStream } from '../../random/index.ts';
import { qam16Transmit } from './qam16.ts';

/**
 * A channel seen at the bit level, for passing quantised semantic features (SBQ codes, paper 001
 * Fig. 1) through modulation, noise and demodulation.
 * - `bsc`: binary symmetric channel, each bit flips independently with probability `ber`
 *   (e.g. `qam16BerExact(snr)`; cheap, matches the marginal BER but not the per-symbol burstiness).
 * - `qam16`: the full bit-level 16-QAM link of `qam16Transmit` at linear `esN0`, with an optional
 *   flat-fading coefficient equalised at the receiver.
 */
export type BitChannel =
  | { readonly kind: 'bsc'; readonly ber: number }
  | { readonly kind: 'qam16'; readonly esN0: number; readonly fading?: readonly [number, number] };

/**
 * Passes `bits` (one bit per element, 0 or 1) through `channel`, flipping them in place, and
 * returns the number of flipped bits. For `qam16` a length that is not a multiple of 4 is padded
 * with zero bits to the last symbol; the padding is dropped. Draws: `bsc` one uniform per bit,
 * `qam16` one complex Gaussian per symbol.
 */
export function flipBits(bits: Uint8Array, channel: BitChannel, rng: RandomStream): number {
  let flips = 0;
  if (channel.kind === 'bsc') {
    const p = channel.ber;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bit error rate must be in [0, 1], got ${p}`);
    for (let i = 0; i < bits.length; i++) {
      if (rng.uniform() < p) {
        bits[i] ^= 1;
        flips++;
      }
    }
    return flips;
  }
  const padded = new Uint8Array(Math.ceil(bits.length / 4) * 4);
  padded.set(bits);
  const rx = qam16Transmit(padded, channel.esN0, rng, channel.fading);
  for (let i = 0; i < bits.length; i++) {
    if (rx[i] !== bits[i]) {
      bits[i] = rx[i];
      flips++;
    }
  }
  return flips;
}
