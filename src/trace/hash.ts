/**
 * Trace content hash: SHA-256 over the canonical lines of a trace in `seq` order, so that
 * the same run stored as NDJSON or DuckDB hashes the same (SPEC section 4: same scenario
 * and seed give a byte-identical trace hash).
 */
import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { canonicalLine } from './canonical.ts';
import { readDuckDb } from './duckdb-read.ts';
import { readNdjson } from './ndjson.ts';
import type { TraceRecord } from './record.ts';

/** File names a run directory uses for its trace, in order of preference. */
export const TRACE_FILE_NAMES = { duckdb: 'trace.duckdb', ndjson: 'trace.ndjson' } as const;

/** Reads any stored trace by its extension: `.duckdb` (or `.db`) or `.ndjson`/`.jsonl`. */
export function readTrace(path: string): AsyncIterable<TraceRecord> {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.duckdb') || name.endsWith('.db')) return readDuckDb(path);
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return readNdjson(path);
  throw new Error(`trace: unknown trace format for ${path} (expected .duckdb or .ndjson)`);
}

/**
 * SHA-256 (hex) of `canonicalLine(record) + '\n'` for each record in `seq` order. For a file
 * written by `NdjsonSink` this equals the SHA-256 of the file's bytes. Payloads are parsed
 * and re-canonicalised on the way, so storage that re-serialises JSON (DuckDB's JSON type)
 * cannot change the hash. Throws if `seq` is not strictly increasing: such a trace has no
 * single order to hash.
 */
export async function hashRecords(records: AsyncIterable<TraceRecord> | Iterable<TraceRecord>): Promise<string> {
  const hash = createHash('sha256');
  let last = -Infinity;
  for await (const record of records) {
    if (!(record.seq > last)) throw new Error(`trace: seq ${record.seq} does not follow ${last}`);
    last = record.seq;
    hash.update(canonicalLine(record) + '\n', 'utf8');
  }
  return hash.digest('hex');
}

/** The content hash of a stored trace file (see {@link hashRecords}). */
export function traceHash(path: string): Promise<string> {
  return hashRecords(readTrace(path));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The trace file of a run directory: `trace.duckdb` if present (the default sink), else
 * `trace.ndjson`. Throws when neither exists.
 */
export async function findTrace(dir: string): Promise<string> {
  for (const name of [TRACE_FILE_NAMES.duckdb, TRACE_FILE_NAMES.ndjson]) {
    const path = join(dir, name);
    if (await exists(path)) return path;
  }
  throw new Error(`trace: no ${TRACE_FILE_NAMES.duckdb} or ${TRACE_FILE_NAMES.ndjson} in ${dir}`);
}
