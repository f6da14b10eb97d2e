/** Text outputs of a collected sweep: `aggregate.csv` and `summary.md`. */
import type { Aggregate } from './collect.ts';

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One line per (point, agent, metric): axis values, mean, pooled and per-seed 95 % intervals. */
export function aggregateCsv(axes: readonly string[], aggs: readonly Aggregate[]): string {
  const head = ['point', ...axes, 'agent', 'metric', 'mean', 'ci95_lo', 'ci95_hi', 'n', 'seeds', 'seed_ci95_lo', 'seed_ci95_hi'];
  const lines = aggs.map((a) =>
    [a.point, ...axes.map((p) => a.values[p]), a.agent, a.metric, a.mean, a.ci95[0], a.ci95[1], a.n, a.seeds, a.seedCi95?.[0] ?? null, a.seedCi95?.[1] ?? null].map(csvCell).join(','),
  );
  return [head.map(csvCell).join(','), ...lines].join('\n') + '\n';
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? x.toExponential(3) : Number(x.toPrecision(4)).toString();
}

/** Markdown: per metric, a table of points (rows) by agents (columns), mean ± pooled half-width. */
export function summaryMarkdown(title: string, axes: readonly string[], aggs: readonly Aggregate[], status: string): string {
  const metrics = [...new Set(aggs.map((a) => a.metric))];
  const agents = [...new Set(aggs.map((a) => a.agent))];
  const points = [...new Map(aggs.map((a) => [a.point, a.values])).entries()];
  const parts = [`# Sweep ${title}\n\n${status}\n\nPer evaluation episode: mean ± 95 % half-width (t-interval over all training x evaluation seeds; per-seed intervals in aggregate.csv).`];
  for (const metric of metrics) {
    const cell = new Map(aggs.filter((a) => a.metric === metric).map((a) => [`${a.point}/${a.agent}`, a]));
    const rows = points.map(([p, values]) => {
      const cells = agents.map((ag) => {
        const a = cell.get(`${p}/${ag}`);
        return a ? `${fmt(a.mean)} ± ${fmt((a.ci95[1] - a.ci95[0]) / 2)}` : '';
      });
      return `| ${[...axes.map((x) => JSON.stringify(values[x])), ...cells].join(' | ')} |`;
    });
    const head = `| ${[...axes, ...agents].join(' | ')} |\n|${[...axes, ...agents].map(() => '---').join('|')}|`;
    parts.push(`## ${metric}\n\n${head}\n${rows.join('\n')}`);
  }
  return parts.join('\n\n') + '\n';
}
