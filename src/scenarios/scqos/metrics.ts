import type { MetricSpec } from '../plugin.ts';

/**
 * scqos's metrics (keys of its `reward.computed.metrics`), per evaluation episode, then mean
 * and 95 % interval over held-out seeds. `violations` counts user-slots missing S_th or G_th.
 */
export const SCQOS_METRICS: readonly MetricSpec[] = [
  { name: 'reward', unit: 'reward', description: 'Psi + omega_S sum P^S + omega_G sum P^G (001 Section V-A), summed over the episode', better: 'higher', perEpisode: 'sum' },
  { name: 'scqos', unit: '1/bit', description: 'effective SC-QoS Psi (001 eq. 17) per slot', better: 'higher', perEpisode: 'mean' },
  { name: 'similarity', unit: '1', description: 'semantic similarity S per user (cosine, 001 eq. 13)', better: 'higher', perEpisode: 'mean' },
  { name: 'sqe', unit: '1/bit', description: 'SQE S / n per user (001 eq. 14)', better: 'higher', perEpisode: 'mean' },
  { name: 'latency', unit: 's', description: 'transmission latency G_u per user (001 eq. 16, capped)', better: 'lower', perEpisode: 'mean' },
  { name: 'bits', unit: 'bit/feature', description: 'SBQ bits n per feature chosen, mean over users', perEpisode: 'mean' },
  { name: 'ber', unit: '1', description: 'bit errors / bits sent', better: 'lower', perEpisode: 'mean' },
  { name: 'snrDb', unit: 'dB', description: 'link SNR per user under the applied beams (001 eq. 15)', better: 'higher', perEpisode: 'mean' },
];
