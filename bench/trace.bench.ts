/**
 * What tracing adds to a simulated slot (`npm run bench:engine -- --only trace`): toscn at D = 6
 * through `SimEnv`, untraced and traced to NDJSON and DuckDB, each trace opened, written with
 * the run context (as `runScenario` writes it) and closed inside the timing; NDJSON once more
 * without the context, to show what the agent/stage/seed fields cost; DuckDB in-thread and from a
 * worker thread (`DuckDbWorkerSink`, created as `createSink` creates it for a run: the simulation
 * starts at once, its records queue until the writer has opened the file). Reported per variant:
 * process CPU (all threads), the main thread's CPU alone, and wall time, each as a ratio to the
 * untraced run of the same rounds, and the wall time of `close()` alone (the part of a traced
 * run that nothing overlaps). `--trace-slots N` (default 3000) sets the run length, to tell fixed
 * from per-event costs; `--trace-variants untraced,worker` runs only variants whose name contains
 * one of the words (untraced is always run).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimEnv } from '../src/envs/sim-env.ts';
import { toscnPlugin } from '../src/scenarios/registry.ts';
import type { ToscnParams } from '../src/scenarios/toscn/params.ts';
import { ContextSink, DuckDbSink, NdjsonSink, type TraceSink } from '../src/trace/index.ts';
import { DuckDbWorkerSink } from '../src/trace/duckdb-worker.ts';

function slots(sink: TraceSink | undefined, params: ToscnParams, slotCount: number): number {
  const env = new SimEnv(toscnPlugin, params, { sink });
  const action = { continuous: new Float32Array(3 * params.devices) };
  let done = 0;
  for (let e = 0; done < slotCount; e++) {
    if (sink instanceof ContextSink) sink.setContext({ agent: 'constant', stage: 'eval', seed: e });
    env.reset({ seed: e });
    for (let end = false; !end; done++) end = env.step(action).truncated;
  }
  return env.sim.scheduler.dispatched;
}

type Variant = { name: string; open: (dir: string) => Promise<TraceSink | undefined> };
const variants: Variant[] = [
  { name: 'untraced', open: () => Promise.resolve(undefined) },
  { name: 'NDJSON', open: (dir) => Promise.resolve(new ContextSink(new NdjsonSink(join(dir, 'trace.ndjson')))) },
  { name: 'NDJSON, no run context', open: (dir) => Promise.resolve(new NdjsonSink(join(dir, 'trace.ndjson'))) },
  { name: 'DuckDB', open: async (dir) => new ContextSink(await DuckDbSink.open(join(dir, 'trace.duckdb'))) },
  { name: 'DuckDB, worker thread', open: (dir) => Promise.resolve(new ContextSink(new DuckDbWorkerSink(join(dir, 'trace.duckdb')))) },
];

/**
 * CPU µs of the main (simulation) thread alone, from Linux's per-thread counters (10 ms ticks:
 * fine over a run of seconds); NaN elsewhere. `process.cpuUsage` counts every thread.
 */
function mainThreadCpu(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return NaN;
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `rounds` interleaved rounds and prints per-slot medians and ratios to the untraced run. */
export async function traceBench(rounds: number, slotCount = 3000, only?: readonly string[]): Promise<void> {
  const chosen = variants.filter((v) => v.name === 'untraced' || !only || only.some((w) => v.name.toLowerCase().includes(w.toLowerCase())));
  const params = toscnPlugin.resolve(toscnPlugin.schema.parse({ scenario: 'toscn', devices: { count: 6 } })) as ToscnParams;
  const cpu: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  const main: Record<string, number[]> = {};
  const closing: Record<string, number[]> = {};
  let events = 0;
  for (let round = -1; round < rounds; round++) {
    for (const v of chosen) {
      const dir = mkdtempSync(join(tmpdir(), 'semsim-trace-bench-'));
      const m0 = mainThreadCpu();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const sink = await v.open(dir);
      events = slots(sink, params, slotCount);
      const tc = performance.now();
      await sink?.close();
      const closeMs = performance.now() - tc;
      const c = process.cpuUsage(c0);
      const t = performance.now() - t0;
      const m = mainThreadCpu() - m0;
      rmSync(dir, { recursive: true, force: true });
      if (round < 0) continue; // warm-up
      (cpu[v.name] ??= []).push(((c.user + c.system) / slotCount));
      (wall[v.name] ??= []).push((t * 1000) / slotCount);
      (main[v.name] ??= []).push(m / slotCount);
      (closing[v.name] ??= []).push(closeMs);
    }
  }
  console.log(`trace cost: toscn D = 6, ${slotCount} slots x ${rounds} interleaved rounds, ${(events / slotCount).toFixed(1)} events/slot; medians`);
  const base = { cpu: median(cpu.untraced), wall: median(wall.untraced), main: median(main.untraced) };
  for (const v of chosen) {
    const c = median(cpu[v.name]);
    const w = median(wall[v.name]);
    const m = median(main[v.name]);
    const extra =
      v.name === 'untraced'
        ? ''
        : `  +${(((c - base.cpu) * slotCount) / events).toFixed(2)} µs cpu/event, cpu ratio ${(c / base.cpu).toFixed(2)}, main-thread cpu ratio ${(m / base.main).toFixed(2)}, wall ratio ${(w / base.wall).toFixed(2)}, close ${median(closing[v.name]).toFixed(0)} ms`;
    console.log(`  ${v.name.padEnd(24)} ${c.toFixed(0).padStart(5)} µs cpu/slot ${w.toFixed(0).padStart(5)} µs wall/slot${extra}`);
  }
  console.log('');
}
