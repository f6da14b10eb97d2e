import type { MetricSpec } from '../plugin.ts';

/**
 * toscn's metrics (keys of its `reward.computed.metrics`). Per evaluation episode, then mean
 * and 95 % interval over the held-out seeds. `violations` (slots below A_min plus budget
 * violations) is counted over all evaluation episodes and reported as a plain count. The
 * timing metrics are episode statistics of each device's packets (`packet.summary`): the
 * mean over devices, and each device's value in summary.json's `breakdowns` (by the trace's
 * `user` index).
 */
export const TOSCN_METRICS: readonly MetricSpec[] = [
  { name: 'reward', unit: 'task efficiency', description: 'reward of 003 eq. 37 summed over the episode', better: 'higher', perEpisode: 'sum' },
  { name: 'delivered', unit: 'packets', description: 'packets received by the edge server (eq. 19)', better: 'higher', perEpisode: 'sum' },
  { name: 'accuracy', unit: '1', description: 'mean task accuracy (eq. 21), averaged over slots', better: 'higher', perEpisode: 'mean' },
  { name: 'dropped', unit: 'packets', description: 'packets lost to buffer overflow (eq. 20)', better: 'lower', perEpisode: 'sum' },
  { name: 'objective', unit: 'task efficiency', description: 'sum_u v_u A_u (eq. 22) regardless of the accuracy floor', better: 'higher', perEpisode: 'sum' },
  // Packet timing (issue 15): per device over the episode (summary.json `breakdowns`), and their mean over devices.
  timing('delay', 'end-to-end packet delay (generation to last bit received), mean'),
  timing('delayP50', 'end-to-end packet delay, median'),
  timing('delayP95', 'end-to-end packet delay, 95th percentile'),
  timing('delayP99', 'end-to-end packet delay, 99th percentile'),
  timing('queueingDelay', 'queueing delay (arrival to start of encoding), mean'),
  timing('queueingDelayP50', 'queueing delay, median'),
  timing('queueingDelayP95', 'queueing delay, 95th percentile'),
  timing('queueingDelayP99', 'queueing delay, 99th percentile'),
  timing('dropProbability', 'fraction of arrivals lost to a full buffer', '1'),
  timing('ageOfInformation', 'time-average age of information at the server (exact sawtooth)'),
];

/** A packet-timing metric: one value per episode (the last slot's), broken down per device. */
function timing(name: string, description: string, unit = 's'): MetricSpec {
  // Every timing metric (delays, drop probability, age of information) is better lower.
  return { name, unit, description, better: 'lower', perEpisode: 'last', breakdown: 'device' };
}
