import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../scenarios/errors.ts';
import { TraceQueryError, exportParquetDir, findTrace, formatTable, queryTrace, traceHash } from '../../trace/index.ts';
import { HELP } from '../help.ts';
import { parseIntFlag } from '../flags.ts';

const SUBCOMMANDS = ['hash', 'export', 'query'] as const;

/** Rows `trace query` prints unless --max-rows says otherwise. */
const DEFAULT_MAX_ROWS = 1000;

/** The trace file of a run directory, or the trace file itself; bad input naming the path otherwise. */
async function traceOf(path: string | undefined): Promise<string> {
  if (path === undefined || path === '') throw new InputError(`trace: give a run directory (or a trace file)\n${HELP.trace}`);
  if (!existsSync(path)) throw new InputError(`${path}: no such run directory or trace file`);
  if (statSync(path).isFile()) {
    if (!/\.(duckdb|db|ndjson|jsonl)$/i.test(path)) throw new InputError(`${path}: not a trace file (expected .duckdb or .ndjson)`);
    return path;
  }
  try {
    return await findTrace(path);
  } catch (err) {
    throw new InputError(`${path}: ${(err as Error).message.replace(/^trace: /, '')} (was the run made with --trace none?)`);
  }
}

/** `semsim trace hash|export|query ...`. */
export async function traceCommand(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { parquet: { type: 'boolean' }, out: { type: 'string' }, 'max-rows': { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (err) {
    throw new InputError(`trace: ${(err as Error).message.split('\n')[0]}\n${HELP.trace}`);
  }
  const { values, positionals } = parsed;
  const [sub, target, ...extra] = positionals;
  if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? '')) throw new InputError(`unknown trace subcommand '${sub ?? ''}'; allowed: ${SUBCOMMANDS.join(', ')}\n${HELP.trace}`);
  const expectArgs = sub === 'query' ? 1 : 0;
  if (extra.length !== expectArgs) {
    throw new InputError(sub === 'query' ? `trace query: expected DIR and one SQL statement in quotes, e.g. semsim trace query DIR "SELECT count(*) FROM events"` : `trace ${sub}: expected one DIR, got ${positionals.length - 1} arguments`);
  }
  const allowed = sub === 'export' ? ['parquet', 'out'] : sub === 'query' ? ['max-rows'] : [];
  for (const flag of Object.keys(values)) if (!allowed.includes(flag)) throw new InputError(`trace ${sub}: --${flag} does not apply; allowed: ${allowed.map((f) => `--${f}`).join(', ') || '(none)'}`);
  const trace = await traceOf(target);
  switch (sub) {
    case 'hash':
      console.log(await traceHash(trace));
      return 0;
    case 'export': {
      if (values.parquet !== true) throw new InputError('trace export: choose a format: --parquet');
      const out = values.out ?? join(statSync(target!).isFile() ? join(target!, '..') : target!, 'trace-parquet');
      if (existsSync(out)) throw new InputError(`--out ${out}: already exists; remove it or choose another path`);
      let files;
      try {
        files = await exportParquetDir(trace, out);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code || /IO Error|Permission|No such file/i.test(e.message)) throw new InputError(`--out ${out}: cannot write: ${e.message.split('\n')[0]}`);
        throw err;
      }
      for (const [file, rows] of Object.entries(files)) console.log(`${join(out, file)}  ${rows} rows`);
      return 0;
    }
    default: {
      const maxRows = parseIntFlag('--max-rows', values['max-rows'], 1, 10_000_000) ?? DEFAULT_MAX_ROWS;
      try {
        console.log(formatTable(await queryTrace(trace, extra[0], maxRows)));
      } catch (err) {
        if (err instanceof TraceQueryError) throw new InputError(`trace query: ${err.message}`);
        throw err;
      }
      return 0;
    }
  }
}
