import type { ToscnInfo } from '../scenario/toscn/env.ts';

/** Totals of one episode, accumulated from the per-slot `reward.computed` payloads. */
export interface EpisodeMetrics {
  reward: number;
  objective: number;
  delivered: number;
  dropped: number;
  /** Mean over slots of the mean task accuracy. */
  accuracy: number;
  violations: number;
  slots: number;
}

export function emptyMetrics(): EpisodeMetrics {
  return { reward: 0, objective: 0, delivered: 0, dropped: 0, accuracy: 0, violations: 0, slots: 0 };
}

/** Adds one slot's `reward.computed` payload (in place). */
export function addSlot(m: EpisodeMetrics, info: ToscnInfo, reward: number): void {
  m.reward += reward;
  m.objective += info.objective ?? 0;
  m.delivered += info.delivered ?? 0;
  m.dropped += info.dropped ?? 0;
  m.accuracy += info.meanAccuracy ?? 0;
  m.violations += (info.accuracyViolations ? 1 : 0) + (info.budgetViolations ?? 0);
  m.slots++;
}

/** Turns the accumulated accuracy sum into a mean over slots. */
export function finishEpisode(m: EpisodeMetrics): EpisodeMetrics {
  return { ...m, accuracy: m.slots ? m.accuracy / m.slots : 0 };
}
