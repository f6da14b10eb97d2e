/** Shared test helpers for trace tests: temp dirs, sink writing, sample records, record arbitraries, queries. */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { TraceRecord, TraceSink } from '../../src/trace/record.ts';

/** Creates a fresh temp dir; the returned function removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'semsim-trace-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Registers an `afterEach` (in the calling file or `describe`) that removes every temp dir the
 * returned function made during the test, and returns that function.
 */
export function tempDirs(): () => Promise<string> {
  let cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.map((c) => c()));
    cleanups = [];
  });
  return async () => {
    const t = await tempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** Writes `records` in order, then closes the sink (which is where sinks report I/O errors). */
export async function writeAndClose(sink: TraceSink, records: readonly TraceRecord[]): Promise<void> {
  for (const r of records) sink.write(r);
  await sink.close();
}

/** Collects an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const PHASES = ['slot.start', 'channel', 'traffic', 'observation', 'decision', 'transmission', 'reward', 'slot.end'];

/** A small slot-shaped trace with nested, mixed payloads (plain JSON only). */
export function sampleRecords(slots: number, usersPerSlot = 3): TraceRecord[] {
  const out: TraceRecord[] = [];
  let seq = 0;
  for (let s = 0; s < slots; s++) {
    for (const phase of PHASES) {
      for (let u = 0; u < usersPerSlot; u++) {
        out.push({
          seq: seq++,
          episode: Math.floor(s / 10),
          slot: s,
          time: s * 0.2 + u * 1e-3,
          phase,
          type: `${phase}.event`,
          actor: `user/${u}`,
          payload: { gain: (s + 1) / (u + 3), queue: [s % 7, u, null], ok: u % 2 === 0, note: `ü-${s}` },
        });
      }
    }
  }
  return out;
}

/** -0 has no JSON form (it reads back as 0), so generated values avoid it. */
function noNegativeZero(v: unknown): unknown {
  if (Object.is(v, -0)) return 0;
  if (Array.isArray(v)) return v.map(noNegativeZero);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, noNegativeZero(x)]));
  }
  return v;
}

/**
 * Strings covering the JSON escaping cases: control characters (a raw newline would split
 * an NDJSON line), U+2028/9, non-BMP graphemes and, unless `wellFormed`, a lone surrogate
 * (which UTF-8 storage such as DuckDB's VARCHAR cannot hold). Cheaper than
 * `unit: 'binary'`, whose first use builds a table for over a second.
 */
function stringArb(wellFormed: boolean): fc.Arbitrary<string> {
  const specials = ['\u2028\u2029', 'a\r\nb', '\u0000', '"\\', ...(wellFormed ? [] : ['\ud800x'])];
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ unit: 'binary-ascii', maxLength: 12 }),
    fc.constantFrom(...specials),
  );
}

/** Arbitrary trace: records with strictly increasing (gapped) seq and any JSON payload. */
export function recordsArb(options: { maxLength?: number; wellFormed?: boolean } = {}): fc.Arbitrary<TraceRecord[]> {
  const str = stringArb(options.wellFormed ?? false);
  const fields = fc.record({
    gap: fc.integer({ min: 1, max: 1000 }),
    episode: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    slot: fc.maxSafeNat(),
    time: fc.double({ noNaN: true, noDefaultInfinity: true }).map((t) => (t === 0 ? 0 : t)),
    phase: str,
    type: str,
    actor: str,
    payload: fc
      .oneof(fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary-ascii' }))
      .map(noNegativeZero),
  });
  return fc.array(fields, { maxLength: options.maxLength ?? 30 }).map((rows) => {
    let seq = -1;
    return rows.map(({ gap, ...rest }) => {
      seq += gap;
      return { seq, ...rest };
    });
  });
}

/** The rows of `sql` on a closed DuckDB trace file, opened read-only. */
export async function queryTrace(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
