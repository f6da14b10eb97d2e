import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { DuckDbSink } from '../../src/trace/duckdb.ts';
import { readDuckDb } from '../../src/trace/duckdb-read.ts';
import { exportParquet } from '../../src/trace/export.ts';
import type { TraceRecord } from '../../src/trace/record.ts';
import { collect, recordsArb, sampleRecords, tempDirs, writeAndClose, queryTrace } from './fixtures.ts';

const dir = tempDirs();
const writeAll = (path: string, records: readonly TraceRecord[], chunkRecords?: number) => writeAndClose(new DuckDbSink(path, { chunkRecords }), records);

const query = queryTrace;

describe('DuckDbSink / readDuckDb', () => {
  it('round-trips records exactly', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const records = sampleRecords(20);
    await writeAll(path, records);
    expect(await collect(readDuckDb(path))).toEqual(records);
  });

  it('round-trips across chunk and data-chunk boundaries, and reads in seq order', async () => {
    const path = join(await dir(), 'trace.duckdb');
    // 5000 records: more than two 2048-row data chunks; chunkRecords 999 leaves a partial tail.
    const records = sampleRecords(209, 3).slice(0, 5000);
    await writeAll(path, records, 999);
    const back = await collect(readDuckDb(path));
    expect(back).toHaveLength(5000);
    expect(back).toEqual(records);
  });

  it('round-trips when chunks are appended synchronously into an already open database', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const records = sampleRecords(110, 3);
    const sink = await DuckDbSink.open(path, { chunkRecords: 1000 });
    for (const r of records) sink.write(r);
    await sink.close();
    expect(await collect(readDuckDb(path))).toEqual(records);
  });

  it('reads the events view with the run context (header, type, run context, JSON payload)', async () => {
    const path = join(await dir(), 'trace.duckdb');
    await writeAll(path, sampleRecords(1));
    const cols = await query(path, 'DESCRIBE events');
    expect(cols.map((c) => [c.column_name, c.column_type])).toEqual([
      ['seq', 'BIGINT'],
      ['episode', 'INTEGER'],
      ['slot', 'BIGINT'],
      ['time', 'DOUBLE'],
      ['phase', 'VARCHAR'],
      ['type', 'VARCHAR'],
      ['actor', 'VARCHAR'],
      ['agent', 'VARCHAR'],
      ['stage', 'VARCHAR'],
      ['seed', 'BIGINT'],
      ['payload', 'JSON'],
    ]);
    // No catalogue registered: no typed views; the context is stored per episode, not per event.
    const tables = await query(path, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name");
    expect(tables.map((t) => [t.table_name, t.table_type])).toEqual([
      ['episodes', 'BASE TABLE'],
      ['event_kinds', 'BASE TABLE'],
      ['event_rows', 'BASE TABLE'],
      ['events', 'VIEW'],
      ['trace_columns', 'BASE TABLE'],
    ]);
    const stored = await query(path, 'DESCRIBE event_rows');
    expect(stored.map((c) => c.column_name)).toEqual(['seq', 'episode', 'slot', 'time', 'kind', 'payload']);
    // Each (phase, type, actor) once: sampleRecords(1) has 8 phases x 3 users.
    expect(await query(path, 'SELECT count(*)::INTEGER AS n, count(DISTINCT (phase, type, actor))::INTEGER AS d FROM event_kinds')).toEqual([{ n: 24, d: 24 }]);
  });

  it('stores each episode\'s run context once and joins it onto every event of the episode', async () => {
    const path = join(await dir(), 'trace.duckdb');
    // 25 slots of 10 per episode: episodes 0, 1, 2; episode 1 has no context.
    const contextOf = (episode: number) => (episode === 1 ? {} : { agent: `a${episode}`, stage: episode === 0 ? ('train' as const) : ('eval' as const), seed: 2 ** 40 + episode });
    const records = sampleRecords(25, 2).map((r) => ({ ...r, ...contextOf(r.episode) }));
    await writeAll(path, records, 7);
    expect(await query(path, 'SELECT episode, agent, stage, seed FROM episodes ORDER BY episode')).toEqual([
      { episode: 0, agent: 'a0', stage: 'train', seed: 2n ** 40n },
      { episode: 1, agent: null, stage: null, seed: null },
      { episode: 2, agent: 'a2', stage: 'eval', seed: 2n ** 40n + 2n },
    ]);
    expect(await collect(readDuckDb(path))).toEqual(records);
    const counts = await query(path, 'SELECT episode, count(*)::INTEGER AS n, count(agent)::INTEGER AS a FROM events GROUP BY episode ORDER BY episode');
    expect(counts).toEqual([
      { episode: 0, n: 160, a: 160 },
      { episode: 1, n: 160, a: 0 },
      { episode: 2, n: 80, a: 80 },
    ]);
  });

  it('rejects a record whose context differs from its episode\'s, at that write', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const [a, b, c] = sampleRecords(1, 1);
    const sink = new DuckDbSink(path);
    sink.write({ ...a, agent: 'ddpg', stage: 'train', seed: 1 });
    sink.write({ ...b, episode: 1, agent: 'td3', stage: 'eval', seed: 2 });
    expect(() => sink.write({ ...c, agent: 'ddpg', stage: 'eval', seed: 1 })).toThrow(/episode 0 already has run context ddpg\/train\/1, not ddpg\/eval\/1/);
    await sink.close();
    expect((await collect(readDuckDb(path))).map((r) => [r.episode, r.agent])).toEqual([
      [0, 'ddpg'],
      [1, 'td3'],
    ]);
  });

  it('stores payloads as queryable JSON with typed arrays as arrays', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const base = { episode: 0, slot: 0, time: 0, phase: 'channel', type: 'channel.evolved', actor: 'bs/0' };
    await writeAll(path, [
      { ...base, seq: 0, payload: { gains: new Float64Array([0.25, 4]), meta: { k: 'x' } } },
      { ...base, seq: 1, payload: [1, 2, 3] },
    ]);
    const rows = await query(path, "SELECT json_array_length(payload -> '$.gains') AS n, payload ->> '$.meta.k' AS k FROM events WHERE seq = 0");
    expect(rows).toEqual([{ n: 2n, k: 'x' }]);
    const back = await collect(readDuckDb(path));
    expect(back.map((r) => r.payload)).toEqual([{ gains: [0.25, 4], meta: { k: 'x' } }, [1, 2, 3]]);
  });

  it('round-trips any array of records (property)', async () => {
    const d = await dir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(recordsArb({ maxLength: 20, wellFormed: true }), async (records) => {
        const path = join(d, `p${n++}.duckdb`);
        await writeAll(path, records, 7);
        expect(await collect(readDuckDb(path))).toEqual(records);
      }),
      { numRuns: 12 },
    );
  });

  it('replaces an existing trace instead of appending to it', async () => {
    const path = join(await dir(), 'trace.duckdb');
    await writeAll(path, sampleRecords(3));
    const second = sampleRecords(1);
    await writeAll(path, second);
    expect(await collect(readDuckDb(path))).toEqual(second);
  });

  it('surfaces database errors on close, not on write', async () => {
    const path = join(await dir(), 'missing-dir', 'trace.duckdb');
    const sink = new DuckDbSink(path, { chunkRecords: 2 });
    for (const r of sampleRecords(1)) sink.write(r);
    await expect(sink.close()).rejects.toThrow();
    await expect(DuckDbSink.open(path)).rejects.toThrow();
  });

  it('throws encoding errors at the write that caused them and still closes cleanly', async () => {
    const path = join(await dir(), 'trace.duckdb');
    const sink = await DuckDbSink.open(path);
    const [first] = sampleRecords(1);
    sink.write(first);
    expect(() => sink.write({ ...first, seq: 1, time: Infinity })).toThrow(/time/);
    await sink.close();
    expect(() => sink.write(first)).toThrow(/after close/);
    expect(await collect(readDuckDb(path))).toEqual([first]);
  });

  it('exports the events table to Parquet in seq order', async () => {
    const d = await dir();
    const db = join(d, "it's.duckdb");
    const records = sampleRecords(5);
    await writeAll(db, records);
    const out = join(d, "o'ut.parquet");
    expect(await exportParquet(db, out)).toBe(records.length);
    expect(existsSync(out)).toBe(true);
    const mem = await DuckDBInstance.create(':memory:');
    const c = await mem.connect();
    const rows = (await c.runAndReadAll(`SELECT seq, actor FROM read_parquet('${out.replaceAll("'", "''")}')`)).getRowObjectsJS();
    c.closeSync();
    mem.closeSync();
    expect(rows).toEqual(records.map((r) => ({ seq: BigInt(r.seq), actor: r.actor })));
  });

  it('writes 100k records in bulk (timing printed, not asserted)', async () => {
    const path = join(await dir(), 'big.duckdb');
    const records = sampleRecords(4167, 3).slice(0, 100_000);
    const t0 = performance.now();
    await writeAll(path, records);
    const ms = performance.now() - t0;
    console.log(`DuckDbSink: ${records.length} records in ${ms.toFixed(0)} ms (${((records.length / ms) * 1000).toFixed(0)} records/s)`);
    const [{ n, last }] = await query(path, 'SELECT count(*) AS n, max(seq) AS last FROM events');
    expect(n).toBe(100_000n);
    expect(last).toBe(99_999n);
  });
});
