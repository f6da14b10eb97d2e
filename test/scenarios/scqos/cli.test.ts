import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/cli-harness.ts';

describe('semsim run scenarios/scqos.yaml (in-process CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-scqos-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tiny = ['--episodes', '1', '--slots', '4', '--eval-episodes', '2', '--eval-seeds', '2', '--trace', 'ndjson'];

  it('runs all seven agents on a tiny budget and writes scqos, reward, similarity, latency and bits per agent', async () => {
    const out = join(dir, 'all');
    const r = await cli('run', 'scenarios/scqos.yaml', ...tiny, '--out', out, '--quiet');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(Object.keys(summary.agents)).toEqual(['hybrid-sac', 'd3qn', 'ddpg', 'td3', 'rate-only', 'random', 'mapping-guided']);
    for (const agent of Object.values(summary.agents) as Record<string, { mean: number; ci95: number[]; n: number }>[]) {
      for (const m of ['scqos', 'reward', 'similarity', 'latency', 'bits']) {
        expect(agent[m].n).toBe(2);
        expect(agent[m].ci95[0]).toBeLessThanOrEqual(agent[m].mean);
      }
      expect(agent.bits.mean >= 1 && agent.bits.mean <= 3).toBe(true);
      expect(agent.similarity.mean >= 0 && agent.similarity.mean <= 1).toBe(true);
    }
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/## SBQ codec choice[\s\S]*\| hybrid-sac \|/);
    for (const f of ['trace.ndjson', 'report.md', 'scqos.svg', 'similarity.svg', 'bits.svg', 'codec-usage.svg']) expect(existsSync(join(out, f))).toBe(true);
  });

  it('rejects an unknown agentConfig key with its path (exit 2), and reads embeddings from a file', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scenario: scqos\nagents: [mapping-guided]\nagentConfig: { mapping-guided: { snrResolution: 2 } }\n');
    const r = await cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/agentConfig\.mapping-guided\.snrResolution: unknown config field.*snrResolution_db/);

    const csv = join(dir, 'e.csv');
    writeFileSync(csv, [Array.from({ length: 4 }, (_, i) => i + 0.5).join(','), '0,1,2,3', '3,0,0,1'].join('\n'));
    const file = (path: string): string => {
      const f = join(dir, `f-${path.length}.yaml`);
      writeFileSync(f, `scenario: scqos\ncodec: { features: 4 }\nembeddings: { source: file, path: ${JSON.stringify(path)} }\nagents: [random]\n`);
      return f;
    };
    expect((await cli('run', file(csv), ...tiny, '--out', join(dir, 'csv'), '--quiet')).code).toBe(0);
    const missing = await cli('run', file(join(dir, 'nope.csv')), ...tiny, '--out', join(dir, 'missing'), '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/embeddings\.path: cannot read .*nope\.csv/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
