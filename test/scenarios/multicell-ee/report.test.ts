import { describe, expect, it } from 'vitest';
import type { FigureSpec } from '../../../src/run/figures/spec.ts';
import type { AgentSummary } from '../../../src/run/pipeline.ts';
import type { TrainingEpisode } from '../../../src/run/training-log.ts';
import { multicellPlugin } from '../../../src/scenarios/registry.ts';
import type { ReportContext } from '../../../src/scenarios/plugin.ts';

const params = multicellPlugin.resolve(multicellPlugin.schema.parse({ scenario: 'multicell-ee', cells: { count: 2 }, run: { slotsPerEpisode: 4 } }));
const interval = (mean: number) => ({ mean, ci95: [mean - 0.01, mean + 0.01] as const, n: 2 });
const summary = (ee: number): AgentSummary => ({ ee: interval(ee), reward: interval(ee * 4), violations: 0 }) as unknown as AgentSummary;
const trainingRow = (episode: number, ee: number): TrainingEpisode => ({ episode, return: ee, slots: 4, updates: 1, losses: {}, stats: {}, action: { mean: 0, std: 0, saturation: 0 }, metrics: { ee } });

const context: ReportContext<typeof params> = {
  params,
  firstEpisode: {},
  agents: { dqn: summary(0.07), greedy: summary(0.1) },
  evaluation: {
    dqn: [{ seed: 0, episode: 0, perSlot: { ee: [0.05, 0.06, 0.07, 0.08] } }, { seed: 1, episode: 0, perSlot: { ee: [0.06, 0.07, 0.08, 0.09] } }],
    greedy: [{ seed: 0, episode: 0, perSlot: { ee: [0.1, 0.1, 0.1, 0.1] } }],
  },
  actionCounts: { dqn: { 'bs/0': [[2, 0, 0, 0, 0, 0, 6], Array(19).fill(0)], 'bs/1': [[0, 0, 0, 8, 0, 0, 0], Array(19).fill(0)] }, greedy: { 'bs/0': [[0, 0, 0, 0, 0, 0, 8], Array(19).fill(0)] } },
  training: { dqn: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07].map((ee, e) => trainingRow(e, ee)) },
};

describe("multicell-ee's report figures (004 Figs. 4-6)", () => {
  const figures = multicellPlugin.report!(context).flatMap((s) => s.figures ?? []);
  const byFile = (file: string): FigureSpec => figures.find((f) => f.file === file)!;

  it('Fig. 4: a learner is the trailing 5-episode mean of its training EE; a non-learner is flat at its evaluation interval', () => {
    const rows = byFile('fig4-ee-over-time').rows;
    const dqn = rows.filter((r) => r.agent === 'dqn');
    expect(dqn.map((r) => r.episode)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(dqn[6].ee).toBeCloseTo((0.03 + 0.04 + 0.05 + 0.06 + 0.07) / 5, 12);
    expect(dqn[0].ci_low).toBeNull(); // no band from fewer than 3 episodes
    const greedy = rows.filter((r) => r.agent === 'greedy');
    expect(greedy.map((r) => r.episode)).toEqual([1, 7]);
    for (const r of greedy) expect([r.ee, r.ci_low, r.ci_high]).toEqual([0.1, 0.1 - 0.01, 0.1 + 0.01]);
  });

  it('Fig. 5: one box-plot sample per evaluation slot', () => {
    const rows = byFile('fig5-ee-box').rows;
    expect(rows.filter((r) => r.agent === 'dqn').map((r) => r.ee)).toEqual([0.05, 0.06, 0.07, 0.08, 0.06, 0.07, 0.08, 0.09]);
    expect(rows.filter((r) => r.agent === 'greedy')).toHaveLength(4);
  });

  it('Fig. 6: the share of slots per power level sums to 1 for every BS, with the codebook power beside each level', () => {
    const rows = byFile('fig6-power-levels').rows;
    for (const [agent, bs] of [['dqn', 'bs/0'], ['dqn', 'bs/1'], ['greedy', 'bs/0']]) {
      const cells = rows.filter((r) => r.agent === agent && r.bs === bs);
      expect(cells).toHaveLength(7);
      expect(cells.reduce((a, r) => a + (r.share as number), 0)).toBeCloseTo(1, 12);
    }
    expect(rows.find((r) => r.agent === 'dqn' && r.bs === 'bs/0' && r.level === 6)).toMatchObject({ share: 0.75, power_w: params.powerCodebook[6] });
  });
});
