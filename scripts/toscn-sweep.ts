/**
 * Sweep of the toscn budgets (003 Figs. 9-12): delivered packets, accuracy and reward of each
 * agent as B_max goes from 2 to 8 MHz (P_max = 0.2 W) and P_max from 0.14 to 0.2 W
 * (B_max = 3 MHz). Writes a JSON file of the results, a markdown table and SVG plots.
 *
 *   npx tsx scripts/toscn-sweep.ts [--scenario FILE] [--episodes N] [--seed N] [--agents a,b,c]
 *                                  [--points all|bandwidth|power] [--out DIR]
 *
 * `--replot FILE.json` redraws the table and plots of an earlier sweep without running it.
 * `--points bandwidth` and `--points power` split the work so that two processes can run it
 * on two cores; each writes its own files (suffix `-bandwidth` / `-power`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/agents/common/backend.ts';
import { loadScenario } from '../src/scenarios/loader.ts';
import type { ToscnScenario } from '../src/scenarios/toscn/schema.ts';
import { runScenario, type AgentSummary } from '../src/run/pipeline.ts';
import { lineChart } from '../src/run/svg.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'scenarios/toscn.yaml' },
    episodes: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    agents: { type: 'string', default: 'ddpg,greedy,greedy-compression,planner-compression,random' },
    out: { type: 'string', default: 'docs/toscn' },
    points: { type: 'string', default: 'all' },
    replot: { type: 'string' },
  },
});

const loaded = loadScenario(values.scenario!);
const base = loaded.file as ToscnScenario;
const episodes = Number(values.episodes);
const seed = Number(values.seed);
const agents = values.agents!.split(',');
const allPoints = [
  ...[2, 3, 4, 6, 8].map((b) => ({ sweep: 'bandwidth', bandwidth: b, power: 0.2 })),
  ...[0.14, 0.16, 0.18, 0.2].map((p) => ({ sweep: 'power', bandwidth: 3, power: p })),
];
const points = values.points === 'all' ? allPoints : allPoints.filter((p) => p.sweep === values.points);
if (points.length === 0) throw new Error(`--points ${values.points}: allowed all, bandwidth, power`);

type Result = { sweep: string; bandwidth: number; power: number; agents: Record<string, AgentSummary> };
const results: Result[] = [];
if (values.replot) {
  const saved = JSON.parse(readFileSync(values.replot, 'utf8')) as { results: Result[]; agents: string[]; episodes: number; seed: number };
  results.push(...saved.results);
  agents.splice(0, agents.length, ...saved.agents);
} else {
  await initBackend();
  const started = Date.now();
  for (const pt of points) {
    const scenario: ToscnScenario = { ...base, budgets: { bandwidth_mhz: pt.bandwidth, power_w: pt.power } };
    const r = await runScenario({ plugin: loaded.plugin, file: scenario }, {
      seed,
      episodes,
      agents,
      onProgress: (p) => {
        if (p.episode === p.episodes) console.error(`  B=${pt.bandwidth} MHz P=${pt.power} W  ${p.stage} ${p.agent} done`);
      },
    });
    results.push({ ...pt, agents: r.agents });
    console.error(`point done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

mkdirSync(values.out!, { recursive: true });
const stem = `sweep-${base.name}${values.points === 'all' ? '' : `-${values.points}`}`;
writeFileSync(join(values.out!, `${stem}.json`), JSON.stringify({ scenario: values.scenario, seed, episodes, agents, results }, null, 2) + '\n');
const f = (i: { mean: number; ci95: readonly [number, number] }, d: number): string => `${i.mean.toFixed(d)} ± ${((i.ci95[1] - i.ci95[0]) / 2).toFixed(d)}`;
const table = (key: 'delivered' | 'accuracy' | 'reward', d: number): string =>
  [`| B_max (MHz) | P_max (W) | ${agents.join(' | ')} |`, `|---|---|${agents.map(() => '---').join('|')}|`]
    .concat(results.map((r) => `| ${r.bandwidth} | ${r.power} | ${agents.map((a) => f(r.agents[a][key], d)).join(' | ')} |`))
    .join('\n');
writeFileSync(
  join(values.out!, `${stem}.md`),
  `Scenario ${values.scenario}, seed ${seed}, ${episodes} training episodes per learning agent; per evaluation episode, mean ± 95 % half-width over the evaluation seeds.\n\n### Delivered packets\n\n${table('delivered', 1)}\n\n### Mean accuracy\n\n${table('accuracy', 3)}\n\n### Reward (task efficiency)\n\n${table('reward', 2)}\n`,
);
for (const [sweep, axis, pick] of [
  ['bandwidth', 'B_max (MHz), P_max = 0.2 W', (r: (typeof results)[number]) => r.bandwidth],
  ['power', 'P_max (W), B_max = 3 MHz', (r: (typeof results)[number]) => r.power],
] as const) {
  const rows = results.filter((r) => r.sweep === sweep).sort((a, b) => pick(a) - pick(b));
  if (rows.length < 2) continue;
  for (const key of ['delivered', 'accuracy'] as const) {
    const svg = lineChart(`${key} per episode vs ${sweep} (${base.name})`, axis, key, agents.map((a) => ({ name: a, values: rows.map((r) => r.agents[a][key].mean) })), rows.map(pick));
    writeFileSync(join(values.out!, `${stem}-${key}-vs-${sweep}.svg`), svg);
  }
}
console.error(`sweep written to ${values.out}/${stem}.*`);
