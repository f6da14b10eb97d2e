import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../cli/cli-harness.ts';

describe('semsim run scenarios/multicell-ee-3.yaml (in-process CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-multicell-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tiny = ['--slots', '6', '--eval-episodes', '2', '--eval-seeds', '2', '--trace', 'ndjson'];

  it('runs the random team on a tiny budget and writes ee, qoe and power per agent', async () => {
    const out = join(dir, 'random');
    const r = await cli('run', 'scenarios/multicell-ee-3.yaml', '--agent', 'random', ...tiny, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/agent\s+reward\s+ee\s+qoe/);
    expect(r.out).toMatch(/\nrandom\s+\d/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toBe('multicell-ee');
    for (const m of ['ee', 'qoe', 'power']) {
      const s = summary.agents.random[m];
      expect(s.n).toBe(2);
      expect(s.ci95[0]).toBeLessThanOrEqual(s.mean);
      expect(s.ci95[1]).toBeGreaterThanOrEqual(s.mean);
    }
    expect(summary.agents.random.qoe.mean).toBeGreaterThan(0);
    expect(summary.agents.random.power.mean).toBeLessThanOrEqual(0.1);
    for (const f of ['trace.ndjson', 'report.md', 'report.html', 'ee.svg', 'ee.csv', 'qoe.svg', 'power.svg', 'fig5-ee-box.svg', 'fig6-power-levels.svg', 'fig6-power-levels.csv', 'power-over-time.svg']) expect(existsSync(join(out, f))).toBe(true);
  });

  it('reads a user similarity table from CSV, and a missing CSV is bad input (exit 2, nothing written)', async () => {
    const csv = join(dir, 'xi.csv');
    writeFileSync(csv, 'k,-10,0,10,20\n1,0.3,0.35,0.5,0.6\n19,0.4,0.6,0.95,0.98\n');
    const file = (path: string): string => {
      const f = join(dir, `s-${path.length}.yaml`);
      writeFileSync(f, `scenario: multicell-ee\ncells: { count: 2 }\nsemantic: { similarity: { model: csv, path: ${JSON.stringify(path)} } }\nagents: [greedy]\n`);
      return f;
    };
    expect((await cli('run', file(csv), ...tiny, '--out', join(dir, 'csv'), '--quiet')).code).toBe(0);
    const missing = await cli('run', file(join(dir, 'nope.csv')), ...tiny, '--out', join(dir, 'missing'), '--quiet');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/semantic\.similarity\.path: cannot read .*nope\.csv/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
