/**
 * Typed trace views: columns derived from a catalogue's payload schemas, typed in DuckDB, and
 * exact round trips, including payloads that do not fit their schema.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { z } from 'zod';
import { EventCatalogue, defineEvents } from '../../src/events/index.ts';
import { DuckDbSink, hashRecords, layoutOf, readDuckDb, type TraceRecord } from '../../src/trace/index.ts';
import { collect, tempDirs, queryTrace } from './fixtures.ts';

const dir = tempDirs();
const int = z.number().int();

const EVENTS = defineEvents({
  'probe.measured': {
    phase: 'channel',
    payload: z.object({
      slot: int,
      gain: z.number(),
      label: z.enum(['a', 'b']),
      ok: z.boolean(),
      rates: z.array(z.number()),
      counts: z.array(int),
      metrics: z.record(z.string(), z.number()),
      applied: z.record(z.string(), z.array(z.number())),
      action: z.object({ continuous: z.array(z.number()).optional(), discrete: z.array(int).optional() }),
      note: z.string().optional(),
      either: z.union([z.number(), z.string()]),
    }),
  },
  'probe.listed': { phase: 'channel', payload: z.array(z.number()) },
});

const rows = queryTrace;

const base = { episode: 0, slot: 2, time: 0.4, phase: 'channel', actor: 'bs/0', agent: 'ddpg', stage: 'eval' as const, seed: 4_000_000_000 };
const fitting = {
  slot: 2,
  gain: 0.125,
  label: 'b',
  ok: true,
  rates: new Float64Array([1.5, -0]),
  counts: [3, 4],
  metrics: { sinr: 2.5, qoe: -1 },
  applied: { power: [0.1, 0.2] },
  action: { continuous: [0.5] },
  either: 'x',
};

async function writeRecords(records: TraceRecord[]): Promise<string> {
  const path = join(await dir(), 'trace.duckdb');
  const sink = new DuckDbSink(path);
  sink.registerEvents(new EventCatalogue(undefined, [EVENTS]));
  for (const r of records) sink.write(r);
  await sink.close();
  return path;
}

describe('typed trace views', () => {
  it('derives columns from the payload schema: integers, doubles, lists, maps, flattened objects, JSON for the rest', async () => {
    const path = await writeRecords([{ ...base, seq: 0, type: 'probe.measured', payload: fitting }]);
    const cols = await rows(path, 'DESCRIBE probe_measured');
    expect(cols.map((c) => [c.column_name, c.column_type])).toEqual([
      ['seq', 'BIGINT'],
      ['episode', 'INTEGER'],
      ['slot', 'BIGINT'],
      ['time', 'DOUBLE'],
      ['phase', 'VARCHAR'],
      ['actor', 'VARCHAR'],
      ['agent', 'VARCHAR'],
      ['stage', 'VARCHAR'],
      ['seed', 'BIGINT'],
      ['payload_slot', 'BIGINT'],
      ['gain', 'DOUBLE'],
      ['label', 'VARCHAR'],
      ['ok', 'BOOLEAN'],
      ['rates', 'DOUBLE[]'],
      ['counts', 'BIGINT[]'],
      ['metrics', 'MAP(VARCHAR, DOUBLE)'],
      ['applied', 'MAP(VARCHAR, DOUBLE[])'],
      ['action_continuous', 'DOUBLE[]'],
      ['action_discrete', 'BIGINT[]'],
      ['note', 'VARCHAR'],
      ['either', 'JSON'],
    ]);
    const [row] = await rows(path, "SELECT gain * 2 AS g, rates[1] AS r1, metrics['sinr'] AS sinr, applied['power'][2] AS p2, action_discrete IS NULL AS nod, seed, agent FROM probe_measured");
    expect(row).toEqual({ g: 0.25, r1: 1.5, sinr: 2.5, p2: 0.2, nod: true, seed: 4_000_000_000n, agent: 'ddpg' });
    expect(layoutOf('probe.listed', EVENTS['probe.listed'].payload, new Set()).columns).toEqual([{ name: 'payload', path: [], kind: 'json', optional: false }]);
  });

  it('round-trips fitting and misfitting records exactly, in seq order, with the hash of the records written', async () => {
    const records: TraceRecord[] = [
      { ...base, seq: 0, type: 'probe.measured', payload: fitting },
      { ...base, seq: 1, type: 'probe.measured', payload: { ...fitting, extra: 1 } }, // unknown key
      { ...base, seq: 2, type: 'probe.measured', payload: { ...fitting, slot: 2.5 } }, // not an integer
      { ...base, seq: 3, type: 'probe.measured', payload: { ...fitting, gain: undefined } }, // required field missing
      { ...base, seq: 5, type: 'probe.listed', payload: [1, 2] },
      { ...base, seq: 7, type: 'unregistered.event', payload: { a: [{ b: null }] } },
      { ...base, seq: 8, type: 'probe.measured', payload: { ...fitting, metrics: { ['__proto__']: 1 }, note: 'n', action: {} } },
    ];
    const path = await writeRecords(records);
    const back = await collect(readDuckDb(path));
    const plain = (r: TraceRecord): unknown => JSON.parse(JSON.stringify({ ...r, payload: r.payload }, (_k, v: unknown) => (v instanceof Float64Array ? [...v] : v)));
    expect(back.map(plain)).toEqual(records.map(plain));
    expect(await hashRecords(back)).toBe(await hashRecords(records));
    // Every probe.measured event is in its view; a field that does not fit its type reads NULL there.
    expect(await rows(path, 'SELECT seq, gain FROM probe_measured ORDER BY seq')).toEqual([0n, 1n, 2n, 3n, 8n].map((seq) => ({ seq, gain: seq === 3n ? null : 0.125 })));
    expect(await rows(path, "SELECT metrics['__proto__'] AS p, note, action_continuous IS NULL AS noc FROM probe_measured WHERE seq = 8")).toEqual([{ p: 1, note: 'n', noc: true }]);
  });
});
