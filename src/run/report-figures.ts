import type { AnyScenarioPlugin } from '../scenarios/plugin.ts';
import type { FigureRow, FigureSpec, ReferenceLine } from './figures/spec.ts';
import type { RunResult } from './pipeline.ts';
import { meanCi95 } from './stats.ts';
import type { TrainingEpisode } from './training-log.ts';

/** Training episodes in the trailing window of the training-reward figure. */
export const TRAINING_WINDOW = 10;

/** One chart per declared metric: each agent's evaluation mean with its 95 % interval over seeds. */
export function metricFigures(plugin: AnyScenarioPlugin, result: RunResult, references: Readonly<Record<string, readonly ReferenceLine[]>>): FigureSpec[] {
  const names = Object.keys(result.agents);
  if (!names.length) return [];
  return plugin.metrics.map((m) => ({
    kind: 'interval',
    file: m.name,
    title: `${m.name}: mean and 95 % interval over ${result.evalSeeds.length} evaluation seeds`,
    caption: `${m.description} (${m.unit}), ${m.perEpisode === 'mean' ? 'mean over the slots of' : 'summed over'} each evaluation episode; bar = mean over evaluation seeds, error bar = 95 % t-interval.`,
    rows: names.map((agent) => {
      const i = result.agents[agent][m.name];
      return { agent, mean: i.mean, ci_low: i.ci95[0], ci_high: i.ci95[1], n: i.n };
    }),
    category: { field: 'agent', title: 'agent' },
    value: { field: 'mean', title: `${m.name} (${m.unit})` },
    lo: 'ci_low',
    hi: 'ci_high',
    references: references[m.name],
  }));
}

/**
 * Training return per episode, one small panel per learning agent: the mean of the last
 * {@link TRAINING_WINDOW} episodes and its 95 % t-interval (the raw return is in the CSV).
 */
export function trainingRewardFigure(result: RunResult): FigureSpec | undefined {
  const rows: FigureRow[] = [];
  for (const [agent, returns] of Object.entries(result.training)) {
    for (let e = 0; e < returns.length; e++) {
      const i = meanCi95(returns.slice(Math.max(0, e - TRAINING_WINDOW + 1), e + 1));
      // No band until the window holds 3 episodes (a 2-point t-interval is mostly noise).
      const band = i.n >= 3 ? { ci_low: i.ci95[0], ci_high: i.ci95[1] } : { ci_low: null, ci_high: null };
      rows.push({ agent, episode: e + 1, return: returns[e], window_mean: i.mean, ...band });
    }
  }
  if (!rows.length) return undefined;
  const agents = Object.keys(result.training).length;
  return {
    kind: 'line',
    file: 'training-reward',
    title: `Training return (mean of the last ${TRAINING_WINDOW} episodes)`,
    caption: `Episode return during training (exploration on), averaged over a trailing window of ${TRAINING_WINDOW} episodes; band = 95 % t-interval of the window.`,
    rows,
    x: { field: 'episode', title: 'training episode' },
    y: { field: 'window_mean', title: 'episode return' },
    band: { lo: 'ci_low', hi: 'ci_high' },
    facet: { field: 'agent', title: 'agent', columns: Math.min(agents, 2) },
  };
}

/** One agent's training log as small multiples: return, each update value, schedule and action statistics. */
export function trainingDiagnosticsFigure(agent: string, log: readonly TrainingEpisode[]): FigureSpec {
  // Rows grouped by quantity, in a fixed order: return, update values, schedule, actions.
  const keys = (pick: (r: TrainingEpisode) => Readonly<Record<string, number>>): string[] => [...new Set(log.flatMap((r) => Object.keys(pick(r))))];
  const quantities: [string, (r: TrainingEpisode) => number | undefined][] = [
    ['return', (r) => r.return],
    ...keys((r) => r.losses).map((k): [string, (r: TrainingEpisode) => number | undefined] => [`update: ${k}`, (r) => r.losses[k]]),
    ...keys((r) => r.stats).map((k): [string, (r: TrainingEpisode) => number | undefined] => [k, (r) => r.stats[k]]),
    ['action mean', (r) => r.action.mean],
    ['action std', (r) => r.action.std],
    ['action saturation', (r) => r.action.saturation],
  ];
  const rows: FigureRow[] = [];
  for (const [quantity, value] of quantities) for (const r of log) rows.push({ quantity, episode: r.episode + 1, value: value(r) ?? null });
  return {
    kind: 'line',
    file: `training/${agent}-curves`,
    title: `Training log of ${agent} (per episode)`,
    caption: `Per training episode: return, the mean of each value its updates reported, its exploration and learning-rate schedule, and its behaviour actions scaled to [-1, 1] (mean, std, share within 1 % of a bound). Each panel has its own scale.`,
    rows,
    x: { field: 'episode', title: 'training episode' },
    y: { field: 'value', title: '' },
    facet: { field: 'quantity', title: '', columns: 3, independentY: true },
  };
}
