import { assertFiniteVector } from '../../../models/projection/index.ts';
import type { ToscnParams } from '../params.ts';

/** What a toscn observation (003 eq. 35) tells a model-based baseline, in physical units. */
export interface ToscnState {
  /** Devices per task, `n_j` (integers summing to D). */
  readonly taskCounts: number[];
  /** Packets queued per device (integers in [0, v_max]). */
  readonly queues: number[];
  /** Linear SNR each device would have with the whole bandwidth and power budget. */
  readonly fullBudgetSnr: number[];
  /** Linear channel power gain `h_u` (003 eq. 15), recovered from the SNR. */
  readonly gains: number[];
}

/**
 * Inverts `buildObservation` (src/scenario/toscn/logic.ts): task counts were scaled by 1/D,
 * queues by 1/v_max and the channel feature is `SNR_dB(full budget) / 30`. Counts and queues
 * are integers, so rounding removes the float32 error of the observation vector exactly; the
 * SNR keeps a relative error of about 1e-6 (float32 of a value near 2), which the planners
 * absorb with their rate margin.
 */
export function decodeToscnObservation(observation: ArrayLike<number>, p: ToscnParams): ToscnState {
  const J = p.tasks.length;
  const D = p.devices;
  if (observation.length !== J + 2 * D) {
    throw new RangeError(`toscn observation has ${observation.length} values; expected ${J + 2 * D} (J=${J}, D=${D})`);
  }
  assertFiniteVector(observation, 'observation');
  const taskCounts: number[] = [];
  for (let j = 0; j < J; j++) taskCounts.push(Math.max(0, Math.round(observation[j] * D)));
  const fullBudgetSnr: number[] = [];
  const gains: number[] = [];
  const queues: number[] = [];
  for (let u = 0; u < D; u++) {
    const snr = Math.pow(10, 3 * observation[J + u]); // 10^(30 f / 10)
    fullBudgetSnr.push(snr);
    gains.push((snr * p.noiseDensity * p.bandwidthBudget) / p.powerBudget);
    const q = Math.round(observation[J + D + u] * p.bufferCapacity);
    queues.push(Math.min(p.bufferCapacity, Math.max(0, q)));
  }
  return { taskCounts, queues, fullBudgetSnr, gains };
}
