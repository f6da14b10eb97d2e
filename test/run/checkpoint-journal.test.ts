import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayJournal, TraceJournal } from '../../src/run/checkpoint-journal.ts';
import { MemorySink, storedLine, type TraceRecord } from '../../src/trace/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'semsim-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (seq: number): TraceRecord => ({ seq, episode: 0, slot: seq, time: seq * 0.1, phase: 'decide', type: 'x.happened', actor: 'a', payload: { v: seq, nested: [seq, null] }, agent: 'ddpg', stage: 'train', seed: 7 });

describe('TraceJournal', () => {
  it('forwards records, and a resumed journal drops what came after the mark and replays what came before', async () => {
    const path = join(dir, 'trace.journal.ndjson');
    const first = new MemorySink();
    const journal = new TraceJournal(path, first);
    for (let i = 0; i < 5; i++) journal.write(record(i));
    const mark = journal.mark();
    expect(mark.records).toBe(5);
    expect(statSync(path).size).toBe(mark.bytes);
    for (let i = 5; i < 8; i++) journal.write(record(i)); // after the checkpoint: lost with the killed run
    journal.detach();
    expect(first.records).toHaveLength(8);
    expect(statSync(path).size).toBeGreaterThan(mark.bytes);

    const replayed = new MemorySink();
    await replayJournal(path, mark, replayed);
    expect(replayed.records.map(storedLine)).toEqual(first.records.slice(0, 5).map(storedLine));
    const resumed = new TraceJournal(path, replayed, mark);
    resumed.write(record(5));
    resumed.detach();
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a journal shorter than the checkpoint says', async () => {
    const path = join(dir, 'short.ndjson');
    const journal = new TraceJournal(path, new MemorySink());
    journal.write(record(0));
    const mark = journal.mark();
    journal.detach();
    await expect(replayJournal(path, { bytes: mark.bytes + 10, records: 2 }, new MemorySink())).rejects.toThrow(/shorter than the checkpoint/);
    await expect(replayJournal(path, { bytes: mark.bytes, records: 2 }, new MemorySink())).rejects.toThrow(/1 records before byte .* counted 2/);
  });
});
