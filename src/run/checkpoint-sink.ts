import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../scenarios/errors.ts';
import type { TraceSink } from '../trace/index.ts';
import { replayJournal, TraceJournal, type JournalMark } from './checkpoint-journal.ts';
import { JOURNAL_FILE, type StoredCheckpoint } from './checkpoint-store.ts';

/**
 * The trace side of a checkpointed run: creates the checkpoint directory and, unless the run
 * writes no trace, the journal; on resume, first replays the checkpoint's part of the journal
 * into the run's new sink (`raw`, bypassing the event counter, which the checkpoint restores).
 * Returns the sink the pipeline writes to, `mark` (what a checkpoint taken now covers) and
 * `detach` (closes the journal file; the run's sink is closed by the run).
 */
export async function openCheckpoints(dir: string, trace: string, counting: TraceSink, raw: TraceSink, resumed: StoredCheckpoint | undefined): Promise<{ sink: TraceSink; mark: () => JournalMark; detach: () => void }> {
  mkdirSync(dir, { recursive: true });
  if (trace === 'none') return { sink: counting, mark: () => ({ bytes: 0, records: 0 }), detach: () => undefined };
  const path = join(dir, JOURNAL_FILE);
  if (resumed) {
    try {
      await replayJournal(path, resumed.journal, raw);
    } catch (err) {
      throw new InputError(`--resume ${dir}: the checkpoint's trace cannot be restored: ${(err as Error).message}`);
    }
  }
  const journal = new TraceJournal(path, counting, resumed?.journal);
  return { sink: journal, mark: () => journal.mark(), detach: () => journal.detach() };
}
