/**
 * The timing study of docs/timing.md (issue 15): packet delay, age of information and
 * delivered packets on scenarios/examples/toscn-latency.yaml against the codec inference time
 * per packet and the agent's decision computation time, for two cheap agents: the one-slot
 * `planner-compression` (model-based, state-aware; reported as `planner`) and a constant policy (equal shares, eta = 0.8, the
 * state-blind reference of SPEC section 1). Each point: 40 evaluation episodes of 10 slots
 * (seeds 1000..1039, the same for every point). Writes docs/timing/study.csv and study.svg.
 *
 *   npx tsx scripts/timing-study.ts [--episodes 40] [--out docs/timing]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SimEnv } from '../src/envs/sim-env.ts';
import { RootRandom } from '../src/random/index.ts';
import { loadScenario } from '../src/scenarios/loader.ts';
import { toscnPlugin } from '../src/scenarios/registry.ts';
import { TOSCN_AGENTS } from '../src/scenarios/toscn/agents.ts';
import type { ToscnParams } from '../src/scenarios/toscn/params.ts';

const { values } = parseArgs({ options: { episodes: { type: 'string', default: '40' }, out: { type: 'string', default: 'docs/timing' } } });
const EPISODES = Number(values.episodes);
const file = loadScenario('scenarios/examples/toscn-latency.yaml').file as unknown as Record<string, unknown>;

/** A point of the study: codec time per packet and decision computation time, ms. */
interface Point {
  readonly knob: 'codec' | 'decision';
  readonly codecMs: number;
  readonly decisionMs: number;
}

const POINTS: Point[] = [
  ...[0, 5, 10, 20, 30, 40].map((c) => ({ knob: 'codec' as const, codecMs: c, decisionMs: 0 })),
  ...[0, 25, 50, 100, 150].map((d) => ({ knob: 'decision' as const, codecMs: 0, decisionMs: d })),
];

function paramsAt(p: Point): ToscnParams {
  const timing = { ...(file.timing as object), codecTime: { kind: 'constant', seconds: p.codecMs / 1000 }, decisionCompute_s: p.decisionMs / 1000, signallingDelay_s: 0 };
  return toscnPlugin.resolve(toscnPlugin.schema.parse({ ...file, timing })) as ToscnParams;
}

type Policy = (obs: Float32Array) => Float32Array;

function policies(params: ToscnParams, env: SimEnv): Record<string, Policy> {
  const D = params.devices;
  const constant = new Float32Array(3 * D);
  // eta = 0.8 on the action's [-1, 1] -> [0, maxCompression] map; zero logits = equal shares.
  constant.fill((2 * 0.8) / params.maxCompression - 1, 0, D);
  const planner = TOSCN_AGENTS['planner-compression'].create({ spec: env, params, random: new RootRandom(7), overrides: {}, agentId: 'agent' });
  return { planner: (o) => Float32Array.from(planner.act(o, false).continuous ?? []), constant: () => constant };
}

interface Row {
  agent: string;
  point: Point;
  delivered: number;
  slotLevel: number;
  delayMs: number;
  delayP95Ms: number;
  queueingMs: number;
  aoiMs: number;
  drop: number;
}

function evaluate(point: Point): Row[] {
  const params = paramsAt(point);
  const rows: Row[] = [];
  for (const agent of ['planner', 'constant']) {
    const env = new SimEnv(toscnPlugin, params);
    const policy = policies(params, env)[agent];
    // eq. 19 without latencies: what a slot-level model would count as delivered.
    let slotLevel = 0;
    env.sim.scheduler.on(['transmission.completed'], (e) => {
      for (const v of (e.payload as { delivered: number[] }).delivered) slotLevel += v;
    });
    const acc = { delivered: 0, delay: 0, delayP95: 0, queueing: 0, aoi: 0, drop: 0 };
    for (let e = 0; e < EPISODES; e++) {
      let obs = env.reset({ seed: 1000 + e }).observation;
      for (;;) {
        const step = env.step({ continuous: policy(obs) });
        acc.delivered += step.info.delivered;
        obs = step.observation;
        if (step.truncated || step.terminated) {
          const m = step.info as unknown as Record<string, number>;
          acc.delay += m.delay;
          acc.delayP95 += m.delayP95;
          acc.queueing += m.queueingDelay;
          acc.aoi += m.ageOfInformation;
          acc.drop += m.dropProbability;
          break;
        }
      }
    }
    const n = EPISODES;
    rows.push({ agent, point, delivered: acc.delivered / n, slotLevel: slotLevel / n, delayMs: (1000 * acc.delay) / n, delayP95Ms: (1000 * acc.delayP95) / n, queueingMs: (1000 * acc.queueing) / n, aoiMs: (1000 * acc.aoi) / n, drop: acc.drop / n });
  }
  return rows;
}

