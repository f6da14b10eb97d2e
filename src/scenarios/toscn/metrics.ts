import type { MetricSpec } from '../plugin.ts';

/**
 * toscn's metrics (keys of its `reward.computed.metrics`). Per evaluation episode, then mean
 * and 95 % interval over the held-out seeds. `violations` (slots below A_min plus budget
 * violations) is counted over all evaluation episodes and reported as a plain count. The
 * timing metrics are episode statistics of each device's packets (`packet.summary`), averaged
 * over devices; per-device values are in the trace and the report's timing table.
 */
export const TOSCN_METRICS: readonly MetricSpec[] = [
  { name: 'reward', unit: 'task efficiency', description: 'reward of 003 eq. 37 summed over the episode', perEpisode: 'sum' },
  { name: 'delivered', unit: 'packets', description: 'packets received by the edge server (eq. 19)', perEpisode: 'sum' },
  { name: 'accuracy', unit: '1', description: 'mean task accuracy (eq. 21), averaged over slots', perEpisode: 'mean' },
  { name: 'dropped', unit: 'packets', description: 'packets lost to buffer overflow (eq. 20)', perEpisode: 'sum' },
  { name: 'objective', unit: 'task efficiency', description: 'sum_u v_u A_u (eq. 22) regardless of the accuracy floor', perEpisode: 'sum' },
  // Packet timing (issue 15): per device over the episode, then the mean over devices.
  { name: 'delay', unit: 's', description: 'end-to-end packet delay (generation to last bit received), mean', perEpisode: 'last' },
  { name: 'delayP50', unit: 's', description: 'end-to-end packet delay, median', perEpisode: 'last' },
  { name: 'delayP95', unit: 's', description: 'end-to-end packet delay, 95th percentile', perEpisode: 'last' },
  { name: 'delayP99', unit: 's', description: 'end-to-end packet delay, 99th percentile', perEpisode: 'last' },
  { name: 'queueingDelay', unit: 's', description: 'queueing delay (arrival to start of encoding), mean', perEpisode: 'last' },
  { name: 'queueingDelayP95', unit: 's', description: 'queueing delay, 95th percentile', perEpisode: 'last' },
  { name: 'dropProbability', unit: '1', description: 'fraction of arrivals lost to a full buffer', perEpisode: 'last' },
  { name: 'ageOfInformation', unit: 's', description: 'time-average age of information at the server (exact sawtooth)', perEpisode: 'last' },
];
