import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cli } from '../../cli/cli-harness.ts';
import { readManifest, SweepDir } from '../../../src/run/sweep/manifest.ts';
import { runPool } from '../../../src/run/sweep/pool.ts';


async function tableRows(db: string): Promise<string> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  try {
    const c = await instance.connect();
    const rows = (await c.runAndReadAll('SELECT * FROM results ORDER BY ALL')).getRowsJson();
    c.closeSync();
    return JSON.stringify(rows);
  } finally {
    instance.closeSync();
  }
}

async function tableCount(db: string): Promise<{ rows: number; metrics: string[]; columns: string[] }> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  try {
    const c = await instance.connect();
    const rows = Number((await c.runAndReadAll('SELECT count(*) FROM results')).getRows()[0][0]);
    const metrics = (await c.runAndReadAll('SELECT DISTINCT metric FROM results ORDER BY metric')).getRows().map((r) => String(r[0]));
    const columns = (await c.runAndReadAll('DESCRIBE results')).getRows().map((r) => String(r[0]));
    c.closeSync();
    return { rows, metrics, columns };
  } finally {
    instance.closeSync();
  }
}

const CLI = resolve('dist/cli/index.js');
// Small runs: 3 slots per episode, 2 evaluation seeds x 2 episodes.
const SMALL = ['--set', 'run.slotsPerEpisode=3', '--set', 'run.evalEpisodes=2', '--set', 'run.evalSeeds=2', '--quiet'];

