import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { FigureRow, FigureSpec } from './spec.ts';
import { toVegaLite, type VegaLiteSpec } from './vega-lite.ts';

/** A rendered figure: its SVG, its data as CSV and the Vega-Lite spec it came from. */
export interface RenderedFigure {
  readonly svg: string;
  readonly csv: string;
  readonly spec: VegaLiteSpec;
}

/** One CSV cell: numbers in shortest round-trip form, text quoted when it needs to be. */
function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows as CSV with a header of every column, in order of first appearance. */
export function toCsv(rows: readonly FigureRow[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (seen.has(k)) continue;
      seen.add(k);
      columns.push(k);
    }
  }
  const lines = [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return lines.join('\n') + '\n';
}

/** Renders a Vega-Lite spec to SVG with Vega's headless view (no canvas, no network). */
export async function vegaLiteToSvg(spec: VegaLiteSpec): Promise<string> {
  const vega = compile(spec as unknown as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders one figure; non-finite values become empty CSV cells and gaps in the plot. */
export async function renderFigure(f: FigureSpec): Promise<RenderedFigure> {
  const rows = f.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v])));
  const spec = toVegaLite({ ...f, rows });
  return { svg: await vegaLiteToSvg(spec), csv: toCsv(f.rows), spec };
}
