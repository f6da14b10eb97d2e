import { byNaturalOrder, type MetricSpec } from '../scenarios/plugin.ts';
import type { BreakdownSummary } from './episode-loops.ts';
import { formatInterval, type Interval } from './stats.ts';

/**
 * The report.md section of the metrics a scenario breaks down per entity (`MetricSpec.breakdown`,
 * e.g. toscn's packet delays and age of information per device): one table per agent, a row
 * per entity, each cell the mean and 95 % interval over evaluation seeds. Empty when no metric
 * is broken down.
 */
export function breakdownMarkdown(metrics: readonly MetricSpec[], breakdowns: Readonly<Record<string, BreakdownSummary>>): string {
  const specs = metrics.filter((m) => m.breakdown !== undefined);
  const agents = Object.keys(breakdowns);
  if (!specs.length || !agents.length) return '';
  const kinds = [...new Set(specs.map((m) => m.breakdown))].join(', ');
  const tables = agents.map((agent) => {
    const byMetric = breakdowns[agent];
    const entities = [...new Set(specs.flatMap((m) => Object.keys(byMetric[m.name] ?? {})))].sort(byNaturalOrder);
    const head = `| ${specs[0].breakdown} | ${specs.map((m) => `${m.name} (${m.unit})`).join(' | ')} |`;
    const rule = `|${'---|'.repeat(specs.length + 1)}`;
    const rows = entities.map((e) => `| ${e} | ${specs.map((m) => cell(byMetric[m.name]?.[e], m.unit)).join(' | ')} |`);
    return `### ${agent}\n\n${head}\n${rule}\n${rows.join('\n')}\n`;
  });
  return `## Per ${kinds} (evaluation; mean and 95 % interval over evaluation seeds)

The same values are in \`summary.json\` under \`breakdowns.<agent>.<metric>.<${kinds}>\`.

${tables.join('\n')}`;
}

function cell(i: Interval | undefined, unit: string): string {
  if (!i) return '-';
  return formatInterval(i, unit === 's' ? 4 : unit === '1' ? 3 : 2);
}
