/**
 * Scenario-free figure descriptions. A scenario (through its report hook) or the run pipeline
 * says *what* to plot — rows of data and which columns are x, y, series, facets and reference
 * lines — and `vega-lite.ts` turns that into a Vega-Lite spec; `render.ts` renders it to SVG
 * and writes the rows beside it as CSV, so a researcher can replot from the same numbers.
 */

/** One row of a figure's data (one CSV line). */
export type FigureRow = Readonly<Record<string, number | string | null>>;

/** A column of the rows and its axis or legend title (put the unit in the title: "queue (packets)"). */
export interface FigureField {
  readonly field: string;
  readonly title: string;
}

/** A horizontal line at `value` on the value axis, labelled (e.g. A_min, v_max). */
export interface ReferenceLine {
  readonly value: number;
  readonly label: string;
}

/** Small multiples: one panel per value of `field`, `columns` panels per row. */
export interface Facet extends FigureField {
  readonly columns?: number;
  /** Each panel gets its own value scale (for quantities of different units). */
  readonly independentY?: boolean;
}

interface FigureBase {
  /** File stem: the figure is written as `<file>.svg` and its data as `<file>.csv`. */
  readonly file: string;
  readonly title: string;
  /** One sentence under the figure in the HTML report: what it shows and how it was computed. */
  readonly caption?: string;
  readonly rows: readonly FigureRow[];
  /** Size of the plot area (of each panel with facets), pixels; defaults suit most figures. */
  readonly panel?: { readonly width: number; readonly height: number };
}

/**
 * Lines of `y` against numeric `x`, one per `series` value, with an optional band
 * (`band.lo`..`band.hi`, e.g. a 95 % interval), point marks, reference lines and facets.
 */
export interface LineFigure extends FigureBase {
  readonly kind: 'line';
  readonly x: FigureField;
  readonly y: FigureField;
  readonly series?: FigureField;
  readonly band?: { readonly lo: string; readonly hi: string };
  readonly points?: boolean;
  readonly facet?: Facet;
  readonly references?: readonly ReferenceLine[];
  /** Include 0 on the value axis (default false: the axis fits the data). */
  readonly zero?: boolean;
}

/** One bar per category (e.g. agent) with a `lo`..`hi` error bar (e.g. the 95 % interval). */
export interface IntervalFigure extends FigureBase {
  readonly kind: 'interval';
  readonly category: FigureField;
  readonly value: FigureField;
  readonly lo: string;
  readonly hi: string;
  readonly references?: readonly ReferenceLine[];
}

/** A box plot of `value` per category (median, quartiles, 1.5 IQR whiskers, outliers). */
export interface BoxFigure extends FigureBase {
  readonly kind: 'box';
  readonly category: FigureField;
  readonly value: FigureField;
  readonly references?: readonly ReferenceLine[];
}

/** A heat map: ordinal `x` by ordinal `y`, cells coloured by `color`, optionally faceted. */
export interface HeatmapFigure extends FigureBase {
  readonly kind: 'heatmap';
  readonly x: FigureField;
  readonly y: FigureField;
  readonly color: FigureField;
  readonly facet?: Facet;
}

/** Any figure the report can render. */
export type FigureSpec = LineFigure | IntervalFigure | BoxFigure | HeatmapFigure;