describe('semsim sweep / shard (child processes of the built CLI)', () => {
  if (!existsSync(join('dist', 'cli', 'commands', 'shard.js'))) throw new Error('dist/ is not built: run npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'semsim-sweep-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'scenarios'));
  cpSync('scenarios/toscn.yaml', join(dir, 'scenarios', 'toscn.yaml'));
  const file = join(dir, 'minimal.yaml');
  writeFileSync(file, 'base: scenarios/toscn.yaml\naxes:\n  budgets.bandwidth_mhz: [2, 4]\nseeds: [1]\nagents: [random]\nepisodes: 2\n');
  const out = join(dir, 'out');

  it.each([
    [['budgets.bandwith_mhz: [2]'], /axes: 'budgets.bandwith_mhz': no field 'bandwith_mhz' under budgets; allowed: bandwidth_mhz, power_w/],
    [['budgets.bandwidth_mhz: [2, -1]'], /axes: budgets.bandwidth_mhz: -1 is not allowed; allowed: number in \(0, 1000\]/],
    [['budgets.bandwidth_mhz: [2]', 'agents: [nope]'], /agents: 'nope' not registered for toscn scenarios; allowed: .*random/],
    [['budgets.bandwidth_mhz: [2]', 'set: { run.evalSeeds: 0 }'], /set: run.evalSeeds: 0 is not allowed; allowed: integer in \[1, 100\]/],
    [['budgets.bandwidth_mhz: [2]', 'set: { tasks: [] }'], /base .* with the sweep's set overrides is not a valid scenario:\n {2}tasks: Too small/],
  ])('rejects a bad sweep (%j) with exit code 2 and writes nothing', async (lines, message) => {
    const bad = join(dir, 'bad.yaml');
    const [axis, ...rest] = lines;
    writeFileSync(bad, `base: scenarios/toscn.yaml\naxes:\n  ${axis}\n${rest.join('\n')}\n`);
    const r = await cli('sweep', bad, '--out', join(dir, 'never'));
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('rejects bad flags and an --out that is not a sweep directory', async () => {
    expect((await cli('sweep', file, '--workers', '0')).err).toMatch(/--workers 0: must be an integer in \[1, 1024\]/);
    expect((await cli('sweep', file, '--emit', 'pbs')).err).toMatch(/--emit pbs: allowed: slurm, k8s/);
    expect((await cli('sweep', file, '--time', '1:00')).err).toMatch(/--time: only with --emit slurm/);
    expect((await cli('sweep', file, '--out', join(dir, 'scenarios'))).err).toMatch(/exists and is not a sweep directory/);
    expect((await cli('reproduce', 'toscn', '--out', 'docs/toscn')).err).toMatch(/holds shipped results/);
    expect((await cli('reproduce', 'nope')).err).toMatch(/allowed: toscn/);
    expect((await cli('shard', join(dir, 'nothing.json'), '0')).code).toBe(2);
  });

  it("runs issue 16's minimal sweep, collects it into sweep.duckdb, Parquet, tables and figures", async () => {
    const r = await cli('sweep', file, '--workers', '2', '--out', out, ...SMALL);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const m = readManifest(join(out, 'manifest.json'));
    expect(m.shards).toHaveLength(2);
    for (const s of m.shards) expect(existsSync(join(out, 'results', s.hash, 'summary.json'))).toBe(true);
    expect(parseYaml(readFileSync(join(out, m.points[1].file), 'utf8'))).toMatchObject({ budgets: { bandwidth_mhz: 4 }, agents: ['random'], run: { evalSeeds: 2 } });
    const t = await tableCount(join(out, 'sweep.duckdb'));
    expect(t.columns).toEqual(['point', 'budgets.bandwidth_mhz', 'seed', 'agent', 'metric', 'value', 'n', 'sd']);
    expect(t.metrics).toEqual(expect.arrayContaining(['accuracy', 'delivered', 'reward', 'violations']));
    expect(t.rows).toBe(2 * t.metrics.length);
    expect(statSync(join(out, 'results.parquet')).size).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('2 of 2 shards collected');
  });

  it('resumes: reruns only a missing shard, removes stale temporary directories, same results', async () => {
    const m = readManifest(join(out, 'manifest.json'));
    const before = readFileSync(join(out, 'aggregate.csv'), 'utf8');
    const beforeRows = await tableRows(join(out, 'sweep.duckdb'));
    const beforeSummary = readFileSync(join(out, 'summary.md'), 'utf8');
    const keptTime = statSync(join(out, 'results', m.shards[1].hash)).mtimeMs;
    rmSync(join(out, 'results', m.shards[0].hash), { recursive: true });
    const stale = join(out, 'results', '.tmp-0123456789ab-XXXXXX');
    mkdirSync(join(stale, 'run'), { recursive: true });
    writeFileSync(join(stale, 'owner.json'), JSON.stringify({ host: hostname(), pid: 2 ** 22 + 7 }));
    const live = join(out, 'results', '.tmp-live00000000-XXXXXX');
    mkdirSync(live);
    writeFileSync(join(live, 'owner.json'), JSON.stringify({ host: hostname(), pid: process.ppid }));
    const partial = await cli('sweep', file, '--collect', '--out', out, ...SMALL);
    expect(partial.code).toBe(0);
    expect(partial.out).toMatch(/1\/2 shards collected/);
    const r = await cli('sweep', file, '--workers', '2', '--out', out, ...SMALL);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'results', m.shards[0].hash, 'summary.json'))).toBe(true);
    expect(statSync(join(out, 'results', m.shards[1].hash)).mtimeMs).toBe(keptTime);
    expect(readdirSync(join(out, 'results')).filter((n) => n.startsWith('.'))).toEqual(['.tmp-live00000000-XXXXXX']); // a live owner's
    rmSync(live, { recursive: true });
    expect(readFileSync(join(out, 'aggregate.csv'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(beforeSummary);
    expect(await tableRows(join(out, 'sweep.duckdb'))).toBe(beforeRows);
  });

  it('an aborted pool (SIGINT) stops its children and leaves neither a result nor a temporary directory', async () => {
    const m = readManifest(join(out, 'manifest.json'));
    const sweepDir = new SweepDir(out);
    rmSync(sweepDir.result(m.shards[0].hash), { recursive: true });
    const ended: string[] = [];
    const pool = runPool(sweepDir, m, [0, 1], 2, { onEnd: (o) => ended.push(`${o.index}:${o.status}`) });
    pool.abort();
    const outcomes = await pool.done;
    expect(outcomes.map((o) => `${o.index}:${o.status}`)).toEqual(['0:killed', '1:skipped']);
    expect(ended.sort()).toEqual(['0:killed', '1:skipped']);
    expect(sweepDir.done(m.shards[0].hash)).toBe(false);
    expect(readdirSync(sweepDir.results).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('emits a Slurm array script and a Kubernetes Indexed Job that run shards by index', async () => {
    const m = readManifest(join(out, 'manifest.json'));
    for (const s of m.shards) rmSync(join(out, 'results', s.hash), { recursive: true, force: true });
    expect((await cli('sweep', file, '--emit', 'slurm', '--throttle', '1', '--out', out, ...SMALL)).code).toBe(0);
    const script = readFileSync(join(out, 'sweep.sbatch'), 'utf8');
    expect(script).toContain('#SBATCH --array=0-1%1');
    execFileSync('bash', [join(out, 'sweep.sbatch')], { env: { ...process.env, SLURM_ARRAY_TASK_ID: '1' }, stdio: 'pipe' });
    expect(existsSync(join(out, 'results', m.shards[1].hash, 'summary.json'))).toBe(true);
    expect((await cli('sweep', file, '--emit', 'k8s', '--mount', out, '--out', out, ...SMALL)).code).toBe(0);
    const job = parseYaml(readFileSync(join(out, 'sweep-job.yaml'), 'utf8'));
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 2 });
    const [sh, flag, command] = job.spec.template.spec.containers[0].command;
    execFileSync(sh, [flag, command], { env: { ...process.env, SEMSIM: `${process.execPath} ${CLI}`, JOB_COMPLETION_INDEX: '0' }, stdio: 'pipe' });
    const again = execFileSync(sh, [flag, command], { env: { ...process.env, SEMSIM: `${process.execPath} ${CLI}`, JOB_COMPLETION_INDEX: '0' } }).toString();
    expect(again).toMatch(/already finished/);
    const r = await cli('sweep', file, '--collect', '--out', out, ...SMALL);
    expect(r.out).toMatch(/2\/2 shards collected/);
    expect((await cli('sweep', file, '--emit', 'slurm', '--out', out, ...SMALL)).out).toMatch(/nothing to submit/);
  });
});
