import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NullSink } from '../../src/trace/combinators.ts';
import { DuckDbWorkerSink } from '../../src/trace/duckdb-worker.ts';
import { createSink } from '../../src/trace/factory.ts';
import { findTrace } from '../../src/trace/hash.ts';
import { MemorySink } from '../../src/trace/memory.ts';
import { NdjsonSink } from '../../src/trace/ndjson.ts';
import { tempDirs } from './fixtures.ts';

const tempDir = tempDirs();

describe('createSink', () => {
  it('returns the sink of each kind', async () => {
    expect(createSink('memory', '/nonexistent')).toBeInstanceOf(MemorySink);
    expect(createSink('none', '/nonexistent')).toBeInstanceOf(NullSink);
  });

  it('writes trace.ndjson / trace.duckdb into a (created) run directory that findTrace finds', async () => {
    const dir = await tempDir();
    const ndDir = join(dir, 'runs', 'a');
    const nd = createSink('ndjson', ndDir);
    expect(nd).toBeInstanceOf(NdjsonSink);
    await nd.close();
    expect(await findTrace(ndDir)).toBe(join(ndDir, 'trace.ndjson'));

    const dbDir = join(dir, 'runs', 'b');
    const db = createSink('duckdb', dbDir);
    expect(db).toBeInstanceOf(DuckDbWorkerSink);
    await db.close();
    expect(existsSync(join(dbDir, 'trace.duckdb'))).toBe(true);
    expect(await findTrace(dbDir)).toBe(join(dbDir, 'trace.duckdb'));
  });
});
