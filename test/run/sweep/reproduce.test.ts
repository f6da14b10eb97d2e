import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPoints, expandShards } from '../../../src/run/sweep/expand.ts';
import { loadSweep } from '../../../src/run/sweep/load.ts';
import { readManifest } from '../../../src/run/sweep/manifest.ts';
import { REPRODUCIBLE, reproduceFile } from '../../../src/run/sweep/reproduce.ts';
import { MULTICELL_METRICS } from '../../../src/scenarios/multicell-ee/metrics.ts';
import { SCQOS_METRICS } from '../../../src/scenarios/scqos/metrics.ts';
import { cli } from '../../cli/cli-harness.ts';

/** Shard counts of one shipped sweep under a preset: points (in order) and seeds. */
function expanded(file: string, preset: string): { points: Record<string, unknown>[]; shards: number; budget?: string; episodes?: number } {
  const sweep = loadSweep(file, { preset });
  const points = expandPoints(sweep);
  return { points: points.map((p) => p.values), shards: expandShards(sweep, points, 'v').length, budget: sweep.budget, episodes: sweep.episodes };
}

describe('semsim reproduce: the shipped sweeps of 004 Figs. 4-6 and 001 Figs. 5-10', () => {
  it('knows toscn, multicell-ee and scqos, and rejects other names listing them', () => {
    expect(Object.keys(REPRODUCIBLE).sort()).toEqual(['multicell-ee', 'scqos', 'toscn']);
    for (const name of Object.keys(REPRODUCIBLE)) expect(existsSync(reproduceFile(name))).toBe(true);
    expect(() => reproduceFile('constructor')).toThrow(/no shipped sweep; allowed: toscn, multicell-ee, scqos/);
  });

  it('multicell-ee: 3 and 7 cells at p_max 20 dBm, and 14 dBm with 3 cells; quick 3 x 2 = 6 shards, paper 3 x 5 = 15', () => {
    const quick = expanded(REPRODUCIBLE['multicell-ee'].file, 'quick');
    expect(quick.points).toEqual([
      { 'cells.count': 3, 'power.max_dbm': 20 },
      { 'cells.count': 7, 'power.max_dbm': 20 },
      { 'cells.count': 3, 'power.max_dbm': 14 },
    ]);
    expect(quick).toMatchObject({ shards: 6, episodes: 10, budget: undefined });
    const paper = expanded(REPRODUCIBLE['multicell-ee'].file, 'paper');
    expect(paper.points).toEqual(quick.points);
    expect(paper).toMatchObject({ shards: 15, budget: 'paper' });
  });

  it('scqos: one-axis sweeps around Table I (-10 dBm, 90 kHz, S_th 0.8, 1 dB record); quick 9 x 2 = 18 shards, paper 9 x 5 = 45', () => {
    const quick = expanded(REPRODUCIBLE.scqos.file, 'quick');
    const base = { transmitPower_dbm: -10, bandwidth_khz: 90, 'qos.similarityThreshold': 0.8, 'agentConfig.mapping-guided.snrResolution_db': 1 };
    const variations: Record<string, unknown>[] = [
      { transmitPower_dbm: -20 },
      {},
      { transmitPower_dbm: 0 },
      { bandwidth_khz: 30 },
      { bandwidth_khz: 270 },
      { 'qos.similarityThreshold': 0.7 },
      { 'qos.similarityThreshold': 0.9 },
      { 'agentConfig.mapping-guided.snrResolution_db': 2 },
      { 'agentConfig.mapping-guided.snrResolution_db': 5 },
    ];
    expect(quick.points).toEqual(variations.map((v) => ({ ...base, ...v })));
    expect(quick).toMatchObject({ shards: 18, episodes: 10, budget: undefined });
    const paper = expanded(REPRODUCIBLE.scqos.file, 'paper');
    expect(paper).toMatchObject({ shards: 45, budget: 'paper' });
  });

  it.each([
    ['multicell-ee', MULTICELL_METRICS],
    ['scqos', SCQOS_METRICS],
  ])('%s: every figure plots a metric the scenario reports, against one of the sweep axes, at existing points', (name, metrics) => {
    const sweep = loadSweep(REPRODUCIBLE[name].file, { preset: 'quick' });
    const points = expandPoints(sweep);
    const known = [...metrics.map((m) => m.name), 'violations'];
    for (const m of sweep.metrics ?? []) expect(known).toContain(m);
    expect(sweep.figures.length).toBeGreaterThan(0);
    for (const f of sweep.figures) {
      expect(sweep.metrics).toContain(f.metric);
      expect(sweep.axisPaths).toContain(f.x);
      const selected = points.filter((p) => Object.entries(f.where ?? {}).every(([k, v]) => p.values[k] === v));
      expect(new Set(selected.map((p) => p.values[f.x])).size, `${f.file}: x values`).toBeGreaterThan(1);
    }
  });
});

describe('semsim reproduce --emit slurm (no shard runs; the checks use the built CLI)', () => {
  if (!existsSync(join('dist', 'cli', 'commands', 'shard.js'))) throw new Error('dist/ is not built: run npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'semsim-reproduce-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects an unknown scenario with exit code 2, listing the reproducible ones', async () => {
    const r = await cli('reproduce', 'nope', '--out', join(dir, 'never'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/allowed: toscn, multicell-ee, scqos/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it.each([
    ['multicell-ee', 'quick', 6],
    ['multicell-ee', 'paper', 15],
    ['scqos', 'quick', 18],
    ['scqos', 'paper', 45],
  ])('%s --budget %s writes a job array of %i tasks over the manifest', async (name, budget, shards) => {
    const out = join(dir, `${name}-${budget}`);
    const r = await cli('reproduce', name, '--budget', budget, '--emit', 'slurm', '--throttle', '4', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readManifest(join(out, 'manifest.json')).shards).toHaveLength(shards);
    expect(readFileSync(join(out, 'sweep.sbatch'), 'utf8')).toContain(`#SBATCH --array=0-${shards - 1}%4`);
    expect(existsSync(join(out, 'results')) ? readdirSync(join(out, 'results')) : []).toEqual([]); // nothing ran
  });
});
