import type { FigureRow, FigureSpec } from '../../run/figures/spec.ts';
import type { ReportContext, ReportSection } from '../plugin.ts';
import type { ToscnEventOf } from './events.ts';
import type { ToscnParams } from './params.ts';

/**
 * toscn's report section: the queue length of every device over each agent's first
 * evaluation episode, as the base station observed it at each slot's observation phase, one
 * small panel per device with the buffer capacity v_max drawn; and 003's accuracy floor A_min
 * on the generic accuracy chart.
 */
export function toscnReport(context: ReportContext<ToscnParams>): ReportSection[] {
  const figures: FigureSpec[] = [];
  const vMax = context.params.bufferCapacity;
  for (const [agent, events] of Object.entries(context.firstEpisode)) {
    const queues = events
      .map((e) => e.event as ToscnEventOf<'observation.ready'>)
      .filter((e) => e.type === 'observation.ready' && !e.payload.final)
      .map((e) => e.payload.queue);
    if (!queues.length) continue;
    const rows: FigureRow[] = [];
    for (let u = 0; u < queues[0].length; u++) for (const [slot, q] of queues.entries()) rows.push({ device: `device ${u}`, slot, queue: q[u] });
    figures.push({
      kind: 'line',
      file: `queues-${agent}`,
      title: `Queue length per device (${agent}, first evaluation episode)`,
      caption: `Packets queued at each device at the start of each slot of ${agent}'s first evaluation episode; the dashed line is the buffer capacity v_max = ${vMax} (003 eq. 20: arrivals beyond it are dropped).`,
      rows,
      x: { field: 'slot', title: 'slot' },
      y: { field: 'queue', title: 'queue length (packets)' },
      facet: { field: 'device', title: 'device', columns: 3 },
      references: [{ value: vMax, label: `v_max = ${vMax}` }],
      zero: true,
    });
  }
  const floor = context.params.accuracyFloor;
  const metricReferences = { accuracy: [{ value: floor, label: `A_min = ${floor}` }] };
  if (!figures.length) return [{ markdown: '', metricReferences }];
  return [{ markdown: `## Queues\n\n${figures.map((f) => `![${f.file}](${f.file}.svg)`).join('\n\n')}\n`, figures, metricReferences }];
}
