/**
 * The worker-thread DuckDB sink writes the same file as the in-thread sink (every stored table,
 * the views, the hash), and its failures surface in the main thread instead of hanging it.
 */
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { defineEvents, EventCatalogue } from '../../src/events/index.ts';
import { DuckDbSink } from '../../src/trace/duckdb.ts';
import { DuckDbWorkerSink } from '../../src/trace/duckdb-worker.ts';
import { readDuckDb, withReadOnly } from '../../src/trace/duckdb-read.ts';
import { traceHash } from '../../src/trace/hash.ts';
import type { TraceRecord, TraceSink } from '../../src/trace/record.ts';
import { collect, sampleRecords, tempDirs, writeAndClose } from './fixtures.ts';

const dir = tempDirs();

const EVENTS = defineEvents({
  'channel.event': { phase: 'channel', payload: z.object({ gain: z.number(), queue: z.array(z.number().nullable()), ok: z.boolean(), note: z.string() }) },
});

/** Records with a context per episode (none for episode 1), typed-array and nested payloads, and a payload with a deep fallback. */
function records(): TraceRecord[] {
  return sampleRecords(40, 3).map((r, i) => ({
    ...r,
    ...(r.episode === 1 ? {} : { agent: `agent-${r.episode % 2}`, stage: r.episode % 2 ? ('eval' as const) : ('train' as const), seed: 2 ** 40 + r.episode }),
    payload: i % 7 === 0 ? { rates: new Float32Array([i / 3, -i]), nested: { b: [i, 'x'], a: null }, skipped: undefined } : r.payload,
  }));
}

async function write(sink: TraceSink, recs: readonly TraceRecord[]): Promise<void> {
  sink.registerEvents?.(new EventCatalogue(undefined, [EVENTS]));
  await writeAndClose(sink, recs);
}

const STORED = ['SELECT * FROM event_rows ORDER BY seq', 'SELECT * FROM event_kinds ORDER BY kind', 'SELECT * FROM episodes ORDER BY episode', 'SELECT * FROM trace_columns ORDER BY table_name, position', 'SELECT * FROM channel_event ORDER BY seq'];
const VIEWS = "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY view_name";

/** The rows of every query in {@link STORED} and {@link VIEWS}, by query. */
const snapshot = (path: string): Promise<Record<string, unknown[]>> =>
  withReadOnly(path, async (c) => {
    const out: Record<string, unknown[]> = {};
    for (const sql of [...STORED, VIEWS]) out[sql] = (await c.runAndReadAll(sql)).getRowObjectsJS();
    return out;
  });

