import { flipBits } from '../../models/phy/bitChannel.ts';
import { bitsToCodes, codesToBits } from '../../models/semantic/bits.ts';
import { compensate, type OffsetCompensator } from '../../models/semantic/compensator.ts';
import { semanticSimilarity } from '../../models/semantic/embedding.ts';
import { sbqDecode, sbqEncode } from '../../models/semantic/sbq.ts';
import type { RandomStream } from '../../random/index.ts';

/** What happens to one sentence on its way (001 Fig. 1), step by step. */
export interface PathOutcome {
  /** SBQ codes sent, one per feature (001 eqs. (6), (8)). */
  readonly codes: Uint16Array;
  /** Bits sent: features x n. */
  readonly bitsSent: number;
  /** 16-QAM symbols (4 bits each, the last one zero-padded). */
  readonly symbols: number;
  /** Bits the channel flipped. */
  readonly bitErrors: number;
  /** Codes read back from the received bits. */
  readonly received: Uint16Array;
  /** SBQ decoding of the received codes (001 eqs. (7), (9)). */
  readonly decoded: Float64Array;
  /** After the offset compensator (equal to `decoded` without one). */
  readonly compensated: Float64Array;
  /** Cosine similarity of sent and decoded embeddings, before compensation. */
  readonly decodedSimilarity: number;
  /** Semantic similarity S of sent and compensated embeddings (001 eq. (13), our cosine). */
  readonly similarity: number;
}

/**
 * Sends embedding `e` with an `n`-bit SBQ codec of threshold `pth` over a 16-QAM link of
 * linear SNR `snr` (Es/N0 after equalisation): encode, bits, 16-QAM through AWGN with hard
 * decisions (one complex Gaussian per symbol from `rng`), decode, compensate, compare. A link
 * with SNR 0 (a user given no power) carries no information: every bit is a coin flip.
 */
export function transmitSentence(e: Float64Array, n: number, pth: number, snr: number, compensator: OffsetCompensator | null, rng: RandomStream): PathOutcome {
  if (!(snr >= 0) || Number.isNaN(snr)) throw new RangeError(`link SNR must be >= 0, got ${snr}`);
  const codes = sbqEncode(e, n, pth);
  const bits = codesToBits(codes, n);
  const bitsSent = bits.length;
  const bitErrors = flipBits(bits, snr > 0 && Number.isFinite(snr) ? { kind: 'qam16', esN0: snr } : snr > 0 ? { kind: 'bsc', ber: 0 } : { kind: 'bsc', ber: 0.5 }, rng);
  const received = bitsToCodes(bits, n);
  const decoded = sbqDecode(received, n, pth);
  const compensated = compensator ? compensate(compensator, received) : decoded;
  return {
    codes,
    bitsSent,
    symbols: Math.ceil(bitsSent / 4),
    bitErrors,
    received,
    decoded,
    compensated,
    decodedSimilarity: semanticSimilarity(e, decoded),
    similarity: semanticSimilarity(e, compensated),
  };
}
