import { writeFileSync } from 'node:fs';
import type { AnyScenarioPlugin } from '../scenarios/plugin.ts';
import type { RunResult } from './pipeline.ts';
import type { Interval } from './stats.ts';
import { trainingSpreadMarkdown } from './training-spread.ts';
import { barChart, lineChart } from './svg.ts';

/** What the summary and report need besides the result. */
export interface RunMeta {
  readonly seed: number;
  readonly episodes: number;
  readonly wallSeconds: number;
  readonly traceEvents: number;
}

/** The run's `summary.json` (documented in the README, "Run outputs"). */
export function runSummary(plugin: AnyScenarioPlugin, result: RunResult, meta: RunMeta): unknown {
  return {
    scenario: result.kind,
    seed: meta.seed,
    trainingEpisodes: meta.episodes,
    evalSeeds: result.evalSeeds,
    wallSeconds: meta.wallSeconds,
    traceEvents: meta.traceEvents,
    metrics: plugin.metrics,
    agents: result.agents,
    diagnostics: result.diagnostics,
    training: Object.fromEntries(Object.entries(result.training).map(([k, v]) => [k, { episodeReward: v, ...(result.trainingRuns[k] ? { episodeRewardByRun: result.trainingRuns[k] } : {}) }])),
    trainingSpread: result.trainingSpread,
    episodes: result.episodes,
    ...(result.interrupted ? { interrupted: true, interruptedAt: result.interrupted } : {}),
    ...(result.diverged ? { diverged: result.diverged } : {}),
  };
}

/** Moving average over `w` points (for readable training curves). */
function smooth(xs: readonly number[], w: number): number[] {
  return xs.map((_, i) => {
    const lo = Math.max(0, i - w + 1);
    const seg = xs.slice(lo, i + 1);
    return seg.reduce((a, b) => a + b, 0) / seg.length;
  });
}

const fmt = (i: Interval, d: number): string => `${i.mean.toFixed(d)} [${i.ci95[0].toFixed(d)}, ${i.ci95[1].toFixed(d)}]`;
const digits = (unit: string): number => (unit === '1' ? 3 : 2);

/** Writes the SVG plots, the scenario's report sections and `report.md`; returns the file names. */
export function writeReport(dir: (name: string) => string, plugin: AnyScenarioPlugin, result: RunResult, meta: RunMeta): string[] {
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileSync(dir(name), text);
    files.push(name);
  };
  const training = Object.entries(result.training);
  if (training.length) {
    put('training-reward.svg', lineChart('Training reward per episode (moving average of 10)', 'episode', 'episode reward', training.map(([name, v]) => ({ name, values: smooth(v, 10) }))));
  }
  const names = Object.keys(result.agents);
  for (const m of plugin.metrics) {
    const bars = names.map((n) => ({ name: n, value: result.agents[n][m.name].mean, ci: result.agents[n][m.name].ci95 }));
    put(`${m.name}.svg`, barChart(`${m.description} (95% CI over eval seeds)`, m.unit, bars));
  }
  const sections = plugin.report?.({ params: result.params, firstEpisode: result.firstEpisode }) ?? [];
  for (const s of sections) for (const [name, text] of Object.entries(s.files ?? {})) put(name, text);
  const head = `| agent | ${plugin.metrics.map((m) => `${m.name} (${m.unit})`).join(' | ')} | violations |`;
  const rule = `|${'---|'.repeat(plugin.metrics.length + 2)}`;
  const rows = names.map((n) => `| ${n} | ${plugin.metrics.map((m) => fmt(result.agents[n][m.name], digits(m.unit))).join(' | ')} | ${result.agents[n].violations} |`);
  const best = names.length ? names.reduce((b, n) => (result.agents[n].reward.mean > result.agents[b].reward.mean ? n : b), names[0]) : '(no agent)';
  const diagnosticRows = names.map((n) => {
    const d = result.diagnostics[n];
    return `| ${n} | ${d.saturation === null ? 'n/a' : `${(d.saturation * 100).toFixed(1)} %`} | ${d.distinctActions}${d.distinctActions >= 10_000 ? '+' : ''} | ${d.warnings.join('; ') || '-'} |`;
  });
  const metricLines = plugin.metrics.map((m) => `- **${m.name}** (${m.unit}): ${m.description}${m.perEpisode === 'mean' ? ', mean over slots' : ', per episode'}.`);
  const report = `# ${result.kind} run report

Seed ${meta.seed}; ${meta.episodes} training episodes; evaluation on ${result.evalSeeds.length} held-out seeds; wall time ${meta.wallSeconds.toFixed(1)} s.

## Evaluation (per episode; mean and 95 % interval over evaluation seeds)

${head}
${rule}
${rows.join('\n')}

Highest mean reward: **${best}**.

${metricLines.join('\n')}
- **violations**: slots that broke a constraint of the scenario, counted over all evaluation episodes.

## Policy diagnostics (evaluation)

| agent | saturated action components | distinct actions | warnings |
|---|---|---|---|
${diagnosticRows.join('\n')}

A learned policy with more than 95 % of its continuous outputs within 1 % of a bound sits in a corner
of its action box; one distinct action means it ignores its observation. Either is flagged.

## Plots

${files.filter((f) => !sections.some((s) => s.files && f in s.files)).map((f) => `![${f}](${f})`).join('\n\n')}

${trainingSpreadMarkdown(result.trainingSpread, plugin.metrics)}
${sections.map((s) => s.markdown).join('\n')}
The trace of every event is in \`trace.duckdb\` (or \`trace.ndjson\`); \`summary.json\` lists which trace episodes belong to which agent and stage.
`;
  writeFileSync(dir('report.md'), report);
  return files;
}
