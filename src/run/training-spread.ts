import type { MetricSpec } from '../scenarios/plugin.ts';
import { formatInterval, meanCi95, type Interval } from './stats.ts';

/**
 * How much a learning agent's result depends on its training run (issue 14: three DDPG training
 * seeds gave 74.07, 77.58 and 85.97 on toscn-scarce, so one training seed cannot rank agents).
 * Each training run trains a fresh team from its own training seed and is evaluated on the same
 * held-out evaluation seeds; its value for a metric is the mean over those seeds.
 */
export interface TrainingSpread {
  /** Independent training runs. */
  readonly runs: number;
  /** Per metric: each training run's evaluation mean, in run order. */
  readonly perRun: Readonly<Record<string, readonly number[]>>;
  /** Per metric: mean and 95 % interval over the training runs (Student t). */
  readonly spread: Readonly<Record<string, Interval>>;
}

/** The spread of each metric over training runs, from each run's per-evaluation-seed values. */
export function trainingSpread(metrics: readonly string[], runsBySeed: readonly (readonly Readonly<Record<string, number>>[])[]): TrainingSpread {
  const perRun: Record<string, number[]> = {};
  const spread: Record<string, Interval> = {};
  for (const m of metrics) {
    perRun[m] = runsBySeed.map((seeds) => seeds.reduce((a, s) => a + s[m], 0) / seeds.length);
    spread[m] = meanCi95(perRun[m]);
  }
  return { runs: runsBySeed.length, perRun, spread };
}

/** The report section: one row per learning agent trained more than once. */
export function trainingSpreadMarkdown(spreads: Readonly<Record<string, TrainingSpread>>, metrics: readonly MetricSpec[]): string {
  const agents = Object.keys(spreads).filter((a) => spreads[a].runs > 1);
  if (agents.length === 0) return '';
  const shown = metrics.slice(0, 4);
  const fmt = (i: Interval): string => formatInterval(i, 2);
  const rows = agents.map((a) => {
    const s = spreads[a];
    const runs = s.perRun.reward.map((v) => v.toFixed(2)).join(', ');
    return `| ${a} | ${s.runs} | ${shown.map((m) => fmt(s.spread[m.name])).join(' | ')} | ${runs} |`;
  });
  return `## Training-seed spread

Each learning agent was trained ${agents.map((a) => spreads[a].runs).join('/')} times from independent training seeds and each
trained policy evaluated on the same held-out seeds. Mean and 95 % interval over the training runs:

| agent | runs | ${shown.map((m) => `${m.name} (${m.unit})`).join(' | ')} | reward per run |
|---|---|${'---|'.repeat(shown.length)}---|
${rows.join('\n')}

An order between two learners holds across training runs only where these intervals do not overlap.
`;
}
