/** Trace records, sinks (memory, NDJSON, DuckDB, tee, filter, none) and trace hashing. */
export { TRACE_CONTEXT_FIELDS, TRACE_FIELDS, TraceRecordSchema } from './record.ts';
export type { StoredTraceRecord, TraceContext, TraceRecord, TraceSink, TraceStage } from './record.ts';
export { ContextSink } from './context.ts';
export {
  TraceEncodingError,
  canonicalJson,
  canonicalLine,
  checkContext,
  checkHeader,
  storedLine,
  toPlainJson,
  toPlainRecord,
} from './canonical.ts';
export { MemorySink } from './memory.ts';
export { NdjsonSink, columnsPathOf, readNdjson } from './ndjson.ts';
export { TraceQueryError, formatTable, openTrace, queryTrace } from './query.ts';
export type { OpenTrace, QueryTable } from './query.ts';
export type { NdjsonSinkOptions } from './ndjson.ts';
export { DuckDbSink } from './duckdb.ts';
export { DuckDbWorkerSink } from './duckdb-worker.ts';
export type { DuckDbWorkerSinkOptions } from './duckdb-worker.ts';
export { EPISODES_TABLE_SQL, EVENTS_TABLE_SQL, EVENTS_VIEW_SQL, KINDS_TABLE_SQL } from './duckdb-schema.ts';
export { readDuckDb } from './duckdb-read.ts';
export { exportParquet, exportParquetDir } from './export.ts';
export type { ExportedFiles } from './export.ts';
export { HEADER_COLUMNS, SQL_TYPE, layoutOf, typedViewSql } from './layout.ts';
export type { ColumnKind, EventLayout, PayloadColumn } from './layout.ts';
export type { DuckDbSinkOptions } from './duckdb.ts';
export { FilterSink, NullSink, TeeSink, closeAll, matchesTypePrefix } from './combinators.ts';
export { TRACE_FILE_NAMES, findTrace, hashRecords, readTrace, traceHash } from './hash.ts';
export { createSink } from './factory.ts';
export type { SinkKind } from './factory.ts';
