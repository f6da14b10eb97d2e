import { describe, it, expect } from 'vitest';
import { FilterSink, NullSink, TeeSink, closeAll, matchesTypePrefix } from '../../src/trace/combinators.ts';
import { MemorySink } from '../../src/trace/memory.ts';
import type { TraceRecord, TraceSink } from '../../src/trace/record.ts';
import { sampleRecords } from './fixtures.ts';

const rec = (seq: number, type: string): TraceRecord => ({
  seq,
  episode: 0,
  slot: 0,
  time: 0,
  phase: 'p',
  type,
  actor: 'controller',
  payload: null,
});

class FailingClose implements TraceSink {
  closed = false;
  constructor(private readonly message: string) {}
  write(): void {}
  close(): Promise<void> {
    this.closed = true;
    return Promise.reject(new Error(this.message));
  }
}

describe('matchesTypePrefix', () => {
  it('matches whole namespace segments only', () => {
    expect(matchesTypePrefix('channel.evolved', 'channel')).toBe(true);
    expect(matchesTypePrefix('channel', 'channel')).toBe(true);
    expect(matchesTypePrefix('channelx.evolved', 'channel')).toBe(false);
    expect(matchesTypePrefix('channel', 'channel.')).toBe(false);
    expect(matchesTypePrefix('channel.a.b', 'channel.a')).toBe(true);
    expect(matchesTypePrefix('chan', 'channel')).toBe(false);
  });
});

describe('TeeSink', () => {
  it('gives every sink the same records in the same order', async () => {
    const a = new MemorySink();
    const b = new MemorySink();
    const tee = new TeeSink(a, b);
    const records = sampleRecords(3);
    for (const r of records) tee.write(r);
    await tee.close();
    expect(a.records).toEqual(records);
    expect(b.records).toEqual(records);
    expect(a.isClosed && b.isClosed).toBe(true);
  });

  it('closes every sink even when one fails, and reports the failure', async () => {
    const ok = new MemorySink();
    const bad = new FailingClose('disk full');
    await expect(new TeeSink(bad, ok).close()).rejects.toThrow('disk full');
    expect(ok.isClosed).toBe(true);
  });

  it('reports several failures together', async () => {
    const err = await closeAll([new FailingClose('a'), new FailingClose('b')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map((e: Error) => e.message)).toEqual(['a', 'b']);
  });
});

describe('FilterSink', () => {
  it('keeps exactly the records under the given namespaces, in order', async () => {
    const inner = new MemorySink();
    const sink = new FilterSink(inner, ['channel', 'reward.']);
    const types = ['channel.evolved', 'traffic.arrived', 'reward.computed', 'channelx.y', 'reward', 'channel'];
    types.forEach((t, i) => sink.write(rec(i, t)));
    await sink.close();
    expect(inner.records.map((r) => r.type)).toEqual(['channel.evolved', 'reward.computed', 'channel']);
    expect(inner.isClosed).toBe(true);
  });

  it('keeps nothing with no prefixes', () => {
    const inner = new MemorySink();
    new FilterSink(inner, []).write(rec(0, 'a'));
    expect(inner.records).toHaveLength(0);
  });
});

describe('NullSink', () => {
  it('accepts writes and closes', async () => {
    const sink = new NullSink();
    sink.write(rec(0, 'a'));
    await expect(sink.close()).resolves.toBeUndefined();
  });
});
