/**
 * Getting a stored trace out: Parquet files, and SQL queries over the typed views of a DuckDB
 * trace or over views of an NDJSON trace (see `views.ts`).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { withReadOnly } from './duckdb-read.ts';
import { openTrace } from './query.ts';
import { EVENTS_VIEW, sqlIdent, sqlString } from './layout.ts';

/** Writes the `events` view (every event, payload as JSON), ordered by `seq`, to one Parquet file; returns the row count. */
export function exportParquet(dbPath: string, outPath: string): Promise<number> {
  return withReadOnly(dbPath, async (c) => {
    const result = await c.run(`COPY (SELECT * FROM ${EVENTS_VIEW} ORDER BY seq) TO ${sqlString(outPath)} (FORMAT parquet)`);
    return result.rowsChanged;
  });
}

/** What {@link exportParquetDir} wrote: file name -> rows. */
export type ExportedFiles = Record<string, number>;

/**
 * Writes a directory of Parquet files from a trace (`.duckdb`, or `.ndjson` through its views):
 * `events.parquet` (every event, payload as JSON) and one `<table>.parquet` per typed
 * view (its typed columns), each ordered by `seq`. Atomic: the
 * files are written into a temporary sibling directory that is renamed to `outDir` at the end,
 * so `outDir` either does not exist or is complete. `outDir` must not exist yet.
 */
export async function exportParquetDir(tracePath: string, outDir: string): Promise<ExportedFiles> {
  if (existsSync(outDir)) throw new Error(`${outDir} already exists`);
  const tmp = join(dirname(outDir), `.${basename(outDir)}.partial-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const trace = await openTrace(tracePath);
    const files: ExportedFiles = {};
    try {
      for (const name of [EVENTS_VIEW, ...trace.layouts.map((l) => l.table)]) {
        const file = `${name}.parquet`;
        const result = await trace.connection.run(`COPY (SELECT * FROM ${sqlIdent(name)} ORDER BY seq) TO ${sqlString(join(tmp, file))} (FORMAT parquet)`);
        files[file] = result.rowsChanged;
      }
    } finally {
      trace.close();
    }
    renameSync(tmp, outDir);
    return files;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
