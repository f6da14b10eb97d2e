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
  const sections: ReportSection[] = names.length ? [{ markdown: `## Queues\n\n${names.map((f) => `![${f}](${f})`).join('\n\n')}\n`, files }] : [];
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
