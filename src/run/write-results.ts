import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnyScenarioPlugin } from '../scenarios/plugin.ts';
import { renderFigure } from './figures/render.ts';
import type { FigureSpec, ReferenceLine } from './figures/spec.ts';
import type { RunResult } from './pipeline.ts';
import { convergenceByAgent, readResults } from './reading.ts';
import { reportHtml, type ShownFigure } from './report-html.ts';
import { metricFigures, trainingDiagnosticsFigure, trainingRewardFigure } from './report-figures.ts';
import { formatInterval } from './stats.ts';
import { trainingCsv } from './training-log.ts';
import { trainingSpreadMarkdown } from './training-spread.ts';
import { breakdownMarkdown } from './breakdown-table.ts';

/** What the summary and report need besides the result. */
export interface RunMeta {
  readonly seed: number;
  readonly episodes: number;
  readonly wallSeconds: number;
  readonly traceEvents: number;
  /** The scenario file's `name:`. */
  readonly scenarioName?: string;
  /** semsim's version and git commit (read by the CLI; absent when unknown). */
  readonly version?: string;
  readonly commit?: string;
  /** Content hash of the run's trace (`semsim trace hash`), absent without a trace. */
  readonly traceHash?: string;
}

/** The run's `summary.json` (documented in the README, "Run outputs"). */
export function runSummary(plugin: AnyScenarioPlugin, result: RunResult, meta: RunMeta): unknown {
  const convergence = convergenceByAgent(result);
  return {
    scenario: result.kind,
    seed: meta.seed,
    trainingEpisodes: meta.episodes,
    evalSeeds: result.evalSeeds,
    wallSeconds: meta.wallSeconds,
    traceEvents: meta.traceEvents,
    metrics: plugin.metrics,
    agents: result.agents,
    breakdowns: result.breakdowns,
    diagnostics: result.diagnostics,
    training: Object.fromEntries(Object.entries(result.training).map(([k, v]) => [k, { episodeReward: v, convergence: convergence[k], ...(result.trainingRuns[k] ? { episodeRewardByRun: result.trainingRuns[k] } : {}) }])),
    trainingSpread: result.trainingSpread,
    episodes: result.episodes,
    ...(result.interrupted ? { interrupted: true, interruptedAt: result.interrupted } : {}),
    ...(result.diverged ? { diverged: result.diverged } : {}),
  };
}

const fmt = formatInterval;
const digits = (unit: string): number => (unit === '1' ? 3 : 2);

