import type { BoxFigure, FigureField, FigureRow, FigureSpec, HeatmapFigure, IntervalFigure, LineFigure, ReferenceLine } from './spec.ts';

/** A Vega-Lite spec as plain JSON (checked by `vega-lite`'s compiler when rendered). */
export type VegaLiteSpec = Record<string, unknown>;

const PANEL = { width: 520, height: 300 };
const SMALL_PANEL = { width: 230, height: 140 };
const REFERENCE_COLOR = '#b22222';
/** Pixels kept for a small multiple's y ticks and labels (Vega estimates a label at 0.8 x font size per character: "0.000300" at 11 px with its tick and padding is 77). */
const FACET_Y_AXIS_EXTENT = 80;

/** Shared look: no label or legend truncation (long agent names), readable fonts, white background. */
const CONFIG = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  padding: 8,
  title: { fontSize: 14, anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, titleLimit: 0 },
  header: { labelFontSize: 12, titleFontSize: 12, labelLimit: 0 },
  range: { category: { scheme: 'tableau10' } },
  view: { stroke: '#cccccc' },
};

/** Distinct values of a column in order of first appearance (keeps the caller's agent order). */
function order(rows: readonly FigureRow[], field: string): (string | number)[] {
  const seen = new Set<string | number>();
  for (const r of rows) {
    const v = r[field];
    if (v !== null && v !== undefined) seen.add(v);
  }
  return [...seen];
}

const allIntegers = (rows: readonly FigureRow[], field: string): boolean => rows.every((r) => typeof r[field] !== 'number' || Number.isInteger(r[field]));

function quantitative(f: FigureField, rows: readonly FigureRow[], zero: boolean): Record<string, unknown> {
  return {
    field: f.field,
    type: 'quantitative',
    title: f.title,
    scale: { zero, nice: true },
    axis: allIntegers(rows, f.field) ? { tickMinStep: 1, format: 'd' } : {},
  };
}

function nominal(f: FigureField, rows: readonly FigureRow[]): Record<string, unknown> {
  return { field: f.field, type: 'nominal', title: f.title, sort: order(rows, f.field) };
}

/**
 * Reference lines as a layer on the main data, aggregated to one row per panel (so each line is
 * drawn once per facet, not once per data row), plus their labels: above a horizontal line at
 * the panel's left edge, above the panel for a vertical one (clear of the bars).
 */
function referenceLayers(refs: readonly ReferenceLine[] | undefined, axis: 'x' | 'y', facetField?: string): Record<string, unknown>[] {
  return (refs ?? []).flatMap((ref) => {
    const one = [{ aggregate: [{ op: 'count', as: '__n' }], groupby: facetField ? [facetField] : [] }];
    const position = { [axis]: { datum: ref.value, type: 'quantitative' } };
    return [
      { transform: one, mark: { type: 'rule', color: REFERENCE_COLOR, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: position },
      {
        transform: one,
        mark:
          axis === 'y'
            ? { type: 'text', color: REFERENCE_COLOR, align: 'left', baseline: 'bottom', dx: 4, dy: -2, fontSize: 11 }
            : { type: 'text', color: REFERENCE_COLOR, align: 'center', baseline: 'bottom', dy: -2, fontSize: 11 },
        encoding: { ...position, [axis === 'y' ? 'x' : 'y']: { value: 0 }, text: { value: ref.label } },
      },
    ];
  });
}

function lineLayers(f: LineFigure): Record<string, unknown>[] {
  const x = quantitative(f.x, f.rows, false);
  // Legend symbols as solid strokes in the lines' colours (not the pale band fill).
  const color = f.series ? { color: { ...nominal(f.series, f.rows), legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3, symbolFillColor: 'transparent' } } } : {};
  const layers: Record<string, unknown>[] = [];
  if (f.band) {
    layers.push({
      mark: { type: 'area', opacity: 0.2 },
      encoding: { x, y: { field: f.band.lo, type: 'quantitative', title: f.y.title }, y2: { field: f.band.hi }, ...color },
    });
  }
  layers.push({
    mark: { type: 'line', strokeWidth: 1.8, ...(f.points ? { point: { size: 30 } } : {}) },
    encoding: { x, y: quantitative(f.y, f.rows, f.zero ?? false), ...color },
  });
  return [...layers, ...referenceLayers(f.references, 'y', f.facet?.field)];
}

