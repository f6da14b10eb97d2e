/**
 * The sweep's one progress line on stderr: shards done, running, failed, and an ETA. Reads the
 * wall clock only through `wallClockMs` (the lint exception for displays); results never depend on it.
 */
import { wallClockMs } from '../../scheduler/realtime-pacing.ts';

export class SweepProgress {
  private readonly start = wallClockMs();
  private done = 0;
  private failed = 0;
  private running = 0;
  private finishedHere = 0;

  /**
   * @param total shards to run in this invocation
   * @param skipped shards already finished before it started
   * @param interactive redraw one line (a terminal) instead of printing a line per finished shard
   */
  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly total: number,
    private readonly skipped: number,
    private readonly interactive: boolean,
  ) {
    this.done = skipped;
  }

  started(): void {
    this.running++;
    this.draw(false);
  }

  /** A shard ended: finished, failed, or stopped by an interrupt (not counted). */
  ended(status: 'done' | 'failed' | 'killed'): void {
    this.running--;
    if (status === 'killed') return;
    this.finishedHere++;
    if (status === 'done') this.done++;
    else this.failed++;
    this.draw(true);
  }

  /** The line as displayed now. */
  line(): string {
    const elapsed = (wallClockMs() - this.start) / 1000;
    const remaining = this.skipped + this.total - this.done - this.failed;
    const eta = this.finishedHere > 0 && remaining > 0 ? (elapsed / this.finishedHere) * remaining : remaining === 0 ? 0 : NaN;
    const all = this.skipped + this.total;
    return `sweep: ${this.done}/${all} done, ${this.running} running, ${this.failed} failed${this.skipped ? ` (${this.skipped} finished before)` : ''}, elapsed ${fmt(elapsed)}, ETA ${fmt(eta)}`;
  }

  private draw(event: boolean): void {
    if (this.interactive) this.stream.write(`\r${this.line().padEnd(Math.min(this.stream.columns ?? 100, 100) - 1)}`);
    else if (event) this.stream.write(`${this.line()}\n`);
  }

  /** Ends the line. */
  finish(): void {
    if (this.interactive) this.stream.write('\n');
  }
}

function fmt(s: number): string {
  if (!Number.isFinite(s)) return '--';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
