import type { MetricSpec } from '../plugin.ts';

/**
 * multicell-ee's metrics (keys of its `reward.computed.metrics`), per evaluation episode, then
 * mean and 95 % interval over held-out seeds. `violations` counts, over all evaluation
 * episodes, user-slots whose semantic rate (9d) or accuracy (9e) requirement was unmet (each
 * counts once per unmet requirement).
 */
export const MULTICELL_METRICS: readonly MetricSpec[] = [
  { name: 'reward', unit: '1/W', description: 'shared reward: system EE (eq. 20) summed over the episode', better: 'higher', perEpisode: 'sum' },
  { name: 'ee', unit: '1/W', description: 'system semantic EE sum QoE / P_tot (eqs. 7, 9)', better: 'higher', perEpisode: 'mean' },
  { name: 'qoe', unit: '1', description: 'QoE per user (eq. 8)', better: 'higher', perEpisode: 'mean' },
  { name: 'sumQoe', unit: '1', description: 'sum of the users\' QoE (the w/o EC reward)', better: 'higher', perEpisode: 'mean' },
  { name: 'power', unit: 'W', description: 'transmit power per BS p_m', perEpisode: 'mean' },
  { name: 'totalPower', unit: 'W', description: 'system power P_tot (eq. 7)', perEpisode: 'mean' },
  { name: 'similarity', unit: '1', description: 'semantic accuracy xi per user (eq. 5)', better: 'higher', perEpisode: 'mean' },
  { name: 'symbols', unit: 'symbols/word', description: 'semantic symbols per word k chosen', perEpisode: 'mean' },
];
