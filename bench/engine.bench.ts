/**
 * Engine benchmark (`npm run bench:engine`): how much the layers above a bare binary heap cost.
 *
 * (a) A hold model with 1e5 pending items — pop the earliest, push one more at a later time —
 *     on a minimal typed-array heap, on `EventHeap`, and on `SlotScheduler` (emit + dispatch
 *     through a handler that only re-emits). (b) XState `actor.send` on a trivial machine, and
 *     whole toscn slots through `SimEnv` with a constant (zero) action and no trace sink, for
 *     D = 6, 24 and 96 devices, with packet tracing off and on (issue 15), each beside the same physics as a bare typed-array loop
 *     (`toscn-bare.ts`; its rewards are checked equal to the simulation's before timing).
 * All time increments are drawn up front from a seeded stream, so every variant does the
 * same work and the random generator is not timed. Rates are per wall second; `cpu` columns
 * divide by the process's CPU time instead (steadier on a loaded machine).
 *
 * (c) Tracing: the same toscn slots (D = 6) untraced, and traced to NDJSON and to DuckDB through
 *     the run pipeline's context sink, opening and closing the trace inside the timing. Rounds
 *     are interleaved (each round runs every variant once) and medians reported, with the
 *     traced/untraced ratio of CPU time (all threads: DuckDB's too) and of wall time.
 *
 *   npm run bench:engine [-- --devices 6,24,96] [-- --only toscn|trace] [-- --trace-rounds 7]
 *                        [-- --trace-slots 3000[,12000]] [-- --trace-variants untraced,worker]
 */
import { assign, createActor, setup } from 'xstate';
import { RootRandom } from '../src/random/index.ts';
import { EventHeap } from '../src/scheduler/heap.ts';
import { SlotScheduler } from '../src/scheduler/slot-scheduler.ts';
import { SimEnv } from '../src/envs/sim-env.ts';
import { toscnPlugin } from '../src/scenarios/registry.ts';
import { KIT_EVENTS } from '../src/actors/kit-events.ts';
import { EventCatalogue } from '../src/events/index.ts';
import { PhaseTable } from '../src/scheduler/phase.ts';
import { parseArgs } from 'node:util';
import type { ToscnParams } from '../src/scenarios/toscn/params.ts';
import { bareToscn } from './toscn-bare.ts';
import { traceBench } from './trace.bench.ts';

const PENDING = 100_000;
const OPS = 2_000_000;
const increments = new Float64Array(OPS + PENDING);
{
  const rng = new RootRandom(2024).stream('bench/engine');
  for (let i = 0; i < increments.length; i++) increments[i] = rng.exponential(1);
}

/** The baseline: a min-heap of Float64 keys, nothing else (ties in arbitrary order). */
class BareHeap {
  private readonly keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
  }
  push(key: number): void {
    const k = this.keys;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (k[parent] <= key) break;
      k[i] = k[parent];
      i = parent;
    }
    k[i] = key;
  }
  pop(): number {
    const k = this.keys;
    const top = k[0];
    const last = k[--this.size];
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && k[c + 1] < k[c]) c++;
      if (k[c] >= last) break;
      k[i] = k[c];
      i = c;
    }
    k[i] = last;
    return top;
  }
}

function bareHeap(ops: number): number {
  const h = new BareHeap(PENDING + 1);
  for (let i = 0; i < PENDING; i++) h.push(increments[i]);
  for (let i = 0; i < ops; i++) h.push(h.pop() + increments[PENDING + i]);
  return ops;
}

function eventHeap(ops: number): number {
  const h = new EventHeap<number>(PENDING + 1);
  const out = { time: 0, phase: 0, seq: 0 };
  for (let i = 0; i < PENDING; i++) h.push(increments[i], 30, i);
  for (let i = 0; i < ops; i++) {
    const item = h.pop(out)!;
    h.push(out.time + increments[PENDING + i], 30, item);
  }
  return ops;
}

function slotScheduler(ops: number): number {
  const s = new SlotScheduler(new EventCatalogue(new PhaseTable(), [KIT_EVENTS]));
  const event = { type: 'traffic.arrived', payload: { user: 0, packets: 1 } };
  let next = PENDING;
  s.on(['traffic.arrived'], () => {
    s.emit('bench', event, increments[next++]);
  });
  for (let i = 0; i < PENDING; i++) s.emit('bench', event, increments[i]);
  s.run({ maxItems: ops });
  return s.dispatched;
}

const counter = setup({ types: { context: {} as { n: number }, events: {} as { type: 'inc' } } }).createMachine({
  context: { n: 0 },
  on: { inc: { actions: assign(({ context }) => ({ n: context.n + 1 })) } },
});

function xstateSend(ops: number): number {
  const actor = createActor(counter).start();
  const inc = { type: 'inc' } as const;
  for (let i = 0; i < ops; i++) actor.send(inc);
  if (actor.getSnapshot().context.n !== ops) throw new Error('lost events');
  actor.stop();
  return ops;
}

function toscnParams(devices: number, packetTrace = false): ToscnParams {
  return toscnPlugin.resolve(toscnPlugin.schema.parse({ scenario: 'toscn', devices: { count: devices }, timing: { packetTrace } })) as ToscnParams;
}

