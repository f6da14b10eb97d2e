import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPoints, expandShards, gridCombinations } from '../../../src/run/sweep/expand.ts';
import { canonicalJson, shardHash } from '../../../src/run/sweep/hash.ts';
import { loadSweep } from '../../../src/run/sweep/load.ts';

describe('sweep files and their expansion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-expand-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'toscn.yaml'), 'scenario: toscn\nbudgets: { bandwidth_mhz: 3, power_w: 0.2 }\nagents: [ddpg]\n');
  const sweepFile = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("accepts issue 16's minimal file as it is (base relative to the sweep file)", () => {
    const file = sweepFile('minimal.yaml', 'base: scenarios/toscn.yaml\naxes:\n  budgets.bandwidth_mhz: [2, 4]\nseeds: [1]\nagents: [random]\nepisodes: 2\n');
    const sweep = loadSweep(file);
    expect(sweep).toMatchObject({ name: 'minimal', baseFile: join(dir, 'scenarios', 'toscn.yaml'), seeds: [1], agents: ['random'], episodes: 2, axisPaths: ['budgets.bandwidth_mhz'] });
    const points = expandPoints(sweep);
    expect(points.map((p) => p.values)).toEqual([{ 'budgets.bandwidth_mhz': 2 }, { 'budgets.bandwidth_mhz': 4 }]);
    expect(points[1].scenario).toEqual({ scenario: 'toscn', budgets: { bandwidth_mhz: 4, power_w: 0.2 }, agents: ['random'] });
    expect(expandShards(sweep, points, '0.1.0').map((s) => [s.index, s.point, s.seed])).toEqual([
      [0, 0, 1],
      [1, 1, 1],
    ]);
  });

  it('crosses axes (last fastest), zips them all, or zips groups crossed with the rest', () => {
    const axes = { a: [1, 2], b: ['x', 'y'], c: [true, false] };
    expect(gridCombinations({ axes }).map((c) => Object.values(c).join(''))).toEqual(['1xtrue', '1xfalse', '1ytrue', '1yfalse', '2xtrue', '2xfalse', '2ytrue', '2yfalse']);
    expect(gridCombinations({ axes, zip: true }).map((c) => Object.values(c).join(''))).toEqual(['1xtrue', '2yfalse']);
    expect(gridCombinations({ axes, zip: [['a', 'c']] }).map((c) => `${c.a}${c.b}${c.c}`)).toEqual(['1xtrue', '1ytrue', '2xfalse', '2yfalse']);
    expect(gridCombinations({ axes: {} })).toEqual([{}]);
  });

  it('joins grids, runs a repeated point once, and fills other grids\' axes from the base', () => {
    const file = sweepFile(
      'grids.yaml',
      'base: scenarios/toscn.yaml\ngrids:\n  - axes: { budgets.bandwidth_mhz: [2, 3] }\n  - axes: { budgets.power_w: [0.1, 0.2] }\nseeds: [1, 2]\n',
    );
    const sweep = loadSweep(file);
    const points = expandPoints(sweep);
    expect(points.map((p) => p.values)).toEqual([
      { 'budgets.bandwidth_mhz': 2, 'budgets.power_w': 0.2 },
      { 'budgets.bandwidth_mhz': 3, 'budgets.power_w': 0.2 },
      { 'budgets.bandwidth_mhz': 3, 'budgets.power_w': 0.1 },
    ]);
    expect(expandShards(sweep, points, 'v')).toHaveLength(6);
  });

  it('applies presets and fixed overrides', () => {
    const file = sweepFile(
      'presets.yaml',
      'base: scenarios/toscn.yaml\nset: { run.evalEpisodes: 4 }\naxes: { budgets.bandwidth_mhz: [2] }\nepisodes: 5\npresets:\n  quick: { seeds: [7], episodes: 1, set: { run.evalSeeds: 2 } }\n',
    );
    const sweep = loadSweep(file, { preset: 'quick', sets: ['devices.count=2'] });
    expect(sweep).toMatchObject({ seeds: [7], episodes: 1, preset: 'quick' });
    expect(expandPoints(sweep)[0].scenario).toMatchObject({ run: { evalEpisodes: 4, evalSeeds: 2 }, devices: { count: 2 } });
    expect(() => loadSweep(file, { preset: 'paper' })).toThrow(/--budget paper: no such preset .*allowed: quick/);
  });

  it.each([
    ['base: scenarios/toscn.yaml\nbogus: 1\n', /\(root\): unknown field\(s\) 'bogus'; allowed: .*base, axes/],
    ['axes: { a: [1] }\n', /base: /],
    ['base: scenarios/toscn.yaml\nseeds: [-1]\n', /seeds\.0: /],
    ['base: scenarios/toscn.yaml\naxes: { a: [] }\n', /axes\.a: /],
    ['base: scenarios/toscn.yaml\nfigures: [{ metric: m, x: a, colour: red }]\n', /figures\.0: unknown field\(s\) 'colour'; allowed: metric, x, where, title, file/],
    ['base: scenarios/toscn.yaml\naxes: { a: [1, 2], b: [1] }\nzip: true\n', /zipped axes need equal lengths; got a: 2, b: 1/],
    ['base: scenarios/toscn.yaml\naxes: { a: [1] }\nzip: [[a, c]]\n', /zip: 'c' is not an axis; allowed: a/],
    ['base: scenarios/toscn.yaml\naxes: { a: [1] }\nfigures: [{ metric: m, x: b }]\n', /figures\.0\.x: 'b' is not an axis; allowed: a/],
    ['base: scenarios/toscn.yaml\naxes: { a: [1] }\nmetrics: [reward]\nfigures: [{ metric: m, x: a }]\n', /figures\.0\.metric: 'm' is not collected; allowed: reward/],
    ['base: scenarios/missing.yaml\n', /no such base scenario file/],
    ['base: [\n', /invalid YAML/],
  ])('rejects %j naming the field', (text, message) => {
    expect(() => loadSweep(sweepFile('bad.yaml', text))).toThrow(message);
  });

  it('content-addresses shards by canonical scenario, seed, agents, budget and version', () => {
    const key = { scenario: { b: 1, a: [1, { y: 2, x: 1 }] }, seed: 1, agents: ['random'], episodes: 2, version: '0.1.0' };
    const h = shardHash(key);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(shardHash({ ...key, scenario: { a: [1, { x: 1, y: 2 }], b: 1 } })).toBe(h);
    for (const change of [{ seed: 2 }, { agents: ['ddpg'] }, { episodes: 3 }, { version: '0.2.0' }, { scenario: { b: 2, a: [1, { y: 2, x: 1 }] } }, { budget: 'paper' }]) {
      expect(shardHash({ ...key, ...change })).not.toBe(h);
    }
    expect(canonicalJson({ z: 1, a: { c: null, b: [true, 'x'] } })).toBe('{"a":{"b":[true,"x"],"c":null},"z":1}');
  });
});
