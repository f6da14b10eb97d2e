import { SimEnv } from './src/envs/sim-env.ts';
import { toscnPlugin } from './src/scenarios/registry.ts';
import { MemorySink, canonicalJson, storedLine, canonicalLine } from './src/trace/index.ts';
import { canonicalJson as oldCj, canonicalLine as oldLine } from '/tmp/trace-scratch/old/src/trace/canonical.ts';
const p = toscnPlugin.resolve(toscnPlugin.schema.parse({ scenario: 'toscn', devices: { count: 6 } })) as never;
const sink = new MemorySink();
const env = new SimEnv(toscnPlugin, p, { sink });
const action = { continuous: new Float32Array(18) };
for (let e = 0; e < 100; e++) { env.reset({ seed: e }); for (let end = false; !end;) end = env.step(action).truncated; }
const recs = sink.records.map((r) => ({ ...r, agent: 'a', stage: 'eval' as const, seed: 1 }));
console.log(recs.length, 'records');
const bench = (name: string, f: (r: (typeof recs)[number]) => unknown) => {
  for (let k = 0; k < 3; k++) { const t0 = performance.now(); for (const r of recs) f(r); const t = performance.now() - t0; if (k === 2) console.log(name.padEnd(14), (t / recs.length * 1000).toFixed(0), 'ns/record'); }
};
// bench('old cj', (r) => oldCj(r.payload));
// bench('new cj', (r) => canonicalJson(r.payload));
// bench('stringify', (r) => JSON.stringify(r.payload));
// bench('old line', (r) => oldLine(r));
// bench('storedLine', (r) => storedLine(r));
// bench('canonicalLine', (r) => canonicalLine(r));
const types = new Map<string, number>(); for (const r of recs) types.set(r.type, (types.get(r.type) ?? 0) + 1); console.log(types);
console.log(recs.filter((r) => r.type === 'channel.evolved')[0].payload);
import { NdjsonSink, ContextSink, DuckDbSink } from './src/trace/index.ts';
import { NdjsonSink as OldNd, DuckDbSink as OldDuck } from '/tmp/trace-scratch/old/src/trace/index.ts';
const timeIt = async (name: string, mk: () => Promise<{ write(r: never): void; close(): Promise<void> }>, rs: readonly unknown[]) => {
  for (let k = 0; k < 3; k++) {
    const s = await mk();
    const c0 = process.cpuUsage(); const t0 = performance.now();
    for (const r of rs) s.write(r as never);
    const t1 = performance.now();
    await s.close();
    const c = process.cpuUsage(c0);
    if (k === 2) console.log(name.padEnd(14), ((t1 - t0) / rs.length * 1e3).toFixed(2), 'µs/rec write', ((performance.now() - t1) / rs.length * 1e3).toFixed(2), 'µs/rec close', ((c.user + c.system) / rs.length).toFixed(2), 'µs/rec cpu');
  }
};
const plain = sink.records;
// await timeIt('old nd', async () => new OldNd('/tmp/trace-scratch/a.ndjson'), plain);
// await timeIt('new nd', async () => new NdjsonSink('/tmp/trace-scratch/b.ndjson'), recs);
// await timeIt('new nd noctx', async () => new NdjsonSink('/tmp/trace-scratch/b.ndjson'), plain);
// await timeIt('old duck', async () => OldDuck.open('/tmp/trace-scratch/a' + Math.random() + '.duckdb'), plain);
await timeIt('new duck', async () => { const d = await DuckDbSink.open('/tmp/trace-scratch/b' + Math.random() + '.duckdb'); d.registerEvents(env.sim.catalogue); return d; }, recs);
