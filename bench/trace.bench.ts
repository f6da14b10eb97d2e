/**
 * What tracing adds to a simulated slot (`npm run bench:engine -- --only trace`): toscn at D = 6
 * through `SimEnv`, untraced and traced to NDJSON and DuckDB, each trace opened, written with
 * the run context (as `runScenario` writes it) and closed inside the timing; NDJSON once more
 * without the context, to show what the agent/stage/seed fields cost; DuckDB in-thread and from a
 * worker thread (`DuckDbWorkerSink`, created as `createSink` creates it for a run: the simulation
 * starts at once, its records queue until the writer has opened the file). Reported per variant:
 * process CPU (all threads), the main thread's CPU alone, and wall time, each as a ratio to the
 * untraced run of the same rounds, and the wall time of `close()` alone (the part of a traced
 * run that nothing overlaps). `--trace-slots 3000,12000` (default 3000) sets the run lengths;
 * with two or more, the wall time is also split into a per-slot and a fixed cost (start-up and
 * close); `--trace-variants untraced,worker` runs only variants whose name contains one of the
 * words (untraced is always run).
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

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;

/** One variant's measurements at one run length, a value per round. */
interface Samples {
  cpu: number[];
  wall: number[];
  main: number[];
  closing: number[];
}

/** Runs `rounds` interleaved rounds of every chosen variant at one run length; a warm-up round first. */
async function measure(chosen: readonly Variant[], params: ToscnParams, rounds: number, slotCount: number): Promise<{ samples: Record<string, Samples>; events: number }> {
  const samples: Record<string, Samples> = {};
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
      const s = (samples[v.name] ??= { cpu: [], wall: [], main: [], closing: [] });
      s.cpu.push((c.user + c.system) / 1000);
      s.wall.push(t);
      s.main.push(m / 1000);
      s.closing.push(closeMs);
    }
  }
  return { samples, events };
}

/**
 * Runs `rounds` interleaved rounds per run length and prints, per variant, medians and ratios to
 * the untraced run. Wall ratios are paired: each round's traced wall time over the same round's
 * untraced one (the machine's speed drifts between rounds; a ratio of medians mixes rounds), with
 * the median and the range over rounds. With two or more lengths it also splits each variant's
 * wall time into a per-slot cost (the slope between the shortest and the longest run, i.e. what
 * tracing adds to every simulated slot) and a fixed cost per trace (start-up and close).
 */
export async function traceBench(rounds: number, slotCounts: readonly number[] = [3000], only?: readonly string[]): Promise<void> {
  const chosen = variants.filter((v) => v.name === 'untraced' || !only || only.some((w) => v.name.toLowerCase().includes(w.toLowerCase())));
  const params = toscnPlugin.resolve(toscnPlugin.schema.parse({ scenario: 'toscn', devices: { count: 6 } })) as ToscnParams;
  const byLength: { slots: number; samples: Record<string, Samples> }[] = [];
  for (const slotCount of slotCounts) {
    const { samples, events } = await measure(chosen, params, rounds, slotCount);
    byLength.push({ slots: slotCount, samples });
    console.log(`trace cost: toscn D = 6, ${slotCount} slots x ${rounds} interleaved rounds, ${(events / slotCount).toFixed(1)} events/slot; medians (wall ratio: median and range of the rounds' paired ratios)`);
    const base = samples.untraced;
    const perSlot = (xs: number[]): number => (median(xs) * 1000) / slotCount;
    for (const v of chosen) {
      const s = samples[v.name];
      const paired = s.wall.map((w, i) => w / base.wall[i]);
      const extra =
        v.name === 'untraced'
          ? ''
          : `  +${(((median(s.cpu) - median(base.cpu)) * 1000) / events).toFixed(2)} µs cpu/event, cpu ratio ${(median(s.cpu) / median(base.cpu)).toFixed(2)}, main-thread cpu ratio ${(median(s.main) / median(base.main)).toFixed(2)}, wall ratio ${median(paired).toFixed(2)} (${range(paired)}), close ${median(s.closing).toFixed(0)} ms`;
      console.log(`  ${v.name.padEnd(24)} ${perSlot(s.cpu).toFixed(0).padStart(5)} µs cpu/slot ${perSlot(s.wall).toFixed(0).padStart(5)} µs wall/slot${extra}`);
    }
    console.log('');
  }
  if (byLength.length < 2) return;
  const [short, long] = [byLength[0], byLength[byLength.length - 1]];
  const slope = (v: string): number => (median(long.samples[v].wall) - median(short.samples[v].wall)) / (long.slots - short.slots);
  const base = slope('untraced');
  console.log(`per-slot and fixed wall cost, from ${short.slots} and ${long.slots} slots (medians):`);
  for (const { name } of chosen) {
    // The intercept of the traced run's line above the untraced run's: what a trace costs once.
    const fixed = median(short.samples[name].wall) - slope(name) * short.slots - (median(short.samples.untraced.wall) - base * short.slots);
    const extra = name === 'untraced' ? '' : `  per-slot ratio ${(slope(name) / base).toFixed(2)}, fixed cost ${fixed.toFixed(0)} ms per trace`;
    console.log(`  ${name.padEnd(24)} ${(slope(name) * 1000).toFixed(0).padStart(5)} µs wall/slot${extra}`);
  }
  console.log('');
}
