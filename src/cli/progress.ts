import { wallClockMs } from '../scheduler/realtime-pacing.ts';

/**
 * How progress is shown: a redrawn bar on a terminal, one plain line per stage start and per
 * tenth of a stage when stderr goes to a file (nohup, Slurm logs, CI), or nothing (`--quiet`).
 */
export type ProgressMode = 'bar' | 'lines' | 'off';

/**
 * Progress of long runs (episodes, slots, rate, ETA), drawn on stderr.
 * Reads wall-clock time (through `wallClockMs`) only to display rate and ETA: it never influences
 * the simulation.
 */
export class ProgressBar {
  private readonly start = wallClockMs();
  private lastDraw = 0;
  private slots = 0;
  private lineTenth = -1;
  private stageLabel = '';
  private stageStart = this.start;
  private lastUpdate = this.start;

  constructor(
    private readonly stream: NodeJS.WritableStream & { columns?: number },
    private readonly mode: ProgressMode,
  ) {}

  update(label: string, done: number, total: number, slotsDelta: number, extra = ''): void {
    this.slots += slotsDelta;
    if (this.mode === 'off') return;
    const now = wallClockMs();
    const newStage = label !== this.stageLabel;
    if (newStage) {
      // The ETA is the current stage's (a run has one stage per agent and training run).
      // It starts when the previous stage's last episode ended, so its first episode counts.
      this.stageLabel = label;
      this.stageStart = this.lastUpdate;
    }
    this.lastUpdate = now;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const elapsed = (now - this.start) / 1000;
    const stageElapsed = (now - this.stageStart) / 1000;
    const rate = this.slots / Math.max(elapsed, 1e-3);
    const eta = frac > 0 ? (stageElapsed / frac) * (1 - frac) : NaN;
    if (this.mode === 'lines') {
      // A log gets a line when a stage starts and at each further tenth of it, not per episode.
      const tenth = Math.floor(frac * 10);
      if (!newStage && tenth === this.lineTenth) return;
      this.lineTenth = tenth;
      this.stream.write(`${label.trim()}: ${done}/${total} ep, ${rate.toFixed(0)} slots/s, elapsed ${fmtSeconds(elapsed)}, stage ETA ${fmtSeconds(eta)} ${extra}\n`);
      return;
    }
    if (now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    const width = 24;
    const filled = Math.round(frac * width);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ep  ${rate.toFixed(0)} slots/s  ETA ${fmtSeconds(eta)} ${extra}`;
    const columns = this.stream.columns ?? 120;
    this.stream.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns, 120) - 1)}`);
  }

  /** Ends the current bar line. */
  finish(): void {
    if (this.mode === 'bar') this.stream.write('\n');
  }

  get elapsedSeconds(): number {
    return (wallClockMs() - this.start) / 1000;
  }
}

/** The mode for a run: `--quiet` silences it; otherwise a bar on a terminal, lines elsewhere. */
export function progressModeFor(quiet: boolean, stderrIsTerminal: boolean): ProgressMode {
  if (quiet) return 'off';
  return stderrIsTerminal ? 'bar' : 'lines';
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${Math.round(s % 60)}s` : `${s.toFixed(0)}s`;
}
