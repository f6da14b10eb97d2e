import { wallClockMs } from '../scheduler/realtime-pacing.ts';

/**
 * A one-line progress bar for long runs (episodes, slots, rate, ETA), drawn on stderr.
 * Reads wall-clock time (through `wallClockMs`) only to display rate and ETA: it never influences
 * the simulation.
 */
export class ProgressBar {
  private readonly start = wallClockMs();
  private lastDraw = 0;
  private slots = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
  ) {}

  update(label: string, done: number, total: number, slotsDelta: number, extra = ''): void {
    this.slots += slotsDelta;
    if (!this.enabled) return;
    const now = wallClockMs();
    if (now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    const width = 24;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(frac * width);
    const elapsed = (now - this.start) / 1000;
    const rate = this.slots / Math.max(elapsed, 1e-3);
    const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : NaN;
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ep  ${rate.toFixed(0)} slots/s  ETA ${fmtSeconds(eta)} ${extra}`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 120) - 1).padEnd(Math.min(this.stream.columns ?? 120, 120) - 1)}`);
  }

  /** Ends the current bar line. */
  finish(): void {
    if (this.enabled) this.stream.write('\n');
  }

  get elapsedSeconds(): number {
    return (wallClockMs() - this.start) / 1000;
  }
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${Math.round(s % 60)}s` : `${s.toFixed(0)}s`;
}
