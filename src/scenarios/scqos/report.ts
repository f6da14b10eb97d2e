import type { FigureRow, FigureSpec } from '../../run/figures/spec.ts';
import type { ReportContext, ReportSection } from '../plugin.ts';
import type { ScqosEventOf } from './events.ts';
import type { ScqosParams } from './params.ts';

/**
 * scqos's report section (001 Fig. 6 in spirit): how often each agent chose each SBQ codec in
 * its first evaluation episode, with the mean similarity and bit-error rate per codec.
 */
export function scqosReport(context: ReportContext<ScqosParams>): ReportSection[] {
  const bits = context.params.bits;
  const rows: string[] = [];
  const cellsOfFigure: FigureRow[] = [];
  for (const [agent, events] of Object.entries(context.firstEpisode)) {
    const measured = events.map((e) => e.event as ScqosEventOf<'semantic.measured'>).filter((e) => e.type === 'semantic.measured').map((e) => e.payload);
    if (!measured.length) continue;
    const cells = bits.map((n) => {
      const mine = measured.filter((m) => m.bits === n);
      const share = mine.length / measured.length;
      cellsOfFigure.push({ agent, codec: `${n} bit${n > 1 ? 's' : ''}`, share });
      if (!mine.length) return '0 %';
      const s = mine.reduce((a, m) => a + m.similarity, 0) / mine.length;
      const ber = mine.reduce((a, m) => a + m.bitErrors, 0) / mine.reduce((a, m) => a + m.bitsSent, 0);
      return `${(100 * share).toFixed(0)} % (S ${s.toFixed(3)}, BER ${ber.toFixed(3)})`;
    });
    rows.push(`| ${agent} | ${cells.join(' | ')} |`);
  }
  if (!rows.length) return [];
  const header = `| agent | ${bits.map((n) => `${n} bit${n > 1 ? 's' : ''}`).join(' | ')} |\n|---|${bits.map(() => '---').join('|')}|`;
  const figure: FigureSpec = {
    kind: 'heatmap',
    file: 'codec-usage',
    title: 'SBQ codec choice (first evaluation episode)',
    caption: "Share of each agent's user-slots that used each SBQ codec in its first evaluation episode (001 Fig. 6 in spirit).",
    rows: cellsOfFigure,
    x: { field: 'codec', title: 'SBQ codec' },
    y: { field: 'agent', title: 'agent' },
    color: { field: 'share', title: 'share of user-slots' },
  };
  const markdown = `## SBQ codec choice\n\nShare of user-slots per codec in each agent's first evaluation episode, with the mean similarity and bit-error rate of those sentences.\n\n${header}\n${rows.join('\n')}\n\n![codec-usage.svg](codec-usage.svg)\n`;
  return [{ markdown, figures: [figure] }];
}
