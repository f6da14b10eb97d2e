import { describe, expect, it } from 'vitest';
import { aggregate, pooled, sdFromInterval, summaryRows, type ResultRow } from '../../../src/run/sweep/collect.ts';
import { axisType, tableSql } from '../../../src/run/sweep/duck.ts';
import { figureFile, renderFigures } from '../../../src/run/sweep/figures.ts';
import { aggregateCsv, summaryMarkdown } from '../../../src/run/sweep/report.ts';
import { meanCi95 } from '../../../src/run/stats.ts';

describe('collecting and aggregating shard results', () => {
  const a = [3, 5, 4, 6, 2];
  const b = [7, 5, 9, 8, 6];

  it('recovers the standard deviation behind a t-interval', () => {
    const i = meanCi95(a);
    const sd = Math.sqrt(a.reduce((s, x) => s + (x - 4) ** 2, 0) / 4);
    expect(sdFromInterval({ mean: i.mean, ci95: [i.ci95[0], i.ci95[1]], n: i.n })).toBeCloseTo(sd, 12);
  });

  it('pools shards exactly as if every evaluation sample were at hand', () => {
    const rows = [a, b].map((xs) => {
      const i = meanCi95(xs);
      return { value: i.mean, n: i.n, sd: sdFromInterval({ mean: i.mean, ci95: [i.ci95[0], i.ci95[1]], n: i.n }) };
    });
    const p = pooled(rows);
    const all = meanCi95([...a, ...b]);
    expect(p.mean).toBeCloseTo(all.mean, 12);
    expect(p.n).toBe(10);
    expect(p.ci95[0]).toBeCloseTo(all.ci95[0], 10);
    expect(p.ci95[1]).toBeCloseTo(all.ci95[1], 10);
    expect(pooled([{ value: 1, n: 1, sd: null }, { value: 3, n: 1, sd: null }]).mean).toBe(2);
  });

  const summary = (delivered: number, violations: number): unknown => ({
    scenario: 'any',
    wallSeconds: 9,
    agents: {
      random: { delivered: { mean: delivered, ci95: [delivered - 1, delivered + 1], n: 5 }, queue: { mean: 1, ci95: [1, 1], n: 5 }, violations, note: 'text' },
      planner: { delivered: { mean: delivered + 10, ci95: [delivered + 9, delivered + 11], n: 5 }, queue: { mean: 2, ci95: [2, 2], n: 5 }, violations: 0 },
    },
  });

  it('reads every interval or numeric metric of any name, or only the declared ones', () => {
    const base = { shard: 0, point: 0, values: { x: 1 }, seed: 1 };
    const rows = summaryRows(summary(10, 2), base, null, () => undefined);
    expect(rows.map((r) => `${r.agent}.${r.metric}=${r.value}/${r.n}`)).toEqual(['random.delivered=10/5', 'random.queue=1/5', 'random.violations=2/1', 'planner.delivered=20/5', 'planner.queue=2/5', 'planner.violations=0/1']);
    const warnings: string[] = [];
    expect(summaryRows(summary(10, 2), base, ['delivered', 'energy'], (w) => warnings.push(w))).toHaveLength(2);
    expect(warnings).toEqual(["shard 0: agent random has no metric 'energy'", "shard 0: agent planner has no metric 'energy'"]);
  });

  const rows: ResultRow[] = [];
  for (const [point, x, y] of [
    [0, 2, 0.1],
    [1, 4, 0.1],
    [2, 4, 0.2],
  ] as const) {
    for (const seed of [1, 2]) {
      rows.push(...summaryRows(summary(10 * x + seed, seed), { shard: point * 2 + seed - 1, point, values: { 'b.x': x, 'b.y': y }, seed }, ['delivered', 'violations'], () => undefined));
    }
  }
  const aggs = aggregate(rows);

  it('aggregates per point, agent and metric over training seeds', () => {
    const d = aggs.find((g) => g.point === 1 && g.agent === 'random' && g.metric === 'delivered')!;
    expect(d).toMatchObject({ mean: 41.5, n: 10, seeds: 2 });
    expect(d.seedCi95![0]).toBeCloseTo(meanCi95([41, 42]).ci95[0], 12);
    expect(aggs.find((g) => g.point === 0 && g.agent === 'planner' && g.metric === 'violations')).toMatchObject({ mean: 0, n: 2 });
    expect(aggs).toHaveLength(3 * 2 * 2);
  });

  it('draws one line per agent and per value of another varying axis, or selects with where', async () => {
    const warnings: string[] = [];
    const figs = await renderFigures(
      [
        { metric: 'delivered', x: 'b.x' },
        { metric: 'delivered', x: 'b.x', where: { 'b.y': 0.1 }, file: 'sel.svg' },
        { metric: 'nothing', x: 'b.x' },
      ],
      ['b.x', 'b.y'],
      aggs,
      (w) => warnings.push(w),
    );
    expect(figs.map((f) => f.file)).toEqual(['delivered-vs-b.x.svg', 'sel.svg']);
    expect(warnings).toEqual(["delivered-vs-b.x.svg: 'random, y=0.2' left out (results missing at some b.x values)", "delivered-vs-b.x.svg: 'planner, y=0.2' left out (results missing at some b.x values)", "nothing-vs-b.x.svg: no results for metric 'nothing'"]);
    expect(figs[0].svg).toContain('random, y=0.1');
    expect(figs[1].svg).toMatch(/^<svg /);
    expect(figs[1].svg).not.toContain('y=0.1');
    // The CSV beside each figure holds the plotted means and intervals.
    const csv = figs[1].csv.trim().split('\n');
    expect(csv[0]).toBe('series,x,x_value,mean,ci_low,ci_high,n');
    const plotted = aggs.filter((a) => a.metric === 'delivered' && a.values['b.y'] === 0.1);
    expect(csv).toHaveLength(1 + plotted.length);
    for (const a of plotted) expect(csv).toContain(`${a.agent},${a.values['b.x']},${a.values['b.x']},${a.mean},${a.ci95[0]},${a.ci95[1]},${a.n}`);
    expect(figureFile({ metric: 'a/b', x: 'c d' })).toBe('a_b-vs-c_d.svg');
  });

  it('writes CSV and markdown tables', () => {
    const csv = aggregateCsv(['b.x', 'b.y'], aggs).split('\n');
    expect(csv[0]).toBe('point,b.x,b.y,agent,metric,mean,ci95_lo,ci95_hi,n,seeds,seed_ci95_lo,seed_ci95_hi');
    expect(csv[1]).toMatch(/^0,2,0\.1,random,delivered,21\.5,/);
    const md = summaryMarkdown('t', ['b.x', 'b.y'], aggs, 'status');
    expect(md).toContain('## delivered\n\n| b.x | b.y | random | planner |');
    expect(md).toContain('| 4 | 0.2 | 41.5 ± ');
  });

  it('types axis columns from their values', () => {
    expect(axisType([1, 2.5, null])).toBe('DOUBLE');
    expect(axisType([true, false])).toBe('BOOLEAN');
    expect(axisType([1, 'a'])).toBe('VARCHAR');
    expect(tableSql([{ name: 'budgets.bandwidth_mhz', type: 'DOUBLE' }])).toBe(
      'CREATE TABLE results(point INTEGER, "budgets.bandwidth_mhz" DOUBLE, seed BIGINT, agent VARCHAR, metric VARCHAR, value DOUBLE, n INTEGER, sd DOUBLE)',
    );
  });
});
