import type { FigureRow, FigureSpec } from '../../run/figures/spec.ts';
import { meanCi95 } from '../../run/stats.ts';
import type { ReportContext, ReportSection } from '../plugin.ts';
import type { MulticellEventOf } from './events.ts';
import type { MulticellParams } from './params.ts';

/** Training episodes averaged into one point of Fig. 4 (a trailing window). */
const WINDOW = 5;

/**
 * 004 Fig. 4: system EE over training time. A learner's point is the mean EE of the last
 * {@link WINDOW} training episodes, its band their 95 % t-interval; an agent that does not
 * learn is drawn flat at its evaluation mean with the interval over evaluation seeds (as the
 * paper's non-learning schemes are flat over time).
 */
function eeOverTime(context: ReportContext<MulticellParams>, agents: readonly string[]): FigureSpec | undefined {
  const episodes = Math.max(0, ...Object.values(context.training).map((t) => t.length));
  if (episodes === 0) return undefined;
  const rows: FigureRow[] = [];
  for (const agent of agents) {
    const log = context.training[agent];
    if (log?.length) {
      for (let e = 0; e < log.length; e++) {
        const window = log.slice(Math.max(0, e - WINDOW + 1), e + 1).map((r) => r.metrics.ee);
        const i = meanCi95(window);
        const band = i.n >= 3 ? { ci_low: i.ci95[0], ci_high: i.ci95[1] } : { ci_low: null, ci_high: null };
        rows.push({ agent, episode: e + 1, ee: i.mean, ...band, source: 'training' });
      }
    } else {
      const i = context.agents[agent]?.ee;
      if (!i) continue;
      for (const e of [1, episodes]) rows.push({ agent, episode: e, ee: i.mean, ci_low: i.ci95[0], ci_high: i.ci95[1], source: 'evaluation (no training)' });
    }
  }
  return {
    kind: 'line',
    file: 'fig4-ee-over-time',
    title: 'System EE over training time (004 Fig. 4)',
    caption: `Learners: mean system EE (eqs. 9, 20) of the last ${WINDOW} training episodes (${context.params.slotsPerEpisode} slots each), band = 95 % t-interval of those episodes. Agents that do not learn: flat at their evaluation mean, band = 95 % interval over evaluation seeds.`,
    rows,
    x: { field: 'episode', title: `training episode (${context.params.slotsPerEpisode} slots each)` },
    y: { field: 'ee', title: 'system EE (1/W)' },
    series: { field: 'agent', title: 'agent' },
    band: { lo: 'ci_low', hi: 'ci_high' },
  };
}

/** 004 Fig. 5: the distribution of per-slot system EE in evaluation (after training), per agent. */
function eeBox(context: ReportContext<MulticellParams>, agents: readonly string[]): FigureSpec {
  const rows: FigureRow[] = [];
  for (const agent of agents) {
    for (const ep of context.evaluation[agent] ?? []) for (const [slot, ee] of (ep.perSlot.ee ?? []).entries()) rows.push({ agent, seed: ep.seed, episode: ep.episode, slot, ee });
  }
  return {
    kind: 'box',
    file: 'fig5-ee-box',
    title: 'System EE per slot after training (004 Fig. 5)',
    caption: 'Every slot of every evaluation episode (held-out seeds, no exploration): median, quartiles, whiskers at 1.5 IQR, outliers as points.',
    rows,
    category: { field: 'agent', title: 'agent' },
    value: { field: 'ee', title: 'system EE per slot (1/W)' },
  };
}

/** 004 Fig. 6: how often each BS chose each power level in evaluation, per agent. */
function powerLevels(context: ReportContext<MulticellParams>, agents: readonly string[]): FigureSpec {
  const rows: FigureRow[] = [];
  const codebook = context.params.powerCodebook;
  for (const agent of agents) {
    for (const [bs, components] of Object.entries(context.actionCounts[agent] ?? {})) {
      const power = components[0];
      const total = power.reduce((a, b) => a + b, 0);
      for (const [level, count] of power.entries()) rows.push({ agent, bs, level, power_w: codebook[level], count, share: total ? count / total : 0 });
    }
  }
  return {
    kind: 'heatmap',
    file: 'fig6-power-levels',
    title: 'Transmit power levels chosen per base station (004 Fig. 6)',
    caption: `Share of evaluation slots in which each BS chose power level q (p = q p_max / ${codebook.length - 1}, p_max = ${codebook[codebook.length - 1].toFixed(3)} W); darker = chosen more often.`,
    rows,
    x: { field: 'level', title: 'power level q' },
    y: { field: 'bs', title: 'base station' },
    color: { field: 'share', title: 'share of slots' },
    facet: { field: 'agent', title: 'agent', columns: Math.min(3, agents.length) },
  };
}

/** The transmit power of every BS over each agent's first evaluation episode. */
function powerOverTime(context: ReportContext<MulticellParams>, agents: readonly string[]): FigureSpec {
  const rows: FigureRow[] = [];
  for (const agent of agents) {
    for (const e of context.firstEpisode[agent] ?? []) {
      const ev = e.event as MulticellEventOf<'decision.applied'>;
      if (ev.type !== 'decision.applied') continue;
      const applied = ev.payload.applied as { power: number[]; powerLevel: number[] };
      rows.push({ agent, slot: ev.payload.slot, bs: ev.payload.agent, power_w: applied.power[0], level: applied.powerLevel[0] });
    }
  }
  return {
    kind: 'heatmap',
    file: 'power-over-time',
    title: 'Transmit power per base station over time (first evaluation episode)',
    caption: 'The power each BS applied in each slot of the first evaluation episode (same seed for every agent).',
    rows,
    x: { field: 'slot', title: 'slot' },
    y: { field: 'bs', title: 'base station' },
    color: { field: 'power_w', title: 'power (W)' },
    facet: { field: 'agent', title: 'agent', columns: 1 },
    panel: { width: 640, height: Math.max(60, 18 * context.params.cells) },
  };
}

/** multicell-ee's report section: 004 Figs. 4-6 and the power of each BS over time. */
export function multicellReport(context: ReportContext<MulticellParams>): ReportSection[] {
  const agents = Object.keys(context.agents);
  if (!agents.length) return [];
  const fig4 = eeOverTime(context, agents);
  const figures = [...(fig4 ? [fig4] : []), eeBox(context, agents), powerLevels(context, agents), powerOverTime(context, agents)];
  const markdown = `## 004 Figs. 4-6\n\n${figures.map((f) => `![${f.file}](${f.file}.svg)\n\n${f.caption ?? ''}`).join('\n\n')}\n`;
  return [{ markdown, figures }];
}
