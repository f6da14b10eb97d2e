import { closeSync, createReadStream, existsSync, fsyncSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EventCatalogue } from '../events/catalogue.ts';
import { storedLine, TraceRecordSchema, type TraceRecord, type TraceSink } from '../trace/index.ts';

/** How much of the journal a checkpoint covers. */
export interface JournalMark {
  readonly bytes: number;
  readonly records: number;
}

/**
 * The trace of a checkpointed run, kept beside its checkpoints (`trace.journal.ndjson`): every
 * record is forwarded to the run's own sink and appended here as a stored NDJSON line. A
 * checkpoint notes the journal's length (`mark`, which first writes out the buffer); a resumed
 * run cuts the journal back to that length and replays it into its new sink, so the resumed
 * trace holds exactly the records of the run up to the checkpoint, whatever the sink kind.
 */
export class TraceJournal implements TraceSink {
  private fd: number | undefined;
  private buffer = '';
  private bytes: number;
  private records: number;

  /** Opens `path` for appending after `from` (a resumed run), or as a new journal. */
  constructor(
    readonly path: string,
    private readonly inner: TraceSink,
    from: JournalMark = { bytes: 0, records: 0 },
  ) {
    this.fd = openSync(path, from.bytes > 0 ? 'r+' : 'w');
    if (from.bytes > 0) ftruncateSync(this.fd, from.bytes);
    this.bytes = from.bytes;
    this.records = from.records;
  }

  write(record: TraceRecord): void {
    this.inner.write(record);
    this.buffer += storedLine(record) + '\n';
    this.records++;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  registerEvents(catalogue: EventCatalogue): void {
    this.inner.registerEvents?.(catalogue);
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer, 'utf8');
    writeSync(this.fd, chunk, 0, chunk.length, this.bytes);
    this.bytes += chunk.length;
    this.buffer = '';
  }

  /** Writes the buffer out and returns the journal's length: what a checkpoint taken now covers. */
  mark(): JournalMark {
    this.flush();
    // On disk before the checkpoint that points into it (a kill -9 keeps written data anyway; a power cut may not).
    if (this.fd !== undefined) fsyncSync(this.fd);
    return { bytes: this.bytes, records: this.records };
  }

  /** Writes the buffer out and closes the journal file (the inner sink stays open). */
  detach(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  async close(): Promise<void> {
    this.detach();
    await this.inner.close();
  }
}

/**
 * Writes the first `mark.records` records of the journal at `path` (its first `mark.bytes`
 * bytes) into `into`. Throws if the journal is shorter than the mark: the checkpoint's trace is gone.
 */
export async function replayJournal(path: string, mark: JournalMark, into: TraceSink): Promise<void> {
  if (mark.records === 0) return;
  if (!existsSync(path) || statSync(path).size < mark.bytes) throw new Error(`${path} is missing or shorter than the checkpoint's ${mark.bytes} bytes`);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', start: 0, end: mark.bytes - 1 }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    const parsed = TraceRecordSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${n + 1}: invalid record: ${parsed.error.message}`);
    into.write(parsed.data as TraceRecord);
    n++;
  }
  if (n !== mark.records) throw new Error(`${path}: ${n} records before byte ${mark.bytes}, the checkpoint counted ${mark.records}`);
}
