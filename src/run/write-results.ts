import { writeFileSync } from 'node:fs';
import type { ToscnResult } from './toscn-run.ts';
import { barChart, lineChart } from './svg.ts';

/** The run's `summary.json` (documented in the README, "Run outputs"). */
export function toscnSummary(result: ToscnResult, meta: { seed: number; episodes: number; wallSeconds: number; traceEvents: number }): unknown {
  return {
    scenario: 'toscn',
    seed: meta.seed,
    trainingEpisodes: meta.episodes,
    evalSeeds: result.evalSeeds,
    wallSeconds: meta.wallSeconds,
    traceEvents: meta.traceEvents,
    agents: result.agents,
    training: Object.fromEntries(Object.entries(result.training).map(([k, v]) => [k, { episodeReward: v }])),
    episodes: result.episodes,
  };
}

/** Moving average over `w` points (for readable training curves). */
function smooth(xs: readonly number[], w: number): number[] {
  return xs.map((_, i) => {
    const lo = Math.max(0, i - w + 1);
    const seg = xs.slice(lo, i + 1);
    return seg.reduce((a, b) => a + b, 0) / seg.length;
  });
}

/** Writes the SVG plots and `report.md`; returns the plot file names. */
export function writeToscnReport(dir: (name: string) => string, result: ToscnResult, summary: { seed: number; episodes: number; wallSeconds: number }): string[] {
  const files: string[] = [];
  const put = (name: string, text: string): void => {
    writeFileSync(dir(name), text);
    files.push(name);
  };
  const training = Object.entries(result.training);
  if (training.length) {
    put('training-reward.svg', lineChart('Training reward per episode (moving average of 10)', 'episode', 'episode reward', training.map(([name, v]) => ({ name, values: smooth(v, 10) }))));
  }
  const names = Object.keys(result.agents);
  const bars = (f: (n: string) => { mean: number; ci95: readonly [number, number] }) => names.map((n) => ({ name: n, value: f(n).mean, ci: f(n).ci95 }));
  put('packets.svg', barChart('Delivered packets per episode (95% CI over eval seeds)', 'packets', bars((n) => result.agents[n].delivered)));
  put('accuracy.svg', barChart('Mean task accuracy (95% CI over eval seeds)', 'accuracy', bars((n) => result.agents[n].accuracy)));
  for (const n of names) {
    const q = result.queues[n];
    if (!q?.length) continue;
    const D = q[0].length;
    put(`queues-${n}.svg`, lineChart(`Queue length per device (${n}, first evaluation episode)`, 'slot', 'packets queued', Array.from({ length: D }, (_, u) => ({ name: `device ${u}`, values: q.map((row) => row[u]) }))));
  }
  const row = (n: string): string => {
    const a = result.agents[n];
    const f = (i: { mean: number; ci95: readonly [number, number] }, d = 2): string => `${i.mean.toFixed(d)} [${i.ci95[0].toFixed(d)}, ${i.ci95[1].toFixed(d)}]`;
    return `| ${n} | ${f(a.reward)} | ${f(a.delivered, 1)} | ${f(a.accuracy, 3)} | ${f(a.dropped, 1)} | ${a.violations} |`;
  };
  const best = names.reduce((b, n) => (result.agents[n].reward.mean > result.agents[b].reward.mean ? n : b), names[0]);
  const report = `# toscn run report

Seed ${summary.seed}; ${summary.episodes} training episodes of ${result.params.slotsPerEpisode} slots; evaluation on ${result.evalSeeds.length} held-out seeds; wall time ${summary.wallSeconds.toFixed(1)} s.
B_max = ${(result.params.bandwidthBudget / 1e6).toFixed(2)} MHz, P_max = ${result.params.powerBudget} W, A_min = ${result.params.accuracyFloor}, D = ${result.params.devices}, v_max = ${result.params.bufferCapacity}.

## Evaluation (per episode; mean and 95 % interval over evaluation seeds)

| agent | reward (task efficiency, 003 eq. 37) | delivered packets | mean accuracy | dropped packets | violations |
|---|---|---|---|---|---|
${names.map(row).join('\n')}

Highest mean reward: **${best}**. Violations count slots below the accuracy floor A_min plus budget violations (always 0: actions are projected onto the budgets).

## Plots

${files.map((f) => `![${f}](${f})`).join('\n\n')}

The trace of every event is in \`trace.duckdb\` (or \`trace.ndjson\`); \`summary.json\` lists which trace episodes belong to which agent and stage.
`;
  writeFileSync(dir('report.md'), report);
  return files;
}
