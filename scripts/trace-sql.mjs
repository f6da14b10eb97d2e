// Runs one SQL query on a run's trace.duckdb (read-only) and prints the rows as a table.
// Usage: node scripts/trace-sql.mjs runs/scqos-seed1/trace.duckdb "SELECT ..."
import { DuckDBInstance } from '@duckdb/node-api';

const [path, sql] = process.argv.slice(2);
if (!path || !sql) {
  console.error('usage: node scripts/trace-sql.mjs <trace.duckdb> "<SQL>"');
  process.exit(2);
}
const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
try {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const rows = reader.getRows().map((r) => r.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : String(v))));
  const widths = names.map((n, i) => Math.max(n.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log([line(names), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
} finally {
  connection.closeSync();
  instance.closeSync();
}
