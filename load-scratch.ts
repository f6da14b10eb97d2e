import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { HEADER_COLUMNS, SQL_TYPE, sqlIdent, sqlString, type EventLayout } from './src/trace/layout.ts';
const nd = process.argv[2]; const layouts = JSON.parse(readFileSync(process.argv[3], 'utf8')) as EventLayout[];
const out = '/tmp/trace-scratch/load' + Math.random() + '.duckdb';
const c0 = process.cpuUsage(); const t0 = performance.now();
const inst = await DuckDBInstance.create(out, { threads: process.argv[4] ?? '2' });
const c = await inst.connect();
await c.run(`CREATE TEMP TABLE staged AS SELECT * FROM read_json(${sqlString(nd)}, format = 'newline_delimited', columns = {seq: 'BIGINT', episode: 'INTEGER', slot: 'BIGINT', time: 'DOUBLE', phase: 'VARCHAR', type: 'VARCHAR', actor: 'VARCHAR', agent: 'VARCHAR', stage: 'VARCHAR', seed: 'BIGINT', payload: 'JSON'})`);
const t1 = performance.now();
for (const l of layouts) {
  const cols = l.columns.map((col) => { const src = col.path.length === 0 ? 'payload' : `payload -> ${sqlString('$' + col.path.map((k) => `.${JSON.stringify(k)}`).join(''))}`; return col.kind === 'string' ? `(${src}) ->> '$'` : col.kind === 'json' ? src : `CAST(${src} AS ${SQL_TYPE[col.kind]})`; });
  await c.run(`CREATE TABLE ${sqlIdent(l.table)} AS SELECT ${HEADER_COLUMNS.map(([n]) => n).join(', ')}, ${cols.join(', ')} FROM staged WHERE type = ${sqlString(l.type)} ORDER BY seq`);
}
await c.run('CHECKPOINT');
c.closeSync(); inst.closeSync();
const cu = process.cpuUsage(c0);
const n = readFileSync(nd, 'utf8').split('\n').length - 1;
console.log(n, 'rows', ((cu.user + cu.system) / n).toFixed(2), 'µs cpu/row', ((performance.now() - t0) / n * 1000).toFixed(2), 'µs wall/row; read_json', ((t1 - t0) / n * 1000).toFixed(2));
