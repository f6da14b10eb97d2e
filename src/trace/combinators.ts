/** Small sinks that compose others: drop everything, fan out, filter by event type. */
import type { EventCatalogue } from '../events/catalogue.ts';
import type { TraceRecord, TraceSink } from './record.ts';

/** Drops every record (tracing switched off). */
export class NullSink implements TraceSink {
  write(_record: TraceRecord): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Closes every sink even when some fail, then rejects with the single error, or an
 * `AggregateError` when several failed, so no sink is left open because another threw.
 */
export async function closeAll(sinks: readonly TraceSink[]): Promise<void> {
  const results = await Promise.allSettled(sinks.map((s) => s.close()));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'trace: several sinks failed to close');
}

/** Writes each record to every sink, in the order given. */
export class TeeSink implements TraceSink {
  private readonly sinks: readonly TraceSink[];

  constructor(...sinks: TraceSink[]) {
    this.sinks = sinks;
  }

  write(record: TraceRecord): void {
    for (const s of this.sinks) s.write(record);
  }

  registerEvents(catalogue: EventCatalogue): void {
    for (const s of this.sinks) s.registerEvents?.(catalogue);
  }

  close(): Promise<void> {
    return closeAll(this.sinks);
  }
}

/**
 * Whether an event type lies in a namespace: `'channel'` matches `'channel'` and
 * `'channel.evolved'` but not `'channelx.foo'`; a prefix ending in `.` matches only below it.
 */
export function matchesTypePrefix(type: string, prefix: string): boolean {
  if (prefix.endsWith('.')) return type.startsWith(prefix);
  return type === prefix || (type.startsWith(prefix) && type.charCodeAt(prefix.length) === 46);
}

/** Forwards only records whose `type` lies under one of the given namespace prefixes. */
export class FilterSink implements TraceSink {
  private readonly inner: TraceSink;
  private readonly prefixes: readonly string[];

  /**
   * @param inner sink receiving the kept records (closed with this one)
   * @param prefixes namespaces to keep, see {@link matchesTypePrefix}; an empty list keeps nothing
   */
  constructor(inner: TraceSink, prefixes: readonly string[]) {
    this.inner = inner;
    this.prefixes = [...prefixes];
  }

  write(record: TraceRecord): void {
    for (const p of this.prefixes) {
      if (matchesTypePrefix(record.type, p)) {
        this.inner.write(record);
        return;
      }
    }
  }

  registerEvents(catalogue: EventCatalogue): void {
    this.inner.registerEvents?.(catalogue);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
