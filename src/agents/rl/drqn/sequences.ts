/**
 * Turning a sampled {@link SequenceBatch} into what the DRQN loss needs: the observation
 * sequence extended by the last next-observation (so the target network's LSTM sees the same
 * history as the online one, shifted by one step) and the loss mask.
 */
import type { SequenceBatch } from '../../common/sequence-replay.ts';

/**
 * `[batch, L + 1, obs]`: row r holds `o_s .. o_{s+n-1}` then the next observation of its last
 * real step `o_{s+n}`, zeros after. The target for step t is read at position t + 1.
 */
export function extendedObservations(b: SequenceBatch): Float32Array {
  const L = b.sequenceLength;
  const o = b.observations.length / (b.batchSize * L);
  const out = new Float32Array(b.batchSize * (L + 1) * o);
  for (let r = 0; r < b.batchSize; r++) {
    let n = 0;
    while (n < L && b.mask[r * L + n] === 1) n++;
    out.set(b.observations.subarray(r * L * o, (r * L + n) * o), r * (L + 1) * o);
    if (n > 0) out.set(b.nextObservations.subarray((r * L + n - 1) * o, (r * L + n) * o), (r * (L + 1) + n) * o);
  }
  return out;
}

/**
 * Loss weight per step: the replay mask, with the first `burnIn` steps also zeroed in rows
 * that start mid-episode (their LSTM state is only warming up from zeros).
 */
export function lossMask(b: SequenceBatch, burnIn: number): Float32Array {
  const L = b.sequenceLength;
  const m = Float32Array.from(b.mask);
  if (burnIn > 0) {
    for (let r = 0; r < b.batchSize; r++) {
      if (b.startsEpisode[r] === 1) continue;
      for (let t = 0; t < Math.min(burnIn, L); t++) m[r * L + t] = 0;
    }
  }
  return m;
}
