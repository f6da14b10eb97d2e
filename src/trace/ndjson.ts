/** NDJSON trace files: one canonical JSON line per record, with its run context (`storedLine` in `canonical.ts`). */
import { closeSync, createReadStream, fsync, openSync, writeFileSync, writeSync } from 'node:fs';
import type { EventCatalogue } from '../events/catalogue.ts';
import { addLayouts, type EventLayout } from './layout.ts';
import { createInterface } from 'node:readline';
import { storedLine } from './canonical.ts';
import { TraceRecordSchema, type TraceRecord, type TraceSink } from './record.ts';

/** Options of {@link NdjsonSink}. */
export interface NdjsonSinkOptions {
  /**
   * Characters buffered before one `write(2)`. Default 1 MiB: large enough that a run of
   * ~100-byte events makes one system call per ~10k events, small enough not to matter
   * for memory.
   */
  readonly bufferChars?: number;
}

/**
 * Writes canonical NDJSON lines to a file, truncating any existing one.
 *
 * Writes go to an in-memory buffer and reach the file in blocking `writeSync` calls of
 * `bufferChars`: blocking keeps `write` synchronous and surfaces disk errors (and encoding
 * errors) at the `write` that caused them, and the large buffer makes the system calls rare.
 */
export class NdjsonSink implements TraceSink {
  /** The file being written. */
  readonly path: string;
  private readonly bufferChars: number;
  private fd: number | undefined;
  private buffer = '';
  private readonly layouts = new Map<string, EventLayout>();

  constructor(path: string, options: NdjsonSinkOptions = {}) {
    this.path = path;
    this.bufferChars = options.bufferChars ?? 1 << 20;
    this.fd = openSync(path, 'w');
  }

  write(record: TraceRecord): void {
    if (this.fd === undefined) throw new Error(`trace: write after close (${this.path})`);
    this.buffer += storedLine(record) + '\n';
    if (this.buffer.length >= this.bufferChars) this.flush(this.fd);
  }

  /** Derives the typed view layouts of the catalogue's events; written beside the trace at close (see {@link columnsPathOf}). */
  registerEvents(catalogue: EventCatalogue): void {
    addLayouts(this.layouts, catalogue);
  }

  private flush(fd: number): void {
    const text = this.buffer;
    this.buffer = '';
    if (text.length > 0) writeSync(fd, text);
  }

  async close(): Promise<void> {
    const fd = this.fd;
    if (fd === undefined) return;
    this.fd = undefined;
    try {
      this.flush(fd);
      await new Promise<void>((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
    } finally {
      closeSync(fd);
    }
    if (this.layouts.size > 0) writeFileSync(columnsPathOf(this.path), JSON.stringify([...this.layouts.values()], null, 1) + '\n');
  }
}

/** The layouts file beside an NDJSON trace (`trace.ndjson` -> `trace.columns.json`): the typed views `semsim trace query` builds. */
export function columnsPathOf(tracePath: string): string {
  return tracePath.replace(/(\.ndjson|\.jsonl)?$/i, '.columns.json');
}

/**
 * Reads an NDJSON trace in file order, validating each line with `TraceRecordSchema`.
 * Throws on the first malformed line, naming the file and line number.
 */
export async function* readNdjson(path: string): AsyncIterable<TraceRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`trace: ${path}:${n}: invalid JSON (${(e as Error).message})`, { cause: e });
      }
      const parsed = TraceRecordSchema.safeParse(value);
      if (!parsed.success) throw new Error(`trace: ${path}:${n}: invalid record: ${parsed.error.message}`);
      yield parsed.data;
    }
  } finally {
    lines.close();
  }
}
