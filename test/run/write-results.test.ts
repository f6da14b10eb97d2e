import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/agents/common/backend.ts';
import type { RunResult } from '../../src/run/pipeline.ts';
import { runScenario } from '../../src/run/pipeline.ts';
import { writeReport } from '../../src/run/write-results.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';

/** Every file under `dir`, relative, sorted. */
const listing = (dir: string, prefix = ''): string[] =>
  readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listing(dir, join(prefix, e.name)) : [join(prefix, e.name)]))
    .sort();

describe('writeReport: figures with CSVs, training logs, report.md and a self-contained report.html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semsim-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const EPISODES = 4;
  const file = toscnPlugin.schema.parse({
    scenario: 'toscn',
    run: { slotsPerEpisode: 3, episodes: EPISODES, evalEpisodes: 2, evalSeeds: 2 },
    agentConfig: { ddpg: { learningStarts: 3, batchSize: 4, actorHiddenSizes: [8], criticHiddenSizes: [8] } },
  });
  let result: RunResult;
  let written: string[];
  beforeAll(async () => {
    await initBackend();
    result = await runScenario({ plugin: toscnPlugin, file }, { seed: 2, episodes: EPISODES, agents: ['ddpg', 'random'] });
    written = await writeReport((n) => join(dir, n), toscnPlugin, result, { seed: 2, episodes: EPISODES, wallSeconds: 1, traceEvents: 0, version: '0.1.0', commit: 'abc1234', traceHash: 'f'.repeat(64) });
  }, 60_000);

  it('writes every figure as SVG with its data beside it as CSV, the training logs and both reports', () => {
    const files = listing(dir);
    expect(files).toEqual([...written].sort());
    const svgs = files.filter((f) => f.endsWith('.svg'));
    for (const m of toscnPlugin.metrics) expect(svgs).toContain(`${m.name}.svg`);
    expect(svgs).toEqual(expect.arrayContaining(['training-reward.svg', 'queues-ddpg.svg', 'queues-random.svg', 'training/ddpg-curves.svg']));
    for (const f of svgs) expect(files).toContain(f.replace(/\.svg$/, '.csv'));
    expect(files).toEqual(expect.arrayContaining(['report.md', 'report.html', 'training/ddpg.csv']));
    // The metric CSV holds the summary's numbers.
    const reward = readFileSync(join(dir, 'reward.csv'), 'utf8').trim().split('\n');
    expect(reward[0]).toBe('agent,mean,ci_low,ci_high,n');
    for (const agent of ['ddpg', 'random']) {
      const i = result.agents[agent].reward;
      expect(reward).toContain(`${agent},${i.mean},${i.ci95[0]},${i.ci95[1]},${i.n}`);
    }
  });

  it('logs one training row per episode with the documented columns, for learning agents only', () => {
    const lines = readFileSync(join(dir, 'training/ddpg.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1 + EPISODES);
    const head = lines[0].split(',');
    expect(head.slice(0, 4)).toEqual(['episode', 'return', 'slots', 'updates']);
    expect(head).toEqual(expect.arrayContaining(['update_critic', 'update_actor', 'actorLearningRate', 'criticLearningRate', 'noiseStd', 'action_mean', 'action_std', 'action_saturation', 'metric_reward']));
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => Number(r[1]))).toEqual(result.training.ddpg);
    // 3 slots per episode; DDPG updates once it has observed learningStarts = 3 transitions:
    // at the last step of episode 1, then at every step.
    expect(rows.map((r) => Number(r[3]))).toEqual([1, 3, 3, 3]);
    expect(existsSync(join(dir, 'training/random.csv'))).toBe(false);
  });

  it('report.html is one self-contained file: inline SVG and CSS, no scripts, no external URLs', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const urls = [...html.matchAll(/https?:\/\/[^\s"')<>]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'].filter((u) => urls.includes(u))));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\s(src|href)=/i);
    const figures = listing(dir).filter((f) => f.endsWith('.svg')).length;
    expect(html.split('<svg').length - 1).toBe(figures);
    for (const s of ['toscn run report', 'abc1234', 'f'.repeat(64), 'Reading', 'ddpg', 'random', 'A_min = 0.7', 'v_max = 6']) expect(html).toContain(s);
    expect(html).toMatch(/has the highest mean reward/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/## Reading\n\n\S+ has the highest mean reward/);
  });
});
