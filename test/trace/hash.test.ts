import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { DuckDbSink } from '../../src/trace/duckdb.ts';
import { findTrace, hashRecords, readTrace, traceHash } from '../../src/trace/hash.ts';
import { NdjsonSink } from '../../src/trace/ndjson.ts';
import type { TraceRecord } from '../../src/trace/record.ts';
import { sampleRecords, tempDirs, writeAndClose } from './fixtures.ts';

const dir = tempDirs();

const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

describe('traceHash', () => {
  it('hashes a two-record trace to the SHA-256 of its hand-written canonical lines', async () => {
    const records: TraceRecord[] = [
      { seq: 0, episode: 0, slot: 0, time: 0, phase: 'slot.start', type: 'slot.started', actor: 'controller', payload: {} },
      { seq: 3, episode: 0, slot: 0, time: 0.2, phase: 'channel', type: 'channel.evolved', actor: 'bs/0', payload: { h: new Float32Array([0.5]), a: 'x' } },
    ];
    const expected = sha256(
      '{"seq":0,"episode":0,"slot":0,"time":0,"phase":"slot.start","type":"slot.started","actor":"controller","payload":{}}\n' +
        '{"seq":3,"episode":0,"slot":0,"time":0.2,"phase":"channel","type":"channel.evolved","actor":"bs/0","payload":{"a":"x","h":[0.5]}}\n',
    );
    expect(await hashRecords(records)).toBe(expected);
    const path = join(await dir(), 'trace.ndjson');
    await writeAndClose(new NdjsonSink(path), records);
    expect(await traceHash(path)).toBe(expected);
  });

  it('gives the same hash for the same records stored as NDJSON and as DuckDB', async () => {
    const d = await dir();
    const records = sampleRecords(30);
    await writeAndClose(new NdjsonSink(join(d, 'trace.ndjson')), records);
    await writeAndClose(new DuckDbSink(join(d, 'trace.duckdb'), { chunkRecords: 100 }), records);
    const nd = await traceHash(join(d, 'trace.ndjson'));
    expect(await traceHash(join(d, 'trace.duckdb'))).toBe(nd);
    // For an NdjsonSink file the hash is simply the hash of its bytes.
    expect(sha256(await readFile(join(d, 'trace.ndjson')))).toBe(nd);
  });

  it('changes when any single field of any record changes', async () => {
    const records = sampleRecords(4);
    const original = await hashRecords(records);
    const edits: Array<(r: TraceRecord) => TraceRecord> = [
      (r) => ({ ...r, episode: r.episode + 1 }),
      (r) => ({ ...r, slot: r.slot + 1 }),
      (r) => ({ ...r, time: r.time + 1e-9 }),
      (r) => ({ ...r, phase: r.phase + '!' }),
      (r) => ({ ...r, type: r.type + '!' }),
      (r) => ({ ...r, actor: r.actor + '!' }),
      (r) => ({ ...r, payload: { ...(r.payload as object), gain: -1 } }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat(records.length - 1), fc.nat(edits.length - 1), async (i, e) => {
        const changed = records.map((r, j) => (j === i ? edits[e](r) : r));
        expect(await hashRecords(changed)).not.toBe(original);
      }),
      { numRuns: 40 },
    );
    const shiftedSeq = records.map((r, j) => (j === records.length - 1 ? { ...r, seq: r.seq + 1 } : r));
    expect(await hashRecords(shiftedSeq)).not.toBe(original);
  });

  it('is robust to payload re-serialisation (whitespace, key order, number spelling)', async () => {
    const d = await dir();
    const base = '"seq":0,"episode":0,"slot":0,"time":0,"phase":"p","type":"t","actor":"a"';
    await writeFile(join(d, 'a.ndjson'), `{${base},"payload":{"b":1,"a":[0.5]}}\n`);
    await writeFile(join(d, 'b.ndjson'), `{"payload": { "a": [5e-1] , "b": 1.0 }, ${base}}\n`);
    expect(await traceHash(join(d, 'b.ndjson'))).toBe(await traceHash(join(d, 'a.ndjson')));
  });

  it('rejects traces whose seq does not strictly increase', async () => {
    const [a, b] = sampleRecords(1);
    await expect(hashRecords([a, { ...b, seq: a.seq }])).rejects.toThrow(/seq/);
  });

  it('refuses unknown file extensions', () => {
    expect(() => readTrace('/tmp/trace.csv')).toThrow(/unknown trace format/);
  });
});

describe('findTrace', () => {
  it('prefers trace.duckdb, falls back to trace.ndjson, and fails on an empty run directory', async () => {
    const d = await dir();
    await expect(findTrace(d)).rejects.toThrow(/no trace\.duckdb or trace\.ndjson/);
    await writeFile(join(d, 'trace.ndjson'), '');
    expect(await findTrace(d)).toBe(join(d, 'trace.ndjson'));
    await mkdir(join(d, 'sub'));
    await writeFile(join(d, 'trace.duckdb'), '');
    expect(await findTrace(d)).toBe(join(d, 'trace.duckdb'));
  });
});
