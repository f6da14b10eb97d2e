import { describe, it, expect } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { NdjsonSink, readNdjson } from '../../src/trace/ndjson.ts';
import type { TraceRecord } from '../../src/trace/record.ts';
import { collect, recordsArb, sampleRecords, tempDirs, writeAndClose } from './fixtures.ts';

const dir = tempDirs();
const writeAll = (path: string, records: readonly TraceRecord[], bufferChars?: number) => writeAndClose(new NdjsonSink(path, { bufferChars }), records);

describe('NdjsonSink / readNdjson', () => {
  it('round-trips records exactly', async () => {
    const path = join(await dir(), 'trace.ndjson');
    const records = sampleRecords(20);
    await writeAll(path, records);
    expect(await collect(readNdjson(path))).toEqual(records);
  });

  it('writes one line per record, each valid JSON with the record keys in order', async () => {
    const path = join(await dir(), 'trace.ndjson');
    const records = sampleRecords(2);
    await writeAll(path, records);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(records.length);
    for (const line of lines) {
      expect(Object.keys(JSON.parse(line))).toEqual(['seq', 'episode', 'slot', 'time', 'phase', 'type', 'actor', 'payload']);
    }
  });

  it('produces the same bytes whatever the buffer size (buffering only batches writes)', async () => {
    const d = await dir();
    const records = sampleRecords(10);
    await writeAll(join(d, 'a.ndjson'), records, 1);
    await writeAll(join(d, 'b.ndjson'), records, 1 << 20);
    await writeAll(join(d, 'c.ndjson'), records, 333);
    const a = await readFile(join(d, 'a.ndjson'), 'utf8');
    expect(await readFile(join(d, 'b.ndjson'), 'utf8')).toBe(a);
    expect(await readFile(join(d, 'c.ndjson'), 'utf8')).toBe(a);
  });

  it('stores typed-array and nested payloads in plain canonical form', async () => {
    const path = join(await dir(), 'trace.ndjson');
    const record = { seq: 0, episode: 0, slot: 0, time: 0, phase: 'channel', type: 'channel.evolved', actor: 'bs/0' };
    await writeAll(path, [{ ...record, payload: { z: { gains: new Float64Array([1.5, 2]) }, a: [new Int32Array([-3])] } }]);
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      '{"seq":0,"episode":0,"slot":0,"time":0,"phase":"channel","type":"channel.evolved","actor":"bs/0",' +
        '"payload":{"a":[[-3]],"z":{"gains":[1.5,2]}}}\n',
    );
  });

  it('round-trips any array of records (property)', async () => {
    const path = join(await dir(), 'prop.ndjson');
    await fc.assert(
      fc.asyncProperty(recordsArb(), async (records) => {
        await writeAll(path, records, 256);
        expect(await collect(readNdjson(path))).toEqual(records);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses writes after close, and a failed write leaves the file readable', async () => {
    const path = join(await dir(), 'trace.ndjson');
    const sink = new NdjsonSink(path);
    const [first] = sampleRecords(1);
    sink.write(first);
    expect(() => sink.write({ ...first, seq: 1, payload: { x: NaN } })).toThrow(/payload\.x/);
    await sink.close();
    expect(() => sink.write(first)).toThrow(/after close/);
    expect(await collect(readNdjson(path))).toEqual([first]);
  });

  it('names the file and line of a malformed record', async () => {
    const path = join(await dir(), 'bad.ndjson');
    const good = '{"seq":0,"episode":0,"slot":0,"time":0,"phase":"p","type":"t","actor":"a","payload":null}';
    await writeFile(path, `${good}\n{"seq":1}\n`);
    await expect(collect(readNdjson(path))).rejects.toThrow(`${path}:2`);
    await writeFile(path, `${good}\nnot json\n`);
    await expect(collect(readNdjson(path))).rejects.toThrow(/invalid JSON/);
    await writeFile(path, `${good.replace('"payload"', '"extra":1,"payload"')}\n`);
    await expect(collect(readNdjson(path))).rejects.toThrow(`${path}:1`);
  });
});

describe('NdjsonSink / readNdjson: payload keys that JavaScript treats specially', () => {
  it('round-trips an own "__proto__" key (found by the property test above)', async () => {
    const { NdjsonSink, readNdjson } = await import('../../src/trace/index.ts');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'semsim-proto-'));
    try {
      const payload = JSON.parse('{"__proto__": false, "a": 1}');
      const record = { seq: 0, episode: 0, slot: 0, time: 0, phase: 'p', type: 't', actor: 'a', payload };
      const sink = new NdjsonSink(join(dir, 'trace.ndjson'));
      sink.write(record);
      await sink.close();
      const back = [];
      for await (const r of readNdjson(join(dir, 'trace.ndjson'))) back.push(r);
      expect(Object.keys(back[0].payload as object).sort()).toEqual(['__proto__', 'a']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
