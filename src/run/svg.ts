/** Minimal dependency-free SVG charts for run reports (line and bar charts). */

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const W = 640;
const H = 360;
const M = { left: 60, right: 150, top: 30, bottom: 45 };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-2 ? x.toExponential(1) : Number(x.toPrecision(3)).toString();
}

function frame(title: string, xLabel: string, yLabel: string, lo: number, hi: number, body: string, legend: readonly string[]): string {
  const ph = H - M.top - M.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = M.top + ph * (1 - f);
      return `<line x1="${M.left - 4}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${M.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(lo + (hi - lo) * f)}</text>`;
    })
    .join('');
  const keys = legend
    .map((name, i) => `<rect x="${W - M.right + 12}" y="${M.top + i * 18}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${W - M.right + 30}" y="${M.top + i * 18 + 10}" font-size="12">${esc(name)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${esc(title)}</text>
${ticks}${body}
<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>
<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>
<text x="14" y="${M.top + ph / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${M.top + ph / 2})">${esc(yLabel)}</text>
${keys}
</svg>
`;
}

function range(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  let hi = Math.max(...finite, lo + 1e-9);
  if (hi === lo) hi = lo + 1;
  const pad = (hi - lo) * 0.05;
  return [lo - (lo < 0 ? pad : 0), hi + pad];
}

/**
 * A line chart of one or more series, against their index or against `xs` (then points are
 * placed by value, marked, and each x is labelled on the axis).
 */
export function lineChart(title: string, xLabel: string, yLabel: string, series: readonly Series[], xs?: readonly number[]): string {
  const all = series.flatMap((s) => s.values);
  const [lo, hi] = range(all);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x0 = xs ? Math.min(...xs) : 0;
  const x1 = xs ? Math.max(...xs, x0 + 1e-9) : n - 1;
  const px = (k: number): number => M.left + (pw * ((xs ? xs[k] : k) - x0)) / (x1 - x0);
  const py = (v: number): number => M.top + ph * (1 - (v - lo) / (hi - lo));
  const body = series
    .map((s, i) => {
      const color = COLORS[i % COLORS.length];
      const pts = s.values.map((v, k) => `${px(k).toFixed(1)},${py(v).toFixed(1)}`).join(' ');
      const marks = xs ? s.values.map((v, k) => `<circle cx="${px(k).toFixed(1)}" cy="${py(v).toFixed(1)}" r="3" fill="${color}"/>`).join('') : '';
      return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts}"/>${marks}`;
    })
    .join('');
  const ticks = xs ? xs.map((x, k) => `<text x="${px(k).toFixed(1)}" y="${H - M.bottom + 15}" text-anchor="middle" font-size="11">${fmt(x)}</text>`).join('') : '';
  return frame(title, xLabel, yLabel, lo, hi, body + ticks, series.map((s) => s.name));
}

/** A bar chart with optional error bars (`[lo, hi]` per bar). */
export function barChart(title: string, yLabel: string, bars: readonly { name: string; value: number; ci?: readonly [number, number] }[]): string {
  const [lo, hi] = range(bars.flatMap((b) => [b.value, ...(b.ci ?? [])]));
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const y = (v: number): number => M.top + ph * (1 - (v - lo) / (hi - lo));
  const bw = pw / Math.max(1, bars.length);
  const body = bars
    .map((b, i) => {
      const x = M.left + i * bw + bw * 0.15;
      const top = Math.min(y(b.value), y(0));
      const err = b.ci ? `<line x1="${x + bw * 0.35}" x2="${x + bw * 0.35}" y1="${y(b.ci[0])}" y2="${y(b.ci[1])}" stroke="#000" stroke-width="1.5"/>` : '';
      return `<rect x="${x}" y="${top}" width="${bw * 0.7}" height="${Math.abs(y(b.value) - y(0))}" fill="${COLORS[i % COLORS.length]}"/>${err}`;
    })
    .join('');
  return frame(title, 'agent', yLabel, lo, hi, body, bars.map((b) => b.name));
}
