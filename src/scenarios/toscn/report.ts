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
  const sections: ReportSection[] = [
    figures.length ? { markdown: `## Queues\n\n${figures.map((f) => `![${f.file}](${f.file}.svg)`).join('\n\n')}\n`, figures, metricReferences } : { markdown: '', metricReferences },
  ];
  const timing = timingTables(context);
  if (timing) sections.push({ markdown: timing });
  return sections;
}

type Summary = ToscnEventOf<'packet.summary'>['payload'];

const ms = (x: number | null): string => (x === null ? '-' : (x * 1000).toFixed(1));

/** Per-device packet timing of each agent's first evaluation episode (`packet.summary`). */
function timingTables(context: ReportContext<ToscnParams>): string | null {
  const blocks: string[] = [];
  for (const [agent, events] of Object.entries(context.firstEpisode)) {
    const rows = events.filter((e) => e.event.type === 'packet.summary').map((e) => (e.event as ToscnEventOf<'packet.summary'>).payload as Summary);
    if (!rows.length) continue;
    const lines = rows.map(
      (p) =>
        `| ${p.user} | ${p.delivered} / ${p.arrived} | ${ms(p.queueing.mean)} | ${ms(p.queueing.p95)} | ${ms(p.endToEnd.mean)} | ${ms(p.endToEnd.p50)} | ${ms(p.endToEnd.p95)} | ${ms(p.endToEnd.p99)} | ${(p.dropProbability * 100).toFixed(1)} % | ${ms(p.ageOfInformation)} |`,
    );
    blocks.push(
      `### ${agent}\n\n| device | delivered / arrived | queueing mean (ms) | queueing p95 | end-to-end mean (ms) | p50 | p95 | p99 | drops | AoI (ms) |\n|---|---|---|---|---|---|---|---|---|---|\n${lines.join('\n')}\n`,
    );
  }
  if (!blocks.length) return null;
  return `## Packet timing per device (first evaluation episode)\n\nDelays from each packet's generation (its arrival instant inside the slot) to the start of its encoding (queueing) and to its last bit at the server (end-to-end); age of information is the exact time average of the sawtooth at the server over the episode. The evaluation table above averages these over devices and episodes.\n\n${blocks.join('\n')}`;
}