/** A minimal line chart: x numeric, one polyline per series. */
function panel(x0: number, title: string, xLabel: string, yLabel: string, series: { name: string; xs: number[]; ys: number[] }[]): string {
  const W = 380;
  const H = 260;
  const m = { l: 55, r: 10, t: 28, b: 40 };
  const xs = series.flatMap((s) => s.xs);
  const ys = series.flatMap((s) => s.ys);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...ys) * 1.1;
  const px = (x: number): number => x0 + m.l + ((x - xMin) / (xMax - xMin || 1)) * (W - m.l - m.r);
  const py = (y: number): number => m.t + (1 - y / (yMax || 1)) * (H - m.t - m.b);
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);
  let out = `<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-size="13">${title}</text>`;
  out += `<line x1="${px(xMin)}" y1="${py(0)}" x2="${px(xMax)}" y2="${py(0)}" stroke="#333"/><line x1="${px(xMin)}" y1="${py(0)}" x2="${px(xMin)}" y2="${py(yMax)}" stroke="#333"/>`;
  for (const t of ticks) out += `<text x="${px(xMin) - 4}" y="${py(t) + 4}" text-anchor="end" font-size="10">${t.toFixed(0)}</text>`;
  for (const x of series[0].xs) out += `<text x="${px(x)}" y="${py(0) + 14}" text-anchor="middle" font-size="10">${x}</text>`;
  out += `<text x="${x0 + W / 2}" y="${H - 6}" text-anchor="middle" font-size="11">${xLabel}</text>`;
  out += `<text transform="translate(${x0 + 14},${H / 2}) rotate(-90)" text-anchor="middle" font-size="11">${yLabel}</text>`;
  series.forEach((s, i) => {
    const c = colours[i % colours.length];
    out += `<polyline fill="none" stroke="${c}" stroke-width="2" points="${s.xs.map((x, k) => `${px(x).toFixed(1)},${py(s.ys[k]).toFixed(1)}`).join(' ')}"/>`;
    out += `<text x="${x0 + m.l + 8}" y="${m.t + 14 + 13 * i}" font-size="10" fill="${c}">${s.name}</text>`;
  });
  return out;
}

function main(): void {
  const rows = POINTS.flatMap(evaluate);
  mkdirSync(values.out, { recursive: true });
  const head = 'agent,knob,codec_ms,decision_ms,delivered_per_episode,slot_level_delivered_per_episode,delay_mean_ms,delay_p95_ms,queueing_mean_ms,aoi_ms,drop_probability';
  const csv = rows.map((r) => [r.agent, r.point.knob, r.point.codecMs, r.point.decisionMs, r.delivered.toFixed(2), r.slotLevel.toFixed(2), r.delayMs.toFixed(1), r.delayP95Ms.toFixed(1), r.queueingMs.toFixed(1), r.aoiMs.toFixed(1), r.drop.toFixed(4)].join(','));
  writeFileSync(join(values.out, 'study.csv'), [head, ...csv].join('\n') + '\n');
  const of = (agent: string, knob: 'codec' | 'decision', f: (r: Row) => number) => {
    const sel = rows.filter((r) => r.agent === agent && r.point.knob === knob);
    return { xs: sel.map((r) => (knob === 'codec' ? r.point.codecMs : r.point.decisionMs)), ys: sel.map(f) };
  };
  const series = (knob: 'codec' | 'decision') =>
    ['planner', 'constant'].flatMap((a) => [
      { name: `${a}: AoI`, ...of(a, knob, (r) => r.aoiMs) },
      { name: `${a}: mean delay`, ...of(a, knob, (r) => r.delayMs) },
    ]);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="780" height="260" font-family="sans-serif">${panel(0, 'vs codec time per packet', 'codec inference time per packet (ms)', 'ms', series('codec'))}${panel(400, 'vs decision computation time', 'decision computation time (ms)', 'ms', series('decision'))}</svg>\n`;
  writeFileSync(join(values.out, 'study.svg'), svg);
  console.log([head, ...csv].join('\n'));
}

main();
