/** `semsim trace query` and `semsim trace export --parquet` on real run directories of both trace formats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli } from './cli-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'semsim-trace-cli-'));
const runs = { duckdb: join(dir, 'run-duckdb'), ndjson: join(dir, 'run-ndjson') };

beforeAll(async () => {
  const scenario = join(dir, 'small.yaml');
  writeFileSync(scenario, 'scenario: toscn\nrun: { slotsPerEpisode: 3, episodes: 1, evalEpisodes: 2, evalSeeds: 2 }\nagents: [planner, random]\n');
  for (const [format, out] of Object.entries(runs)) expect((await cli('run', scenario, '--seed', '4', '--out', out, '--trace', format, '--quiet')).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The data lines of a printed table (header, rule and row-count line dropped), split on runs of spaces. */
const tableRows = (out: string): string[][] => out.split('\n').slice(2, -1).map((l) => l.trim().split(/\s{2,}/));

describe.each(['duckdb', 'ndjson'] as const)('semsim trace on a %s trace', (format) => {
  it('queries typed views with the run context: one row per agent and evaluation seed, 3 slots each', async () => {
    const r = await cli('trace', 'query', runs[format], "SELECT agent, stage, seed, count(DISTINCT episode) AS episodes, count(*) AS slots FROM reward_computed GROUP BY ALL ORDER BY agent, seed");
    expect(r.code, r.err).toBe(0);
    const rows = tableRows(r.out);
    // 2 agents x 2 evaluation seeds, 1 episode per seed of 3 slots; no training stage (no learning agent).
    expect(rows).toHaveLength(4);
    expect(rows.map((x) => [x[0], x[1], x[3], x[4]])).toEqual([
      ['planner', 'eval', '1', '3'],
      ['planner', 'eval', '1', '3'],
      ['random', 'eval', '1', '3'],
      ['random', 'eval', '1', '3'],
    ]);
    expect(rows[0][2]).toBe(rows[2][2]); // both agents see the same held-out seeds
    expect(r.out.split('\n').at(-1)).toBe('(4 rows)');
  });

  it('types payload columns (DESCRIBE shows BIGINT, DOUBLE and list columns)', async () => {
    const r = await cli('trace', 'query', runs[format], 'DESCRIBE transmission_completed');
    expect(r.code, r.err).toBe(0);
    const types = Object.fromEntries(tableRows(r.out).map((x) => [x[0], x[1]]));
    expect(types).toMatchObject({ seq: 'BIGINT', time: 'DOUBLE', agent: 'VARCHAR', stage: 'VARCHAR', seed: 'BIGINT', payload_slot: 'BIGINT', rate: 'DOUBLE[]', capacity: 'BIGINT[]' });
  });

  it('fails with exit 2 and the problem named, without a stack trace, on bad SQL or an unknown view', async () => {
    for (const [sql, message] of [
      ['SELEC 1', /syntax error at or near "SELEC"/],
      ['SELECT * FROM no_such_event', /no_such_event does not exist/],
    ] as const) {
      const r = await cli('trace', 'query', runs[format], sql);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('exports readable Parquet atomically, and refuses to overwrite', async () => {
    const out = join(dir, `parquet-${format}`);
    const r = await cli('trace', 'export', runs[format], '--parquet', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out)).toContain('buffer_updated.parquet');
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    const mem = await DuckDBInstance.create(':memory:');
    const c = await mem.connect();
    const q = async (sql: string): Promise<Record<string, unknown>[]> => (await c.runAndReadAll(sql)).getRowObjectsJS();
    const events = await q(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(out, 'events.parquet')}')`);
    const typed = await q(`SELECT sum(n)::INTEGER AS n FROM (SELECT count(*) AS n FROM read_parquet('${join(out, '*.parquet')}', filename = true) WHERE NOT filename LIKE '%events.parquet' GROUP BY filename)`);
    expect(typed[0].n).toBe(events[0].n);
    const cols = await q(`DESCRIBE SELECT * FROM read_parquet('${join(out, 'buffer_updated.parquet')}')`);
    expect(Object.fromEntries(cols.map((x) => [x.column_name, x.column_type]))).toMatchObject({ queue: 'BIGINT', stage: 'VARCHAR', seed: 'BIGINT' });
    c.closeSync();
    mem.closeSync();
    const again = await cli('trace', 'export', runs[format], '--parquet', '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
  });
});

describe('semsim trace input errors', () => {
  it('names a missing trace, a missing format and a wrong subcommand with exit 2', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const cases: [string[], RegExp][] = [
      [['trace', 'query', empty, 'SELECT 1'], /no trace\.duckdb or trace\.ndjson/],
      [['trace', 'query', join(dir, 'nope'), 'SELECT 1'], /no such run directory or trace file/],
      [['trace', 'query', runs.duckdb], /expected DIR and one SQL statement/],
      [['trace', 'export', runs.duckdb], /choose a format: --parquet/],
      [['trace', 'hash', runs.duckdb, '--parquet'], /--parquet does not apply/],
      [['trace', 'dump', runs.duckdb], /unknown trace subcommand 'dump'; allowed: hash, export, query/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(existsSync(join(empty, 'trace-parquet'))).toBe(false);
  });

  it('hashes both formats of the same run alike', async () => {
    const a = await cli('trace', 'hash', runs.duckdb);
    const b = await cli('trace', 'hash', runs.ndjson);
    expect(a.out).toMatch(/^[0-9a-f]{64}$/);
    expect(a.out).toBe(b.out);
  });
});
