import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';

describe('semsim run --save-models and semsim eval --load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-models-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = join(dir, 's.yaml');
  writeFileSync(scenario, 'scenario: toscn\nrun: { slotsPerEpisode: 4, episodes: 3, evalEpisodes: 2, evalSeeds: 2 }\nagents: [ddpg, planner]\nagentConfig: { ddpg: { learningStarts: 4, batchSize: 4 } }\n');

  it('evaluates the saved agents without training and reproduces the trained run evaluation', async () => {
    const trained = join(dir, 'trained');
    const r = await cli('run', scenario, '--out', trained, '--save-models', '--trace', 'none', '--quiet', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(existsSync(join(trained, 'models', 'ddpg', 'agent'))).toBe(true);
    const evaluated = join(dir, 'evaluated');
    const e = await cli('eval', scenario, '--load', trained, '--out', evaluated, '--trace', 'none', '--quiet', '--backend', 'cpu');
    expect(e.code).toBe(0);
    const a = JSON.parse(readFileSync(join(trained, 'summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(evaluated, 'summary.json'), 'utf8'));
    expect(b.training).toEqual({});
    expect(b.agents).toEqual(a.agents);
    expect(b.evalSeeds).toEqual(a.evalSeeds);
  });

  it('names a learning agent with no saved models (exit 2)', async () => {
    const r = await cli('eval', scenario, '--load', join(dir, 'nowhere'), '--out', join(dir, 'x'), '--quiet', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no saved models for agent 'ddpg'/);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});
