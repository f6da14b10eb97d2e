import type { MetricSpec } from '../scenarios/plugin.ts';
import type { Convergence } from './convergence.ts';
import type { FigureSpec } from './figures/spec.ts';
import type { RunResult } from './pipeline.ts';
import type { Reading } from './reading.ts';

/** A figure as the HTML report shows it: its spec (title, caption, file) and its SVG. */
export interface ShownFigure {
  readonly spec: FigureSpec;
  readonly svg: string;
}

/** Everything `report.html` shows. */
export interface HtmlReportInput {
  readonly metrics: readonly MetricSpec[];
  readonly result: RunResult;
  /** Provenance rows (scenario, seed, version, commit, trace hash, ...), shown in order. */
  readonly provenance: readonly (readonly [string, string])[];
  readonly reading: Reading;
  readonly convergence: Readonly<Record<string, Convergence>>;
  /** Generic figures (training return, one per metric). */
  readonly figures: readonly ShownFigure[];
  /** The scenario's sections: a heading, paragraphs and figures. */
  readonly sections: readonly { readonly heading: string; readonly paragraphs: readonly string[]; readonly figures: readonly ShownFigure[] }[];
  /** Per learning agent: its training-log figure. */
  readonly training: Readonly<Record<string, ShownFigure>>;
}

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:1.2em 0;overflow-x:auto}figcaption{font-size:.9em;color:#444;max-width:900px}
.warn{background:#fff4e5;border-left:4px solid #e69500;padding:.5em 1em}.warn li{margin:.2em 0}
code{background:#f3f3f3;padding:0 .2em}`;

const fmt = (x: number): string => (!Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toExponential(2) : Number(x.toPrecision(4)).toString());

function figure(f: ShownFigure): string {
  const caption = f.spec.caption ? ` ${escapeHtml(f.spec.caption)}` : '';
  return `<figure id="fig-${escapeHtml(f.spec.file)}">${f.svg}<figcaption><b>${escapeHtml(f.spec.title)}.</b>${caption} Data: <code>${escapeHtml(f.spec.file)}.csv</code>.</figcaption></figure>`;
}

function evaluationTable(metrics: readonly MetricSpec[], result: RunResult): string {
  const names = Object.keys(result.agents);
  if (!names.length) return '<p>No agent completed its evaluation.</p>';
  const head = `<tr><th>agent</th>${metrics.map((m) => `<th>${escapeHtml(m.name)} (${escapeHtml(m.unit)})</th>`).join('')}<th>violations</th></tr>`;
  const rows = names.map((a) => {
    const cells = metrics.map((m) => {
      const i = result.agents[a][m.name];
      return `<td class="num">${fmt(i.mean)} <small>[${fmt(i.ci95[0])}, ${fmt(i.ci95[1])}]</small></td>`;
    });
    return `<tr><td>${escapeHtml(a)}</td>${cells.join('')}<td class="num">${result.agents[a].violations}</td></tr>`;
  });
  return `<table>${head}${rows.join('')}</table><p>Mean [95 % t-interval] over ${result.evalSeeds.length} held-out evaluation seeds, per evaluation episode.</p>`;
}

function diagnosticsTable(input: HtmlReportInput): string {
  const { result, convergence } = input;
  const rows = Object.entries(result.diagnostics).map(([a, d]) => {
    const c = convergence[a];
    const curve = c ? (c.verdict === 'too-short' ? 'too short to judge' : `${c.verdict} (tail slope ${fmt(c.slope!)} per episode over ${c.tail} episodes)`) : 'does not learn';
    return `<tr><td>${escapeHtml(a)}</td><td class="num">${d.saturation === null ? 'n/a' : `${(d.saturation * 100).toFixed(1)} %`}</td><td class="num">${d.distinctActions}${d.distinctActions >= 10_000 ? '+' : ''}</td><td>${escapeHtml(curve)}</td><td>${escapeHtml(d.warnings.join('; ') || '-')}</td></tr>`;
  });
  return `<table><tr><th>agent</th><th>saturated action components</th><th>distinct actions</th><th>training curve</th><th>warnings</th></tr>${rows.join('')}</table>
<p>Saturation: share of continuous action components within 1 % of a bound of the action box in evaluation (above 95 % is flagged). Distinct actions: one means the policy ignores its observation. Training curve: unconverged when the least-squares slope of the return over the last 10 % of training episodes (at least 5) has a 95 % interval excluding 0 and the fitted change across that tail exceeds 5 % of the curve's range.</p>`;
}

/** The self-contained HTML report: inline CSS and SVG, no scripts, no external resources. */
export function reportHtml(input: HtmlReportInput): string {
  const { result, reading } = input;
  const provenance = input.provenance.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const warnings = reading.warnings.length ? `<div class="warn"><b>Warnings</b><ul>${reading.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : '<p>No warnings.</p>';
  const sections = input.sections
    .map((s) => `<h2>${escapeHtml(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}${s.figures.map(figure).join('')}`)
    .join('\n');
  const training = Object.entries(input.training)
    .map(([a, f]) => `<h3>${escapeHtml(a)}</h3>${figure(f)}<p>Per-episode log: <code>training/${escapeHtml(a)}.csv</code>.</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(result.kind)} run report</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(result.kind)} run report</h1>
<table>${provenance}</table>
<h2>Reading</h2>
${reading.findings.map((f) => `<p>${escapeHtml(f)}</p>`).join('\n')}
${warnings}
<h2>Evaluation</h2>
${evaluationTable(input.metrics, result)}
${input.figures.map(figure).join('\n')}
${sections}
<h2>Per-agent diagnostics</h2>
${diagnosticsTable(input)}
${training}
</body></html>
`;
}
