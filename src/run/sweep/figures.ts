/**
 * The sweep's figures (one SVG per figure spec): a metric against an axis, one line per agent,
 * and per value of any other axis that varies among the selected points. All figure code is
 * here, so a switch to another renderer (e.g. Vega-Lite) touches only this file.
 */
import { lineChart } from '../svg.ts';
import type { Aggregate } from './collect.ts';
import type { Figure } from './schema.ts';

/** A rendered figure. */
export interface FigureFile {
  readonly file: string;
  readonly svg: string;
}

const label = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Default file name: `<metric>-vs-<axis>.svg` (path dots kept, other characters replaced). */
export function figureFile(f: Figure): string {
  return f.file ?? `${f.metric}-vs-${f.x}.svg`.replace(/[^\w.-]+/g, '_');
}

/** Renders every figure that has data; `warn` receives the reasons a figure or line was left out. */
export function renderFigures(figures: readonly Figure[], axes: readonly string[], aggs: readonly Aggregate[], warn: (w: string) => void): FigureFile[] {
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
    const series = new Map<string, Map<string, number>>();
    for (const a of selected) {
      const name = [a.agent, ...others.map((p) => `${p.split('.').pop()}=${label(a.values[p])}`)].join(', ');
      if (!series.has(name)) series.set(name, new Map());
      series.get(name)!.set(JSON.stringify(a.values[f.x]), a.mean);
    }
    const lines = [];
    for (const [name, byX] of series) {
      if (order.every((i) => byX.has(xKeys[i]))) lines.push({ name, values: order.map((i) => byX.get(xKeys[i])!) });
      else warn(`${file}: '${name}' left out (results missing at some ${f.x} values)`);
    }
    if (lines.length === 0) continue;
    const xs = numeric ? order.map((i) => xValues[i] as number) : undefined;
    const xLabel = numeric ? f.x : `${f.x}: ${order.map((i) => label(xValues[i])).join(', ')}`;
    const where = f.where ? ` (${Object.entries(f.where).map(([k, v]) => `${k} = ${label(v)}`).join(', ')})` : '';
    out.push({ file, svg: lineChart(f.title ?? `${f.metric} vs ${f.x}${where}`, xLabel, `${f.metric} (mean)`, lines, xs) });
  }
  return out;
}
