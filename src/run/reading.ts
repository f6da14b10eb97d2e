import type { MetricSpec } from '../scenarios/plugin.ts';
import { convergenceOf, type Convergence } from './convergence.ts';
import type { RunResult } from './pipeline.ts';
import type { Interval } from './stats.ts';

/** A generated reading of a run: plain sentences for report.md and report.html. */
export interface Reading {
  /** The agent with the highest mean reward, or undefined without an evaluated agent. */
  readonly best: string | undefined;
  /** What the results say, one sentence each. */
  readonly findings: string[];
  /** What a reader should distrust (saturated policy, unconverged training, violations, an early stop). */
  readonly warnings: string[];
}

const fmt = (x: number): string => (Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toExponential(2) : Number(x.toPrecision(3)).toString());
const interval = (i: Interval): string => `${fmt(i.mean)} [${fmt(i.ci95[0])}, ${fmt(i.ci95[1])}]`;
/** Two 95 % intervals overlap (then the difference is not established at this number of seeds). */
export const overlaps = (a: Interval, b: Interval): boolean => a.ci95[0] <= b.ci95[1] && b.ci95[0] <= a.ci95[1];

/** Each learning agent's training-curve verdict (see `convergence.ts`). */
export function convergenceByAgent(result: RunResult): Record<string, Convergence> {
  return Object.fromEntries(Object.entries(result.training).map(([agent, returns]) => [agent, convergenceOf(returns)]));
}

/**
 * Names the best agent by mean reward and, for every agent, whether its reward interval
 * overlaps the best one's; for each other metric, the leader (the best in the metric's `better`
 * direction, else the largest) and whether it is separated from the runner-up. Warnings: diagnostics warnings, unconverged or too-short training curves,
 * constraint violations, an interrupted or diverged run.
 */
export function readResults(metrics: readonly MetricSpec[], result: RunResult): Reading {
  const names = Object.keys(result.agents);
  const findings: string[] = [];
  const warnings: string[] = [];
  const n = result.evalSeeds.length;
  let best: string | undefined;
  if (names.length) {
    best = names.reduce((b, a) => (result.agents[a].reward.mean > result.agents[b].reward.mean ? a : b), names[0]);
    const top = result.agents[best].reward;
    findings.push(`${best} has the highest mean reward, ${interval(top)} (mean [95 % interval] over ${n} evaluation seeds).`);
    const tied = names.filter((a) => a !== best && overlaps(result.agents[a].reward, top));
    const behind = names.filter((a) => a !== best && !overlaps(result.agents[a].reward, top));
    if (behind.length) findings.push(`It is ahead of ${behind.map((a) => `${a} (${interval(result.agents[a].reward)})`).join(', ')}: their intervals do not overlap with ${best}'s.`);
    if (tied.length) findings.push(`It is not separated from ${tied.map((a) => `${a} (${interval(result.agents[a].reward)})`).join(', ')}: the intervals overlap, so ${n} seeds cannot order them; more evaluation seeds would.`);
    if (names.length > 1) {
      for (const m of metrics) {
        if (m.name === 'reward') continue;
        const sign = m.better === 'lower' ? -1 : 1;
        const sorted = [...names].sort((a, b) => sign * (result.agents[b][m.name].mean - result.agents[a][m.name].mean));
        const [first, second] = sorted;
        const sep = overlaps(result.agents[first][m.name], result.agents[second][m.name]) ? 'overlapping' : 'separated from';
        const lead = m.better === undefined ? `Largest ${m.name} (${m.unit})` : `Best ${m.name} (${m.unit}, ${m.better} is better)`;
        findings.push(`${lead}: ${first}, ${interval(result.agents[first][m.name])}, ${sep} ${second}'s ${interval(result.agents[second][m.name])}.`);
      }
    }
  } else {
    findings.push('No agent completed its evaluation.');
  }
  for (const [agent, d] of Object.entries(result.diagnostics)) for (const w of d.warnings) warnings.push(`${agent}: ${w}.`);
  for (const [agent, c] of Object.entries(convergenceByAgent(result))) {
    if (c.verdict === 'unconverged') {
      const direction = c.slope! > 0 ? 'still rising' : 'falling';
      warnings.push(`${agent}: training curve unconverged: over the last ${c.tail} episodes the return is ${direction} (slope ${fmt(c.slope!)} per episode, 95 % interval [${fmt(c.slopeCi95![0])}, ${fmt(c.slopeCi95![1])}], ${(c.relativeChange! * 100).toFixed(0)} % of the curve's range); more training episodes may change its result.`);
    } else if (c.verdict === 'too-short') {
      warnings.push(`${agent}: ${result.training[agent].length} training episodes are too few to judge convergence (at least 10 needed).`);
    }
  }
  for (const a of names) if (result.agents[a].violations > 0) warnings.push(`${a}: ${result.agents[a].violations} constraint violations in evaluation.`);
  if (result.interrupted) warnings.push(`The run was interrupted during ${result.interrupted.stage} of ${result.interrupted.agent}; agents not fully evaluated are missing.`);
  if (result.diverged) warnings.push(`Agent ${result.diverged.agent} diverged at update ${result.diverged.updates}: ${result.diverged.message}`);
  return { best, findings, warnings };
}
