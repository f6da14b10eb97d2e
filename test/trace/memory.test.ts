import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MemorySink } from '../../src/trace/memory.ts';
import { recordsArb } from './fixtures.ts';

describe('MemorySink', () => {
  it('keeps every record in write order', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb({ maxLength: 50 }), async (records) => {
        const sink = new MemorySink();
        for (const r of records) sink.write(r);
        await sink.close();
        expect(sink.records).toHaveLength(records.length);
        records.forEach((r, i) => expect(sink.records[i]).toBe(r));
      }),
      { numRuns: 50 },
    );
  });

  it('refuses writes after close', async () => {
    const sink = new MemorySink();
    await sink.close();
    expect(sink.isClosed).toBe(true);
    expect(() => sink.write({ seq: 0, episode: 0, slot: 0, time: 0, phase: 'p', type: 't', actor: 'a', payload: null })).toThrow(
      /after close/,
    );
  });
});