/** A section's markdown without its image links: its heading and its paragraphs (for the HTML report). */
function sectionText(markdown: string): { heading: string; paragraphs: string[] } {
  const blocks = markdown.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b && !/^!\[[^\]]*\]\([^)]*\)$/.test(b));
  const headingBlock = blocks.find((b) => b.startsWith('#'));
  return { heading: headingBlock ? headingBlock.replace(/^#+\s*/, '') : 'Scenario', paragraphs: blocks.filter((b) => b !== headingBlock) };
}

/**
 * Writes the run's figures (`<name>.svg` with `<name>.csv`), the training logs
 * (`training/<agent>.csv` and their figures), the scenario's report sections, `report.md` and
 * the self-contained `report.html`; returns the file names written.
 */
export async function writeReport(dir: (name: string) => string, plugin: AnyScenarioPlugin, result: RunResult, meta: RunMeta): Promise<string[]> {
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    mkdirSync(dirname(dir(name)), { recursive: true });
    writeFileSync(dir(name), text);
    files.push(name);
  };
  const show = async (spec: FigureSpec): Promise<ShownFigure> => {
    const r = await renderFigure(spec);
    put(`${spec.file}.svg`, r.svg);
    put(`${spec.file}.csv`, r.csv);
    return { spec, svg: r.svg };
  };
  const sections = plugin.report?.({ params: result.params, firstEpisode: result.firstEpisode, agents: result.agents, evaluation: result.evaluation, actionCounts: result.actionCounts, training: result.trainingLog }) ?? [];
  const references: Record<string, ReferenceLine[]> = {};
  for (const s of sections) for (const [m, lines] of Object.entries(s.metricReferences ?? {})) (references[m] ??= []).push(...lines);
  const trainingFigure = trainingRewardFigure(result);
  const generic: ShownFigure[] = [];
  for (const f of [...(trainingFigure ? [trainingFigure] : []), ...metricFigures(plugin, result, references)]) generic.push(await show(f));
  const shownSections = [];
  for (const s of sections) {
    for (const [name, text] of Object.entries(s.files ?? {})) put(name, text);
    const figures: ShownFigure[] = [];
    for (const f of s.figures ?? []) figures.push(await show(f));
    // Captions the markdown repeats under its image links are shown once, under the inline figure.
    const text = sectionText(s.markdown);
    const captions = new Set(figures.map((f) => f.spec.caption?.trim()));
    if (s.markdown.trim() || figures.length) shownSections.push({ heading: text.heading, paragraphs: text.paragraphs.filter((p) => !captions.has(p)), figures });
  }
  const training: Record<string, ShownFigure> = {};
  for (const [agent, log] of Object.entries(result.trainingLog)) {
    put(`training/${agent}.csv`, trainingCsv(log));
    if (log.length) training[agent] = await show(trainingDiagnosticsFigure(agent, log));
  }
  const reading = readResults(plugin.metrics, result);
  const convergence = convergenceByAgent(result);
  const names = Object.keys(result.agents);
  const head = `| agent | ${plugin.metrics.map((m) => `${m.name} (${m.unit})`).join(' | ')} | violations |`;
  const rule = `|${'---|'.repeat(plugin.metrics.length + 2)}`;
  const rows = names.map((n) => `| ${n} | ${plugin.metrics.map((m) => fmt(result.agents[n][m.name], digits(m.unit))).join(' | ')} | ${result.agents[n].violations} |`);
  const diagnosticRows = Object.entries(result.diagnostics).map(([n, d]) => {
    const c = convergence[n];
    const curve = c ? c.verdict : 'does not learn';
    return `| ${n} | ${d.saturation === null ? 'n/a' : `${(d.saturation * 100).toFixed(1)} %`} | ${d.distinctActions}${d.distinctActions >= 10_000 ? '+' : ''} | ${curve} | ${d.warnings.join('; ') || '-'} |`;
  });
  const metricLines = plugin.metrics.map((m) => `- **${m.name}** (${m.unit}): ${m.description}${m.perEpisode === 'mean' ? ', mean over slots' : ', per episode'}.`);
  const link = (f: ShownFigure): string => `![${f.spec.file}](${f.spec.file}.svg)`;
  const report = `# ${result.kind} run report

Seed ${meta.seed}; ${meta.episodes} training episodes; evaluation on ${result.evalSeeds.length} held-out seeds; wall time ${meta.wallSeconds.toFixed(1)} s.${meta.traceHash ? ` Trace hash \`${meta.traceHash}\`.` : ''} The same report with every figure inline: \`report.html\`.

## Reading

${reading.findings.join('\n\n')}

${reading.warnings.length ? `Warnings:\n\n${reading.warnings.map((w) => `- ${w}`).join('\n')}` : 'No warnings.'}

## Evaluation (per episode; mean and 95 % interval over evaluation seeds)

${head}
${rule}
${rows.join('\n')}

${metricLines.join('\n')}
- **violations**: slots that broke a constraint of the scenario, counted over all evaluation episodes.

${breakdownMarkdown(plugin.metrics, result.breakdowns)}
## Policy diagnostics (evaluation)

| agent | saturated action components | distinct actions | training curve | warnings |
|---|---|---|---|---|
${diagnosticRows.join('\n')}

A learned policy with more than 95 % of its continuous outputs within 1 % of a bound sits in a corner
of its action box; one distinct action means it ignores its observation. Either is flagged. A training
curve is unconverged when the least-squares slope of the return over the last 10 % of training episodes
(at least 5) has a 95 % interval excluding 0 and the fitted change across that tail exceeds 5 % of the
curve's range. Per-episode training logs: \`training/<agent>.csv\`.

## Plots

Every figure's data is beside it as \`<figure>.csv\`.

${generic.map(link).join('\n\n')}

${trainingSpreadMarkdown(result.trainingSpread, plugin.metrics)}
${sections.map((s) => s.markdown).join('\n')}
${Object.values(training).length ? `## Training logs\n\n${Object.values(training).map(link).join('\n\n')}\n` : ''}
The trace of every event is in \`trace.duckdb\` (or \`trace.ndjson\`); \`summary.json\` lists which trace episodes belong to which agent and stage.
`;
  put('report.md', report);
  const provenance: [string, string][] = [
    ['scenario', `${result.kind}${meta.scenarioName ? ` (${meta.scenarioName})` : ''}`],
    ['seed', String(meta.seed)],
    ['training episodes', String(meta.episodes)],
    ['evaluation seeds', result.evalSeeds.join(', ')],
    ['semsim', `${meta.version ?? 'unknown'}${meta.commit ? `, commit ${meta.commit}` : ''}`],
    ['trace hash', meta.traceHash ?? '(no trace written)'],
    ['trace events', String(meta.traceEvents)],
    ['wall time', `${meta.wallSeconds.toFixed(1)} s`],
  ];
  put('report.html', reportHtml({ metrics: plugin.metrics, result, provenance, reading, convergence, figures: generic, sections: shownSections, training }));
  return files;
}