/** Runs `slots` toscn slots (10-slot episodes, the paper's setting); returns [slots, events, sends, rewards]. */
function toscnSlots(slots: number, devices = 6, packetTrace = false): [number, number, number, number[]] {
  const p = toscnParams(devices, packetTrace);
  const env = new SimEnv(toscnPlugin, p);
  const action = { continuous: new Float32Array(3 * p.devices) };
  const rewards: number[] = [];
  let done = 0;
  for (let e = 0; done < slots; e++) {
    env.reset({ seed: e });
    for (let end = false; !end; done++) {
      const r = env.step(action);
      rewards.push(r.reward);
      end = r.truncated;
    }
  }
  return [done, env.sim.scheduler.dispatched, env.sim.system.sends, rewards];
}

/** The same slots as a bare typed-array loop; returns [slots, rewards]. */
function bareSlots(slots: number, devices = 6): [number, Float64Array] {
  const p = toscnParams(devices);
  const episodes = Math.ceil(slots / p.slotsPerEpisode);
  const rewards = bareToscn(p, episodes, (e) => e, new Float32Array(3 * p.devices));
  return [rewards.length, rewards];
}

/** The bare loop is only a fair floor if it is the same physics: compare rewards bit for bit. */
function checkBareMatches(devices: number): void {
  const [, , , sim] = toscnSlots(200, devices);
  const [, bare] = bareSlots(200, devices);
  sim.forEach((r, i) => {
    if (!Object.is(r, bare[i])) throw new Error(`bare loop differs from the simulation at D=${devices}, slot ${i}: ${bare[i]} vs ${r}`);
  });
}

/** Last measurement's CPU seconds (user + system). */
let lastCpu = 0;

function time<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1e6;
  return [r, (performance.now() - t0) / 1000];
}

interface Row {
  readonly name: string;
  readonly count: number;
  readonly unit: string;
  readonly seconds: number;
  readonly cpu: number;
  readonly extra?: string;
}

const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(1));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { devices: { type: 'string', default: '6,24,96' }, only: { type: 'string' }, 'trace-rounds': { type: 'string', default: '7' }, 'trace-slots': { type: 'string', default: '3000' }, 'trace-variants': { type: 'string' } } });
  if (values.only === 'trace' || values.only === undefined) {
    await traceBench(Number(values['trace-rounds']), values['trace-slots'].split(',').map(Number), values['trace-variants']?.split(','));
    if (values.only === 'trace') return;
  }
  const deviceCounts = values.devices.split(',').map(Number);
  const engine = values.only !== 'toscn';
  for (const D of deviceCounts) checkBareMatches(D);
  // Warm-up so the JIT has compiled every loop before it is timed.
  if (engine) {
    bareHeap(200_000);
    eventHeap(200_000);
    slotScheduler(200_000);
    xstateSend(20_000);
  }
  toscnSlots(500);
  bareSlots(5000);

  const rows: Row[] = [];
  const row = (r: Omit<Row, 'cpu'>): void => void rows.push({ ...r, cpu: lastCpu });
  if (engine) {
    const [bare, tBare] = time(() => bareHeap(OPS));
    const baseline = bare / tBare;
    const ratio = (n: number, t: number): string => `${((n / t / baseline) * 100).toFixed(1)} % of bare heap`;
    row({ name: 'bare Float64Array heap (hold, 1e5 pending)', count: bare, unit: 'events', seconds: tBare, extra: '100 %' });
    const [eh, tEh] = time(() => eventHeap(OPS));
    row({ name: 'EventHeap (time, phase, seq)', count: eh, unit: 'events', seconds: tEh, extra: ratio(eh, tEh) });
    const [ss, tSs] = time(() => slotScheduler(OPS));
    row({ name: 'SlotScheduler emit + dispatch', count: ss, unit: 'events', seconds: tSs, extra: ratio(ss, tSs) });
    const [xs, tXs] = time(() => xstateSend(500_000));
    row({ name: 'XState actor.send (trivial machine)', count: xs, unit: 'events', seconds: tXs, extra: `${((tXs / xs) * 1e6).toFixed(2)} µs/event` });
  }
  for (const D of deviceCounts) {
    const n = Math.max(200, Math.round(30_000 / D));
    const [[slots, events, sends], tT] = time(() => toscnSlots(n, D));
    const simCpu = lastCpu;
    row({
      name: `toscn via SimEnv (D = ${D}, no sink)`,
      count: slots,
      unit: 'slots',
      seconds: tT,
      extra: `${(sends / slots).toFixed(1)} sends/slot, ${(events / slots).toFixed(1)} events/slot`,
    });
    // Packet tracing (issue 15): one event per packet and stage, dispatched by the scheduler (no actor hears them).
    const [[pslots, pevents], tP] = time(() => toscnSlots(n, D, true));
    row({
      name: `toscn via SimEnv (D = ${D}, packet trace on)`,
      count: pslots,
      unit: 'slots',
      seconds: tP,
      extra: `${(pevents / pslots).toFixed(1)} events/slot, ${((pslots / lastCpu / (slots / simCpu)) * 100).toFixed(0)} % of the untraced rate (cpu)`,
    });
    const [[bslots], tB] = time(() => bareSlots(n * 20, D));
    row({ name: `toscn bare typed-array loop (D = ${D})`, count: bslots, unit: 'slots', seconds: tB, extra: `${(bslots / lastCpu / (slots / simCpu)).toFixed(0)}x the simulation (cpu)` });
  }

  console.log(`semsim engine benchmark — Node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('');
  const header = ['benchmark', 'count', 'seconds', 'rate', 'rate (cpu)', 'notes'];
  const body = rows.map((r) => [r.name, `${fmt(r.count)} ${r.unit}`, r.seconds.toFixed(3), `${fmt(r.count / r.seconds)} ${r.unit}/s`, `${fmt(r.count / r.cpu)}/s`, r.extra ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

await main();
