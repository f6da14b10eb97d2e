import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandPoints, expandShards } from '../../../src/run/sweep/expand.ts';
import { loadSweep } from '../../../src/run/sweep/load.ts';
import { REPRODUCIBLE } from '../../../src/run/sweep/reproduce.ts';
import { sweepJsonSchema } from '../../../src/run/sweep/schema.ts';

describe('shipped sweep files', () => {
  it('sweep.schema.json matches the zod schema (regenerate with `npx semsim sweep --schema > sweep.schema.json`)', () => {
    expect(JSON.parse(readFileSync('sweep.schema.json', 'utf8'))).toEqual(sweepJsonSchema());
  });

  it.each(readdirSync('scenarios/sweeps').filter((f) => f.endsWith('.yaml')))('scenarios/sweeps/%s loads and expands', (f) => {
    const sweep = loadSweep(`scenarios/sweeps/${f}`);
    expect(expandPoints(sweep).length).toBeGreaterThan(0);
  });

  it('toscn Figs. 9-12: 8 budget points (the shared one once), quick 16 shards, paper 40', () => {
    const file = REPRODUCIBLE.toscn.file;
    const quick = loadSweep(file, { preset: 'quick' });
    const points = expandPoints(quick);
    expect(points.map((p) => [p.values['budgets.bandwidth_mhz'], p.values['budgets.power_w']])).toEqual([
      [2, 0.2],
      [3, 0.2],
      [4, 0.2],
      [6, 0.2],
      [8, 0.2],
      [3, 0.14],
      [3, 0.16],
      [3, 0.18],
    ]);
    expect(expandShards(quick, points, 'v')).toHaveLength(16);
    const paper = loadSweep(file, { preset: 'paper' });
    expect(expandShards(paper, expandPoints(paper), 'v')).toHaveLength(40);
    expect(paper.budget).toBe('paper');
  });
});