function intervalLayers(f: IntervalFigure): Record<string, unknown>[] {
  const y = nominal(f.category, f.rows);
  const x = { ...quantitative(f.value, f.rows, true), axis: {} };
  return [
    { mark: { type: 'bar', opacity: 0.75, height: { band: 0.6 } }, encoding: { y, x, color: { ...nominal(f.category, f.rows), legend: null } } },
    { mark: { type: 'errorbar', ticks: { size: 10 }, color: 'black' }, encoding: { y, x: { field: f.lo, type: 'quantitative', title: f.value.title }, x2: { field: f.hi } } },
    ...referenceLayers(f.references, 'x'),
  ];
}

function boxLayers(f: BoxFigure): Record<string, unknown>[] {
  const y = nominal(f.category, f.rows);
  return [
    {
      mark: { type: 'boxplot', extent: 1.5, size: 22, median: { color: 'black' }, outliers: { size: 12, opacity: 0.5 } },
      encoding: { y, x: quantitative(f.value, f.rows, false), color: { ...nominal(f.category, f.rows), legend: null } },
    },
    ...referenceLayers(f.references, 'x'),
  ];
}

function heatmapLayers(f: HeatmapFigure): Record<string, unknown>[] {
  const ordinal = (g: FigureField): Record<string, unknown> => {
    const values = order(f.rows, g.field);
    // Many cells (e.g. 100 slots): label every k-th so tick labels stay legible.
    const every = Math.ceil(values.length / 12);
    return { field: g.field, type: 'ordinal', title: g.title, sort: values, axis: { labelAngle: 0, ...(every > 1 ? { values: values.filter((_, i) => i % every === 0) } : {}) } };
  };
  return [
    {
      mark: { type: 'rect' },
      encoding: {
        x: ordinal(f.x),
        y: ordinal(f.y),
        color: { field: f.color.field, type: 'quantitative', title: f.color.title, scale: { scheme: 'blues' } },
      },
    },
  ];
}

/** The Vega-Lite spec of a figure (data inline, one panel or small multiples). */
export function toVegaLite(f: FigureSpec): VegaLiteSpec {
  const layer = f.kind === 'line' ? lineLayers(f) : f.kind === 'interval' ? intervalLayers(f) : f.kind === 'box' ? boxLayers(f) : heatmapLayers(f);
  const facet = f.kind === 'line' || f.kind === 'heatmap' ? f.facet : undefined;
  const categories = f.kind === 'interval' || f.kind === 'box' ? order(f.rows, f.category.field).length : 0;
  const size = f.panel ?? (facet ? SMALL_PANEL : categories ? { width: PANEL.width, height: Math.max(80, 26 * categories) } : PANEL);
  const top = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: f.title, data: { values: f.rows }, config: CONFIG };
  if (!facet) return { ...top, ...size, layer };
  return {
    ...top,
    // Every panel keeps its own x axis: with shared axes Vega-Lite draws them in the grid's
    // last row, under an empty cell when the panels do not fill it and detached from the panel
    // above. With a y axis per panel, equal room for each keeps the columns aligned whatever the
    // tick labels' widths.
    ...(facet.independentY ? { config: { ...CONFIG, axisY: { minExtent: FACET_Y_AXIS_EXTENT } } } : {}),
    facet: { field: facet.field, type: 'nominal', title: facet.title, sort: order(f.rows, facet.field) },
    columns: facet.columns ?? 3,
    spec: { ...size, layer },
    resolve: { axis: { x: 'independent' }, ...(facet.independentY ? { scale: { y: 'independent' } } : {}) },
  };
}
