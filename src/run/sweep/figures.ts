/**
 * The sweep's figures (one SVG per figure spec, its data beside it as CSV): a metric against an
 * axis, one line per agent and per value of any other axis that varies among the selected
 * points, with the 95 % interval as a band. Rendered by the run's Vega-Lite figure kernel.
 */
import { renderFigure } from '../figures/render.ts';
import type { FigureRow } from '../figures/spec.ts';
import type { Aggregate } from './collect.ts';
import type { Figure } from './schema.ts';

/** A rendered figure: `file` (.svg), its SVG and its data as CSV. */
export interface FigureFile {
  readonly file: string;
  readonly svg: string;
  readonly csv: string;
}

const label = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Default file name: `<metric>-vs-<axis>.svg` (path dots kept, other characters replaced). */
export function figureFile(f: Figure): string {
  return f.file ?? `${f.metric}-vs-${f.x}.svg`.replace(/[^\w.-]+/g, '_');
}

/** Renders every figure that has data; `warn` receives the reasons a figure or line was left out. */
export async function renderFigures(figures: readonly Figure[], axes: readonly string[], aggs: readonly Aggregate[], warn: (w: string) => void): Promise<FigureFile[]> {
  const out: FigureFile[] = [];
  for (const f of figures) {
    const file = figureFile(f);
    const selected = aggs.filter((a) => a.metric === f.metric && Object.entries(f.where ?? {}).every(([k, v]) => a.values[k] === v));
    if (selected.length === 0) {
      warn(`${file}: no results for metric '${f.metric}'${f.where ? ` where ${JSON.stringify(f.where)}` : ''}`);
      continue;
    }
    const others = axes.filter((p) => p !== f.x && !(f.where && p in f.where) && new Set(selected.map((a) => JSON.stringify(a.values[p]))).size > 1);
    const xKeys = [...new Set(selected.map((a) => JSON.stringify(a.values[f.x])))];
    const xValues = xKeys.map((k) => JSON.parse(k) as unknown);
    const numeric = xValues.every((v) => typeof v === 'number');
    const order = xValues.map((_, i) => i).sort((i, j) => (numeric ? (xValues[i] as number) - (xValues[j] as number) : 0));
    const series = new Map<string, Map<string, Aggregate>>();
    for (const a of selected) {
      const name = [a.agent, ...others.map((p) => `${p.split('.').pop()}=${label(a.values[p])}`)].join(', ');
      if (!series.has(name)) series.set(name, new Map());
      series.get(name)!.set(JSON.stringify(a.values[f.x]), a);
    }
    const rows: FigureRow[] = [];
    for (const [name, byX] of series) {
      if (!order.every((i) => byX.has(xKeys[i]))) {
        warn(`${file}: '${name}' left out (results missing at some ${f.x} values)`);
        continue;
      }
      // A non-numeric axis is plotted at its position (0, 1, ...) and named in the axis title.
      for (const [pos, i] of order.entries()) {
        const a = byX.get(xKeys[i])!;
        rows.push({ series: name, x: numeric ? (xValues[i] as number) : pos, x_value: label(xValues[i]), mean: a.mean, ci_low: a.ci95[0], ci_high: a.ci95[1], n: a.n });
      }
    }
    if (rows.length === 0) continue;
    const xLabel = numeric ? f.x : `${f.x}: ${order.map((i, pos) => `${pos} = ${label(xValues[i])}`).join(', ')}`;
    const where = f.where ? ` (${Object.entries(f.where).map(([k, v]) => `${k} = ${label(v)}`).join(', ')})` : '';
    const rendered = await renderFigure({
      kind: 'line',
      file: file.replace(/\.svg$/, ''),
      title: f.title ?? `${f.metric} vs ${f.x}${where}`,
      rows,
      x: { field: 'x', title: xLabel },
      y: { field: 'mean', title: `${f.metric} (mean, 95 % interval)` },
      series: { field: 'series', title: 'agent' },
      band: { lo: 'ci_low', hi: 'ci_high' },
      points: true,
    });
    out.push({ file, svg: rendered.svg, csv: rendered.csv });
  }
  return out;
}
