/** Trace records, sinks (memory, NDJSON, DuckDB, tee, filter, none) and trace hashing. */
export { TRACE_FIELDS, TraceRecordSchema } from './record';
export type { StoredTraceRecord, TraceRecord, TraceSink } from './record';
export {
  TraceEncodingError,
  canonicalJson,
  canonicalLine,
  checkHeader,
  toPlainJson,
  toPlainRecord,
} from './canonical';
export { MemorySink } from './memory';
export { NdjsonSink, readNdjson } from './ndjson';
export type { NdjsonSinkOptions } from './ndjson';
export { DuckDbSink, EVENTS_TABLE_SQL, exportParquet, readDuckDb } from './duckdb';
export type { DuckDbSinkOptions } from './duckdb';
export { FilterSink, NullSink, TeeSink, closeAll, matchesTypePrefix } from './combinators';
export { TRACE_FILE_NAMES, findTrace, hashRecords, readTrace, traceHash } from './hash';
export { createSink } from './factory';
export type { SinkKind } from './factory';
