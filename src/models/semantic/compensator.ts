/**
 * Offset compensator (001 Section III-B-2, eqs. (10)-(11), Algorithm 2).
 *
 * In 001 the compensator `P(e_check; epsilon)` is a small network (Table II: dense 512 ReLU,
 * dense 64 linear) trained to minimise the MSE (11) between the sent embedding and the
 * compensated received one, absorbing both SBQ loss and channel bit errors. Our documented
 * stand-in keeps the objective and drops the network: for every received code it learns the
 * mean offset `E[e - decode(code) | code]` from observed (sent, received) pairs and adds it to
 * the nominal decoding. Among all corrections that depend on the received code only, this
 * conditional mean is the one with the least squared error (11) on the data it has seen, and
 * because it is learnt from received codes it also absorbs the bias bit errors introduce.
 * Statistics are shared across the feature positions, which the synthetic source draws
 * identically.
 */
import { sbqDecode, sbqDecodeValue } from './sbq.ts';

/** Running statistics of the compensator for one `n`-bit codec; immutable, see {@link trainCompensator}. */
export interface OffsetCompensator {
  /** Bits per feature of the codec this compensator belongs to. */
  readonly bits: number;
  /** SBQ threshold `p_th` of that codec. */
  readonly threshold: number;
  /** Sum of `e - decode(code)` observed per received code (length `2^bits`). */
  readonly offsetSums: Float64Array;
  /** Number of observations per received code (length `2^bits`). */
  readonly counts: Float64Array;
}

/** A compensator that has seen nothing yet and so leaves decodings unchanged. */
export function createCompensator(bits: number, threshold: number): OffsetCompensator {
  sbqDecode([], bits, threshold); // validates the codec
  const size = 2 ** bits;
  return { bits, threshold, offsetSums: new Float64Array(size), counts: new Float64Array(size) };
}

/**
 * A new compensator with the pairs `(sent[i], receivedCodes[i])` added to the statistics of
 * `comp` (Algorithm 2, lines 10-14, with the gradient step replaced by a running mean).
 */
export function trainCompensator(
  comp: OffsetCompensator,
  sent: ArrayLike<number>,
  receivedCodes: ArrayLike<number>,
): OffsetCompensator {
  if (sent.length !== receivedCodes.length) throw new RangeError(`trainCompensator: lengths differ (${sent.length} vs ${receivedCodes.length})`);
  const decoded = sbqDecode(receivedCodes, comp.bits, comp.threshold);
  const offsetSums = Float64Array.from(comp.offsetSums);
  const counts = Float64Array.from(comp.counts);
  for (let i = 0; i < sent.length; i++) {
    const x = sent[i];
    if (!Number.isFinite(x)) throw new RangeError(`sent[${i}] = ${x}; allowed: finite real numbers`);
    const c = receivedCodes[i];
    offsetSums[c] += x - decoded[i];
    counts[c] += 1;
  }
  return { bits: comp.bits, threshold: comp.threshold, offsetSums, counts };
}

/** The learnt offset per received code (0 where nothing was observed). */
export function compensatorOffsets(comp: OffsetCompensator): Float64Array {
  const offsets = new Float64Array(comp.counts.length);
  for (let c = 0; c < offsets.length; c++) offsets[c] = comp.counts[c] > 0 ? comp.offsetSums[c] / comp.counts[c] : 0;
  return offsets;
}

/** Decodes received codes and applies the learnt offsets, `e_hat = decode(code) + offset(code)` (001 eq. (10)). */
export function compensate(comp: OffsetCompensator, receivedCodes: ArrayLike<number>, out?: Float64Array): Float64Array {
  const values = sbqDecode(receivedCodes, comp.bits, comp.threshold, out);
  for (let i = 0; i < values.length; i++) {
    const c = receivedCodes[i];
    if (comp.counts[c] > 0) values[i] += comp.offsetSums[c] / comp.counts[c];
  }
  return values;
}

/** The nominal value of each code plus its offset: the compensator's full decoding table. */
export function compensatedLevels(comp: OffsetCompensator): Float64Array {
  const offsets = compensatorOffsets(comp);
  for (let c = 0; c < offsets.length; c++) offsets[c] += sbqDecodeValue(c, comp.bits, comp.threshold);
  return offsets;
}
