import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/cli-harness.ts';
import { loadScenario } from '../../../src/scenarios/loader.ts';
import { edgePlugin } from './harness.ts';

const EXAMPLE = 'scenarios/examples/edge-queue.yaml';


describe('semsim with the edge-queue example', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-edge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs scenarios/examples/edge-queue.yaml and summarises every declared metric for every agent', async () => {
    const out = join(dir, 'run');
    const r = await cli('run', EXAMPLE, '--episodes', '2', '--out', out, '--quiet', '--trace', 'ndjson');
    expect(r).toMatchObject({ code: 0, err: '' });
    for (const f of ['trace.ndjson', 'summary.json', 'config.json', 'report.md', 'reward.svg', 'backlog.svg']) expect(existsSync(join(out, f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toBe('edge-queue');
    expect(Object.keys(summary.agents)).toEqual(['dqn', 'greedy', 'random']);
    const metrics = edgePlugin().metrics.map((m) => m.name);
    expect(metrics).toContain('reward');
    for (const agent of Object.values(summary.agents) as Record<string, unknown>[]) {
      for (const m of metrics) {
        expect(agent[m]).toEqual({ mean: expect.any(Number), ci95: [expect.any(Number), expect.any(Number)], n: 5 });
      }
    }
    // Both devices decide: the trace holds decisions of both agent ids.
    const trace = readFileSync(join(out, 'trace.ndjson'), 'utf8');
    expect(trace).toContain('"agent":"device/0"');
    expect(trace).toContain('"agent":"device/1"');
  });

  it('rejects an unknown agent config key with its field path (exit 2)', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scenario: edge-queue\nagentConfig: { dqn: { learningrate: 0.1 } }\n');
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/agentConfig\.dqn\.learningrate: unknown config field of agent 'dqn'; allowed: learningRate,/);
  });

  it('lists the scenario and its agents', async () => {
    const r = await cli('list');
    expect(r.out).toMatch(/scenario edge-queue: /);
    expect(r.out).toMatch(/greedy +offers its whole queue/);
  });
});

describe('scenarios/examples/edge-queue.yaml', () => {
  it('is valid and documents the schema defaults (its physics equals an empty file\'s)', () => {
    const { file } = loadScenario(EXAMPLE);
    const defaults = edgePlugin().schema.parse({ scenario: 'edge-queue' });
    expect(edgePlugin().resolve(file)).toEqual(edgePlugin().resolve(defaults));
    expect(file.agents).toEqual(defaults.agents);
  });

  it('gives every value a comment', () => {
    const lines = readFileSync(EXAMPLE, 'utf8').split('\n');
    const values = lines.filter((l) => /^\s*[A-Za-z]\w*:\s*\S/.test(l) && !l.startsWith('#'));
    expect(values.length).toBeGreaterThan(15);
    for (const l of values) expect(l, l).toMatch(/ # /);
  });
});
