import type { TraceRecord, TraceSink } from './record.ts';

/**
 * Keeps records in an array, in write order (for tests and in-process analysis).
 *
 * Records are stored as given, not copied: payloads are readonly by convention
 * (DESIGN.md "Events"), and copying every payload would cost the tests that only count.
 */
export class MemorySink implements TraceSink {
  private readonly stored: TraceRecord[] = [];
  private closed = false;

  /** The records written so far, oldest first. */
  get records(): readonly TraceRecord[] {
    return this.stored;
  }

  /** Whether `close()` has been called. */
  get isClosed(): boolean {
    return this.closed;
  }

  write(record: TraceRecord): void {
    if (this.closed) throw new Error('trace: write after close (MemorySink)');
    this.stored.push(record);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
