import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../scenarios/errors.ts';
import type { TraceSink } from '../trace/index.ts';
import type { CheckpointOptions } from './checkpoint.ts';
import { replayJournal, TraceJournal, type JournalMark } from './checkpoint-journal.ts';
import { CHECKPOINT_FILE, checkIdentity, checkpointDirOf, identityHash, JOURNAL_FILE, readCheckpoint, saveCheckpoint, type RunIdentity, type StoredCheckpoint } from './checkpoint-store.ts';

/**
 * The `run` command's side of checkpoints (`--checkpoint-every N`, `--resume DIR`): which
 * directory, whether a checkpoint may be written or resumed there, the trace journal, and
 * what happens to the directory when the run ends. Created before the run directory, so bad
 * input stops the command before anything is written.
 */
export class CheckpointSession {
  /** The checkpoint being resumed, if any. */
  readonly resumed: StoredCheckpoint | undefined;
  /** Checkpoint interval (from the flag, else the resumed checkpoint's); undefined: no checkpoints. */
  readonly every: number | undefined;
  private directory: string | undefined;
  private journal: TraceJournal | undefined;
  private hashed: { hash: string; parts: Record<string, string> } | undefined;

  /**
   * @param resume `--resume DIR`; @param every `--checkpoint-every`; @param out the run
   * directory when `--out` was given. `target()` gives the run directory to use.
   */
  constructor(resume: string | undefined, every: number | undefined, private readonly out: string | undefined) {
    this.resumed = resume !== undefined ? readCheckpoint(resume) : undefined;
    this.every = every ?? this.resumed?.every;
    this.directory = resume !== undefined ? resolve(resume) : undefined;
  }

  /** The checkpoint directory, when checkpointing or resuming (known after `target`). */
  get dir(): string | undefined {
    return this.directory;
  }

  /** The run directory: `--out`, else the resumed run's, else `fallback`. Also fixes the checkpoint directory of a fresh run. */
  target(fallback: () => string): string {
    const out = this.out ?? this.resumed?.target ?? fallback();
    if (this.resumed === undefined && this.every !== undefined) {
      const dir = checkpointDirOf(out);
      if (existsSync(join(dir, CHECKPOINT_FILE))) {
        throw new InputError(`--checkpoint-every: ${dir} holds a checkpoint of an earlier run to ${out}; continue it with --resume ${dir}, or remove it, or choose another --out`);
      }
      this.directory = dir;
    }
    return out;
  }

  /** Checks a resumed checkpoint against this run (bad input naming what differs) and remembers the run's identity. */
  identify(identity: RunIdentity): void {
    if (this.every === undefined) return;
    if (this.resumed) checkIdentity(this.dir!, this.resumed, identity);
    this.hashed = identityHash(identity);
  }

  /**
   * Opens the checkpoint directory and (unless `trace` is `none`) the journal; on resume,
   * replays the checkpoint's part of the journal into the run's sink `raw` first (not through
   * `counting`: the event count comes back with the checkpoint). Returns the sink the pipeline
   * writes to.
   */
  async open(trace: string, counting: TraceSink, raw: TraceSink): Promise<TraceSink> {
    if (this.every === undefined) return counting;
    mkdirSync(this.dir!, { recursive: true });
    if (trace === 'none') return counting;
    const path = join(this.dir!, JOURNAL_FILE);
    if (this.resumed) {
      try {
        await replayJournal(path, this.resumed.journal, raw);
      } catch (err) {
        throw new InputError(`--resume ${this.dir}: the checkpoint's trace cannot be restored: ${(err as Error).message}`);
      }
    }
    this.journal = new TraceJournal(path, counting, this.resumed?.journal);
    return this.journal;
  }

  /** The pipeline's checkpoint options; `traceEvents` reads the run's event count at each save. */
  options(target: string, traceEvents: () => number): CheckpointOptions | undefined {
    if (this.every === undefined) return undefined;
    const mark = (): JournalMark => this.journal?.mark() ?? { bytes: 0, records: 0 };
    return {
      every: this.every,
      resume: this.resumed?.state,
      save: async (state) => saveCheckpoint(this.dir!, { ...this.hashed!, target, every: this.every!, journal: mark(), traceEvents: traceEvents(), state }),
    };
  }

  /** Whether a checkpoint exists to resume from (after an interruption). */
  get saved(): boolean {
    return this.dir !== undefined && existsSync(join(this.dir, CHECKPOINT_FILE));
  }

  /** The run completed: its checkpoints have nothing left to continue. */
  completed(): void {
    this.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Closes the journal file (the run's own sink is closed by the run). */
  close(): void {
    this.journal?.detach();
    this.journal = undefined;
  }
}
