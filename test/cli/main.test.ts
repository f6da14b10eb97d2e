import type { AgentEntry } from '../../src/scenarios/plugin.ts';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';


describe('semsim CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = join(dir, 'small.yaml');
  writeFileSync(scenario, 'scenario: toscn\nrun: { slotsPerEpisode: 3, episodes: 1, evalEpisodes: 2, evalSeeds: 2 }\nagents: [planner, random]\n');

  it.each([
    [['run', scenario, '--bogus'], /Unknown option '--bogus'/],
    [['run', join(dir, 'missing.yaml')], /no such scenario file/],
    [['run', scenario, '--seed', '1.5'], /--seed 1.5: must be an integer in \[0, 4294967295\]/],
    [['run', scenario, '--episodes', '0'], /--episodes 0: must be an integer in \[1, 1000000\]/],
    [['run', scenario, '--trace', 'csv'], /--trace csv: allowed: duckdb, ndjson, none/],
    [['run', scenario, '--agent', 'nope'], /--agent nope: unknown agent for scenario toscn; allowed: ddpg, a2c/],
    [['frobnicate'], /unknown command/],
  ])('rejects %j with exit code 2 and no run directory', async (args, message) => {
    const out = join(dir, 'never');
    const r = await cli(...args, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('names the field and the allowed range of a bad scenario value', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scenario: toscn\nbudgets: { bandwidth_mhz: 2000 }\n');
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/budgets\.bandwidth_mhz: .*allowed: \(0, 1000\]/);
  });

  it('reports invalid YAML with exit code 2', async () => {
    const bad = join(dir, 'broken.yaml');
    writeFileSync(bad, 'scenario: toscn\n  x: [\n');
    expect((await cli('validate', bad)).code).toBe(2);
  });

  it('writes a complete run directory and the same trace hash for the same seed', async () => {
    const a = join(dir, 'A');
    const b = join(dir, 'B');
    const c = join(dir, 'C');
    expect((await cli('run', scenario, '--seed', '4', '--out', a, '--trace', 'ndjson', '--quiet')).code).toBe(0);
    expect((await cli('run', scenario, '--seed', '4', '--out', b, '--trace', 'ndjson', '--quiet')).code).toBe(0);
    expect((await cli('run', scenario, '--seed', '5', '--out', c, '--trace', 'ndjson', '--quiet')).code).toBe(0);
    for (const f of ['trace.ndjson', 'summary.json', 'config.json', 'report.md', 'delivered.svg', 'accuracy.svg', 'queues-random.svg']) expect(existsSync(join(a, f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.agents)).toEqual(['planner', 'random']);
    expect(summary.agents.random).toHaveProperty('violations');
    const hash = async (d: string): Promise<string> => (await cli('trace', 'hash', d)).out.trim();
    expect(await hash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(await hash(a)).toBe(await hash(b));
    expect(await hash(a)).not.toBe(await hash(c));
    // The output directory must not exist yet.
    expect((await cli('run', scenario, '--out', a, '--quiet')).code).toBe(2);
  });
});

describe('semsim CLI with a misbehaving agent', () => {
  it('stops on a NaN action with exit code 2, naming the index, and leaves no run directory', async () => {
    const { registerScenario, toscnPlugin, unregisterScenario } = await import('../../src/scenarios/registry.ts');
    const nan: AgentEntry = {
      learns: false,
      description: 'emits NaN (test only)',
      create: ({ spec }) => ({
        name: 'test-nan',
        act: () => ({ continuous: new Float32Array(spec.actionSpace.kind === 'box' ? spec.actionSpace.size : 0).fill(NaN) }),
        observe: () => undefined,
        update: () => undefined,
        save: async () => undefined,
        load: async () => undefined,
        dispose: () => undefined,
      }),
    };
    // A user's plug-in composed from toscn, with one more agent in its catalogue.
    const { ToscnScenarioSchema } = await import('../../src/scenarios/toscn/schema.ts');
    const { z } = await import('zod');
    const schema = ToscnScenarioSchema.extend({ scenario: z.literal('toscn-nan') });
    registerScenario({ ...toscnPlugin, kind: 'toscn-nan', schema, agents: { ...toscnPlugin.agents, 'test-nan': nan } });
    const dir = mkdtempSync(join(tmpdir(), 'semsim-nan-'));
    try {
      const scenario = join(dir, 's.yaml');
      writeFileSync(scenario, 'scenario: toscn-nan\nrun: { slotsPerEpisode: 2, episodes: 1, evalEpisodes: 1, evalSeeds: 1 }\n');
      const r = await cli('run', scenario, '--agent', 'test-nan', '--out', join(dir, 'out'), '--quiet');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/continuous\[0\] is NaN; actions must be finite numbers/);
      expect(readdirSync(dir)).toEqual(['s.yaml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      unregisterScenario('toscn-nan');
    }
  });
});

describe('default run directory', () => {
  it('picks base, then base-2, base-3 when taken', async () => {
    const { freshRunDir } = await import('../../src/cli/commands/run.ts');
    const { mkdirSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'semsim-fresh-'));
    try {
      const base = join(dir, 'toscn-seed1');
      expect(freshRunDir(base)).toBe(base);
      mkdirSync(base);
      expect(freshRunDir(base)).toBe(`${base}-2`);
      mkdirSync(`${base}-2`);
      expect(freshRunDir(base)).toBe(`${base}-3`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
