import type { MetricSpec } from '../plugin.ts';

/**
 * toscn's metrics (keys of its `reward.computed.metrics`). Per evaluation episode, then mean
 * and 95 % interval over the held-out seeds. `violations` (slots below A_min plus budget
 * violations) is counted over all evaluation episodes and reported as a plain count.
 */
export const TOSCN_METRICS: readonly MetricSpec[] = [
  { name: 'reward', unit: 'task efficiency', description: 'reward of 003 eq. 37 summed over the episode', perEpisode: 'sum' },
  { name: 'delivered', unit: 'packets', description: 'packets received by the edge server (eq. 19)', perEpisode: 'sum' },
  { name: 'accuracy', unit: '1', description: 'mean task accuracy (eq. 21), averaged over slots', perEpisode: 'mean' },
  { name: 'dropped', unit: 'packets', description: 'packets lost to buffer overflow (eq. 20)', perEpisode: 'sum' },
  { name: 'objective', unit: 'task efficiency', description: 'sum_u v_u A_u (eq. 22) regardless of the accuracy floor', perEpisode: 'sum' },
];
