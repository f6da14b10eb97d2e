/** Trace records, sinks (memory, NDJSON, DuckDB, tee, filter, none) and trace hashing. */
export { TRACE_FIELDS, TraceRecordSchema } from './record.ts';
export type { StoredTraceRecord, TraceRecord, TraceSink } from './record.ts';
export {
  TraceEncodingError,
  canonicalJson,
  canonicalLine,
  checkHeader,
  toPlainJson,
  toPlainRecord,
} from './canonical.ts';
export { MemorySink } from './memory.ts';
export { NdjsonSink, readNdjson } from './ndjson.ts';
export type { NdjsonSinkOptions } from './ndjson.ts';
export { DuckDbSink, EVENTS_TABLE_SQL, exportParquet, readDuckDb } from './duckdb.ts';
export type { DuckDbSinkOptions } from './duckdb.ts';
export { FilterSink, NullSink, TeeSink, closeAll, matchesTypePrefix } from './combinators.ts';
export { TRACE_FILE_NAMES, findTrace, hashRecords, readTrace, traceHash } from './hash.ts';
export { createSink } from './factory.ts';
export type { SinkKind } from './factory.ts';
