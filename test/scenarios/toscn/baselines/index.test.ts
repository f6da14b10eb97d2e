import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE_FILE, BASELINES, GreedyBaseline } from '../../../../src/scenarios/toscn/baselines/index.ts';
import { box } from '../../../../src/agents/common/spaces.ts';
import { RootRandom } from '../../../../src/random/index.ts';
import { toscnParams, toscnSpec } from './fixtures.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async (): Promise<string> => {
  const d = await mkdtemp(join(tmpdir(), 'semsim-baselines-'));
  dirs.push(d);
  return d;
};

describe('BASELINES registry', () => {
  const p = toscnParams();
  const spec = toscnSpec(p);

  it('builds each baseline under its registry name, and none of them learns', () => {
    expect(Object.keys(BASELINES).sort()).toEqual(['greedy', 'greedy-compression', 'random']);
    for (const [name, make] of Object.entries(BASELINES)) {
      const agent = make(spec, p, {}, new RootRandom(1));
      expect(agent.name).toBe(name);
      expect(agent.update()).toBeUndefined();
      const a = agent.act(new Float32Array(15), false).continuous!;
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.length).toBe(18);
      agent.dispose();
    }
  });

  it('rejects spaces that are not the toscn ones and unknown or non-numeric config fields', () => {
    for (const make of Object.values(BASELINES)) {
      expect(() => make({ ...spec, actionSpace: box(17, -1, 1) }, p)).toThrow(/size 3D = 18/);
      expect(() => make({ ...spec, actionSpace: box(18, 0, 1) }, p)).toThrow(/\[-1, 1\]/);
      expect(() => make({ ...spec, observationSpace: box(14, -10, 10) }, p)).toThrow(/J \+ 2D = 15/);
      expect(() => make(spec, p, { nope: 1 })).toThrow(/unknown config field 'nope'/);
    }
    expect(() => BASELINES.greedy(spec, p, { budgetQuanta: 'many' })).toThrow(/budgetQuanta: Invalid input: expected number/);
  });

  it('saves its config as one small JSON file and loads it back', async () => {
    const dir = await tempDir();
    const a = new GreedyBaseline(spec, p, { budgetQuanta: 64 });
    await a.save(dir);
    const body = JSON.parse(await readFile(join(dir, BASELINE_FILE), 'utf8'));
    expect(body).toMatchObject({ agent: 'greedy', config: { budgetQuanta: 64, rateMargin: 1e-6, replans: 4 } });
    const b = new GreedyBaseline(spec, p);
    expect(b.settings.budgetQuanta).toBe(200);
    await b.load(dir);
    expect(b.settings).toEqual(body.config);
    // Same config, same policy.
    const obs = Float32Array.from([0.5, 0.5, 0, 1.2, 1.5, 0.9, 2, 1.1, 1.4, 1, 0.5, 0, 1, 1, 0.5]);
    expect(b.act(obs, false)).toEqual(a.act(obs, false));
  });

  it('refuses a file written by another baseline or with a bad config', async () => {
    const dir = await tempDir();
    await BASELINES.random(spec, p).save(dir);
    await expect(BASELINES.greedy(spec, p).load(dir)).rejects.toThrow(/'random' baseline, not 'greedy'/);
    const body = JSON.parse(await readFile(join(dir, BASELINE_FILE), 'utf8'));
    await writeFile(join(dir, BASELINE_FILE), JSON.stringify({ ...body, config: { seed: 1, extra: 2 } }));
    await expect(BASELINES.random(spec, p).load(dir)).rejects.toThrow(/unknown config field 'extra'/);
    await writeFile(join(dir, BASELINE_FILE), JSON.stringify({ ...body, config: { seed: 1.5 } }));
    await expect(BASELINES.random(spec, p).load(dir)).rejects.toThrow(/seed: Invalid input: expected int/);
  });
});
