import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderFigure, toCsv } from '../../../src/run/figures/render.ts';
import type { FigureRow, FigureSpec } from '../../../src/run/figures/spec.ts';
import { toVegaLite } from '../../../src/run/figures/vega-lite.ts';

const AGENTS = ['ddpg', 'greedy-compression', 'planner-compression', 'random'];

/** Parses CSV as RFC 4180 reads it (quoted cells with doubled quotes; no newlines in cells here). */
function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const cells: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          cells.push(cur);
          cur = '';
        } else cur += ch;
      }
      cells.push(cur);
      return cells;
    });
}

const interval: FigureSpec = {
  kind: 'interval',
  file: 'accuracy',
  title: 'accuracy per agent',
  rows: AGENTS.map((agent, i) => ({ agent, mean: 0.72 + 0.05 * i, ci_low: 0.7 + 0.05 * i, ci_high: 0.74 + 0.05 * i, n: 5 })),
  category: { field: 'agent', title: 'agent' },
  value: { field: 'mean', title: 'accuracy (1)' },
  lo: 'ci_low',
  hi: 'ci_high',
  references: [{ value: 0.7, label: 'A_min = 0.7' }],
};
const lines: FigureSpec = {
  kind: 'line',
  file: 'training',
  title: 'training return',
  rows: AGENTS.flatMap((agent, i) => Array.from({ length: 6 }, (_, e) => ({ agent, episode: e + 1, mean: i + e, lo: i + e - 0.5, hi: i + e + 0.5 }))),
  x: { field: 'episode', title: 'training episode' },
  y: { field: 'mean', title: 'episode return (task efficiency)' },
  series: { field: 'agent', title: 'agent' },
  band: { lo: 'lo', hi: 'hi' },
};
const facets: FigureSpec = {
  kind: 'line',
  file: 'queues',
  title: 'queues',
  rows: [0, 1, 2].flatMap((u) => [0, 1, 2, 3].map((slot) => ({ device: `device ${u}`, slot, queue: (slot + u) % 4 }))),
  x: { field: 'slot', title: 'slot' },
  y: { field: 'queue', title: 'queue length (packets)' },
  facet: { field: 'device', title: 'device' },
  references: [{ value: 6, label: 'v_max = 6' }],
};
const box: FigureSpec = {
  kind: 'box',
  file: 'box',
  title: 'EE per slot',
  rows: AGENTS.flatMap((agent, i) => Array.from({ length: 20 }, (_, k) => ({ agent, ee: i + (k % 7) / 7 }))),
  category: { field: 'agent', title: 'agent' },
  value: { field: 'ee', title: 'system EE (1/W)' },
};
const heat: FigureSpec = {
  kind: 'heatmap',
  file: 'heat',
  title: 'power levels',
  rows: AGENTS.slice(0, 2).flatMap((agent) => ['bs/0', 'bs/1'].flatMap((bs) => [0, 1, 2].map((level) => ({ agent, bs, level, share: level / 3 })))),
  x: { field: 'level', title: 'power level q' },
  y: { field: 'bs', title: 'base station' },
  color: { field: 'share', title: 'share of slots' },
  facet: { field: 'agent', title: 'agent' },
};
const ALL = [interval, lines, facets, box, heat];

describe('Vega-Lite figures', () => {
  it('every figure kind compiles as Vega-Lite without warnings', () => {
    for (const f of ALL) {
      const warnings: string[] = [];
      const logger = { level: () => logger, warn: (...m: unknown[]) => (warnings.push(m.join(' ')), logger), info: () => logger, debug: () => logger, error: (...m: unknown[]) => (warnings.push(m.join(' ')), logger) };
      expect(() => compile(toVegaLite(f) as never, { logger: logger as never })).not.toThrow();
      expect(warnings, f.file).toEqual([]);
    }
  });

  it('the SVG carries axis titles with units, tick labels, every agent name in full and the reference lines', async () => {
    const bars = (await renderFigure(interval)).svg;
    expect(bars.startsWith('<svg')).toBe(true);
    for (const a of AGENTS) expect(bars).toContain(`>${a}<`);
    expect(bars).toContain('accuracy (1)');
    expect(bars).toContain('A_min = 0.7');
    expect(bars).toMatch(/>0\.[0-9]+</); // numeric tick labels on the value axis
    const legend = (await renderFigure(lines)).svg;
    for (const a of AGENTS) expect(legend).toContain(`>${a}<`);
    expect(legend).toContain('training episode');
    expect(legend).toContain('episode return (task efficiency)');
    const panels = (await renderFigure(facets)).svg;
    for (const u of [0, 1, 2]) expect(panels).toContain(`>device ${u}<`);
    // One reference line label per panel, not one per data row.
    expect(panels.split('v_max = 6').length - 1).toBe(3);
  });

  it('small multiples that leave grid cells empty give every panel its own x axis and the empty cells none', async () => {
    // 5 panels in 3 columns: with shared axes Vega-Lite drew 3 x axes in the last row, one of
    // them under the empty cell (detached from the panel above it), and none in the first row.
    const agents = ['a', 'b', 'c', 'd', 'e'];
    const five: FigureSpec = { ...heat, rows: agents.flatMap((agent) => [0, 1, 2].map((level) => ({ agent, bs: 'bs/0', level, share: level / 3 }))) };
    const svg = (await renderFigure(five)).svg;
    expect(svg.split('>power level q<').length - 1).toBe(agents.length);
    const queues = (await renderFigure({ ...facets, rows: [0, 1, 2, 3].flatMap((u) => [0, 1].map((slot) => ({ device: `device ${u}`, slot, queue: u }))) })).svg;
    expect(queues.split('>slot<').length - 1).toBe(4);
  });

  it('writes exactly the rows as CSV: header of every column, numbers round-trip, text quoted when needed', async () => {
    const rows: FigureRow[] = [
      { agent: 'a, "quoted"', value: 0.1 + 0.2, missing: null },
      { agent: 'b', value: -1e-9, extra: 3 },
    ];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed[0]).toEqual(['agent', 'value', 'missing', 'extra']);
    expect(parsed[1]).toEqual(['a, "quoted"', String(0.1 + 0.2), '', '']);
    expect(Number(parsed[2][1])).toBe(-1e-9);
    const r = await renderFigure(interval);
    const table = parseCsv(r.csv);
    expect(table[0]).toEqual(['agent', 'mean', 'ci_low', 'ci_high', 'n']);
    expect(table.slice(1).map((row) => [row[0], Number(row[1]), Number(row[2]), Number(row[3])])).toEqual(interval.rows.map((row) => [row.agent, row.mean, row.ci_low, row.ci_high]));
  });
});
