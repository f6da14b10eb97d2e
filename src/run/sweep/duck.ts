/** `sweep.duckdb` (one table, `results`) and its Parquet export `results.parquet`. */
import { DuckDBInstance } from '@duckdb/node-api';
import { renameSync, rmSync } from 'node:fs';
import type { ResultRow } from './collect.ts';

type ColumnType = 'DOUBLE' | 'BOOLEAN' | 'VARCHAR';

/** The SQL type of an axis column: DOUBLE if every value is a number, BOOLEAN if every one is, else VARCHAR. */
export function axisType(values: readonly unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;
const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** The CREATE TABLE statement: point, one column per axis (named by its path), seed, agent, metric, value, n, sd. */
export function tableSql(axes: readonly { name: string; type: ColumnType }[]): string {
  const cols = ['point INTEGER', ...axes.map((a) => `${ident(a.name)} ${a.type}`), 'seed BIGINT', 'agent VARCHAR', 'metric VARCHAR', 'value DOUBLE', 'n INTEGER', 'sd DOUBLE'];
  return `CREATE TABLE results(${cols.join(', ')})`;
}

/**
 * Writes the rows to a fresh `dbPath` and `parquetPath`, each through a temporary file renamed
 * into place, so readers never see a half-written database.
 */
export async function writeSweepDb(dbPath: string, parquetPath: string, axisNames: readonly string[], rows: readonly ResultRow[]): Promise<void> {
  const axes = axisNames.map((name) => ({ name, type: axisType(rows.map((r) => r.values[name])) }));
  const tmpDb = `${dbPath}.tmp-${process.pid}`;
  const tmpParquet = `${parquetPath}.tmp-${process.pid}`;
  rmSync(tmpDb, { force: true });
  const instance = await DuckDBInstance.create(tmpDb);
  try {
    const c = await instance.connect();
    try {
      await c.run(tableSql(axes));
      const app = await c.createAppender('results');
      for (const r of rows) {
        app.appendInteger(r.point);
        for (const a of axes) appendAxis(app, a.type, r.values[a.name]);
        app.appendBigInt(BigInt(r.seed));
        app.appendVarchar(r.agent);
        app.appendVarchar(r.metric);
        app.appendDouble(r.value);
        app.appendInteger(r.n);
        if (r.sd === null) app.appendNull();
        else app.appendDouble(r.sd);
        app.endRow();
      }
      app.flushSync();
      app.closeSync();
      await c.run(`COPY (SELECT * FROM results ORDER BY point, seed, agent, metric) TO ${literal(tmpParquet)} (FORMAT parquet)`);
      await c.run('CHECKPOINT');
    } finally {
      c.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  rmSync(`${tmpDb}.wal`, { force: true });
  renameSync(tmpDb, dbPath);
  renameSync(tmpParquet, parquetPath);
}

type Appender = { appendNull(): void; appendDouble(v: number): void; appendBoolean(v: boolean): void; appendVarchar(v: string): void };

function appendAxis(app: Appender, type: ColumnType, v: unknown): void {
  if (v === null || v === undefined) app.appendNull();
  else if (type === 'DOUBLE') app.appendDouble(v as number);
  else if (type === 'BOOLEAN') app.appendBoolean(v as boolean);
  else app.appendVarchar(typeof v === 'string' ? v : JSON.stringify(v));
}