describe('DuckDbWorkerSink', () => {
  it('stores the same rows, views and hash as the in-thread sink, across batch boundaries', async () => {
    const d = await dir();
    const recs = records();
    const [inThread, worker] = [join(d, 'in-thread.duckdb'), join(d, 'worker.duckdb')];
    await write(new DuckDbSink(inThread), recs);
    await write(new DuckDbWorkerSink(worker, { chunkRecords: 97 }), recs);
    const [expected, actual] = [await snapshot(inThread), await snapshot(worker)];
    for (const sql of Object.keys(expected)) expect(actual[sql], sql).toEqual(expected[sql]);
    expect(actual[STORED[0]]).toHaveLength(recs.length);
    expect(await traceHash(worker)).toBe(await traceHash(inThread));
  });

  it('splits the rows into whole row groups, with the same rows, views and hash as the in-thread sink', async () => {
    const d = await dir();
    const recs = sampleRecords(200, 3).map((r) => ({ ...r, agent: 'a', stage: 'eval' as const, seed: r.episode }));
    const later = defineEvents({ 'late.event': { phase: 'rx', payload: z.object({ x: z.number() }) } });
    const half = recs.length >> 1;
    // A second catalogue registered mid-run: its view is created then, the first one's before any record.
    const writeInTwo = async (sink: TraceSink): Promise<void> => {
      sink.registerEvents?.(new EventCatalogue(undefined, [EVENTS]));
      for (const r of recs.slice(0, half)) sink.write(r);
      sink.registerEvents?.(new EventCatalogue(undefined, [EVENTS, later]));
      await writeAndClose(sink, recs.slice(half));
    };
    const [inThread, worker] = [join(d, 'in-thread.duckdb'), join(d, 'worker.duckdb')];
    await writeInTwo(new DuckDbSink(inThread));
    await writeInTwo(new DuckDbWorkerSink(worker, { chunkRecords: 1000, rowGroupRows: 2048 }));
    const [expected, actual] = [await snapshot(inThread), await snapshot(worker)];
    for (const sql of Object.keys(expected)) expect(actual[sql], sql).toEqual(expected[sql]);
    expect(actual[VIEWS].map((v) => (v as { view_name: string }).view_name)).toContain('late_event');
    expect(await traceHash(worker)).toBe(await traceHash(inThread));
    // The file's row groups have `rowGroupRows` rows (the last the rest).
    const groups = await withReadOnly(worker, async (c) =>
      (await c.runAndReadAll("SELECT row_group_id, max(start + count) - min(start) AS n FROM pragma_storage_info('event_rows') WHERE column_name = 'seq' GROUP BY ALL ORDER BY 1")).getRowObjectsJS(),
    );
    expect(groups.map((g) => Number(g.n))).toEqual([2048, 2048, recs.length - 4096]);
  });

  it('stores the episodes and kinds of a run in statements of bounded size, with the same rows as the in-thread sink', async () => {
    const d = await dir();
    // One episode per slot: 1500 episodes, more than one INSERT statement holds, gathered across a row group boundary.
    const recs = sampleRecords(1500, 1).map((r) => ({ ...r, episode: r.slot, agent: 'a', stage: 'train' as const, seed: r.slot * 7 }));
    const [inThread, worker] = [join(d, 'in-thread.duckdb'), join(d, 'worker.duckdb')];
    await write(new DuckDbSink(inThread), recs);
    await write(new DuckDbWorkerSink(worker, { chunkRecords: 512, rowGroupRows: 4096 }), recs);
    const [expected, actual] = [await snapshot(inThread), await snapshot(worker)];
    for (const sql of Object.keys(expected)) expect(actual[sql], sql).toEqual(expected[sql]);
    expect(actual[STORED[2]]).toHaveLength(1500);
    expect(await traceHash(worker)).toBe(await traceHash(inThread));
  });

  it('writes each full row group to the file before close', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const sink = new DuckDbWorkerSink(path, { chunkRecords: 1000, rowGroupRows: 2048 });
    await sink.ready;
    const empty = statSync(path).size;
    for (const r of sampleRecords(130, 3)) sink.write(r); // 3120 records: three batches of 1000 posted, the first row group full in the third
    // Without a write-ahead log the file grows only by checkpoints: the first one comes with row 2048, not at close.
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(empty), { timeout: 20_000, interval: 20 });
    await sink.close();
  });

  it('replaces an existing trace file', async () => {
    const path = join(await dir(), 'trace.duckdb');
    await write(new DuckDbSink(path), sampleRecords(3));
    const second = sampleRecords(1);
    await writeAndClose(new DuckDbWorkerSink(path), second);
    expect(await collect(readDuckDb(path))).toEqual(second);
  });

  it('throws encoding errors from write, and keeps the records written before and after', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const sink = new DuckDbWorkerSink(path);
    const [a, b] = sampleRecords(1, 1);
    sink.write(a);
    expect(() => sink.write({ ...b, payload: { rates: [1, NaN] } })).toThrow('trace: cannot encode payload.rates[1]: non-finite number NaN');
    sink.write(b);
    await sink.close();
    expect(await collect(readDuckDb(path))).toEqual([a, b]);
  });

  it('rejects close with the writer thread\'s error, without blocking writes that outrun it', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const sink = new DuckDbWorkerSink(path, { chunkRecords: 5, failWriterAt: 2 });
    await sink.ready;
    for (const r of sampleRecords(20)) sink.write(r); // 96 batches of 5: far more than may be in flight
    await expect(sink.close()).rejects.toThrow(/trace: writing .*trace\.duckdb failed in the writer thread: injected writer failure at batch 2/);
  });

  it('reports a database that cannot be opened, from close and from open', async () => {
    const path = join(await dir(), 'missing-dir', 'trace.duckdb');
    const sink = new DuckDbWorkerSink(path, { chunkRecords: 2 });
    for (const r of sampleRecords(1)) sink.write(r);
    await expect(sink.close()).rejects.toThrow(/failed in the writer thread/);
    await expect(DuckDbWorkerSink.open(path)).rejects.toThrow(/missing-dir/);
    expect(() => sink.write(sampleRecords(1)[0])).toThrow(/write after close/);
  });

  it('does not keep a process alive that never closes its trace', () => {
    const d = fileURLToPath(new URL('.', import.meta.url));
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const script = `
      import { DuckDbWorkerSink } from ${JSON.stringify(join(d, '../../src/trace/duckdb-worker.ts'))};
      const sink = await DuckDbWorkerSink.open(process.argv[1]);
      for (let i = 0; i < 5000; i++) sink.write({ seq: i, episode: 0, slot: i, time: i, phase: 'p', type: 't', actor: 'a', payload: { i } });
      console.log('wrote');`;
    const out = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script, join(d, 'never-closed.duckdb')], { encoding: 'utf8', timeout: 60_000 });
    for (const f of ['never-closed.duckdb', 'never-closed.duckdb.wal']) if (existsSync(join(d, f))) spawnSync('rm', ['-f', join(d, f)]);
    expect(out.error).toBeUndefined();
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('wrote');
    expect(out.status).toBe(0);
  });

  it('writes its trace in a process started with V8 flags, which a worker thread refuses to inherit', async () => {
    const d = await dir();
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const src = fileURLToPath(new URL('../../src/trace/duckdb-worker.ts', import.meta.url));
    const script = `
      import { DuckDbWorkerSink } from ${JSON.stringify(src)};
      const sink = new DuckDbWorkerSink(process.argv[1]);
      for (let i = 0; i < 100; i++) sink.write({ seq: i, episode: 0, slot: i, time: i, phase: 'p', type: 't', actor: 'a', payload: { i } });
      await sink.close();
      console.log('closed');`;
    const path = join(d, 'v8-flags.duckdb');
    const out = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=32', '--import', tsx, '--input-type=module', '-e', script, path], { encoding: 'utf8', timeout: 60_000 });
    expect(out.stderr).toBe('');
    expect(out.stdout.trim()).toBe('closed');
    expect(await collect(readDuckDb(path))).toHaveLength(100);
  });
});
