import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NullSink } from './combinators.ts';
import { DuckDbWorkerSink } from './duckdb-worker.ts';
import { TRACE_FILE_NAMES } from './hash.ts';
import { MemorySink } from './memory.ts';
import { NdjsonSink } from './ndjson.ts';
import type { TraceSink } from './record.ts';

/** The sinks a run can be configured with; `'none'` drops every record. */
export type SinkKind = 'duckdb' | 'ndjson' | 'memory' | 'none';

/**
 * Creates the trace sink of a run. File sinks write `trace.duckdb` / `trace.ndjson` inside
 * `dir` (created if missing, existing trace replaced); `'memory'` and `'none'` ignore `dir`.
 */
export function createSink(kind: SinkKind, dir: string): TraceSink {
  switch (kind) {
    case 'duckdb':
      mkdirSync(dir, { recursive: true });
      // Written from a worker thread: the same file as DuckDbSink's, less of the simulation thread's time (docs/performance.md).
      return new DuckDbWorkerSink(join(dir, TRACE_FILE_NAMES.duckdb));
    case 'ndjson':
      mkdirSync(dir, { recursive: true });
      return new NdjsonSink(join(dir, TRACE_FILE_NAMES.ndjson));
    case 'memory':
      return new MemorySink();
    case 'none':
      return new NullSink();
    default: {
      const unknownKind: never = kind;
      throw new Error(`trace: unknown sink kind ${String(unknownKind)}`);
    }
  }
}
