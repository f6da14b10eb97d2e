import { lineChart } from '../../run/svg.ts';
import type { ReportContext, ReportSection } from '../plugin.ts';
import type { ToscnEventOf } from './events.ts';
import type { ToscnParams } from './params.ts';

/**
 * toscn's report section: the queue length of every device over each agent's first
 * evaluation episode, as the base station observed it at each slot's observation phase.
 */
export function toscnReport(context: ReportContext<ToscnParams>): ReportSection[] {
  const files: Record<string, string> = {};
  for (const [agent, events] of Object.entries(context.firstEpisode)) {
    const rows = events
      .map((e) => e.event as ToscnEventOf<'observation.ready'>)
      .filter((e) => e.type === 'observation.ready' && !e.payload.final)
      .map((e) => e.payload.queue);
    if (!rows.length) continue;
    const D = rows[0].length;
    const series = Array.from({ length: D }, (_, u) => ({ name: `device ${u}`, values: rows.map((q) => q[u]) }));
    files[`queues-${agent}.svg`] = lineChart(`Queue length per device (${agent}, first evaluation episode)`, 'slot', 'packets queued', series);
  }
  const names = Object.keys(files);
  if (!names.length) return [];
  return [{ markdown: `## Queues\n\n${names.map((f) => `![${f}](${f})`).join('\n\n')}\n`, files }];
}
