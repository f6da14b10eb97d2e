/**
 * Traces of real runs, for every built-in scenario kind: the run context on every event, one
 * typed table per registered event type with every payload fitting it, and the same hash from
 * both storage formats and from the records themselves.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '../../src/agents/common/backend.ts';
import { EventCatalogue } from '../../src/events/index.ts';
import { runScenario, type RunResult } from '../../src/run/pipeline.ts';
import { findScenario } from '../../src/scenarios/registry.ts';
import { PhaseTable } from '../../src/scheduler/phase.ts';
import { DuckDbSink, MemorySink, NdjsonSink, TeeSink, hashRecords, layoutOf, traceHash } from '../../src/trace/index.ts';
import { tempDirs, queryTrace } from './fixtures.ts';

const dir = tempDirs();

const rows = queryTrace;

/** The agent/stage/seed each episode must carry, from the run result (episode ranges and seeds). */
function expectedContexts(result: RunResult, perSeed: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of result.episodes) {
    for (let e = r.first; e <= r.last; e++) {
      const seed = r.stage === 'eval' ? result.evalSeeds[Math.floor((e - r.first) / perSeed)] : undefined;
      out.set(e, `${r.agent}/${r.stage}/${seed ?? 'train'}`);
    }
  }
  return out;
}

const cases = [
  { kind: 'toscn', agents: ['planner', 'random'] },
  { kind: 'multicell-ee', agents: ['greedy'] },
  { kind: 'edge-queue', agents: ['dqn', 'greedy'] },
];

describe.each(cases)('traced run of $kind', ({ kind, agents }) => {
  it('stamps agent, stage and seed on every event, stores every event typed, and hashes alike in both formats', async () => {
    await initBackend('auto');
    const plugin = findScenario(kind)!;
    const file = plugin.schema.parse({ scenario: kind, run: { slotsPerEpisode: 4, episodes: 2, evalEpisodes: 4, evalSeeds: 2 } });
    const d = await dir();
    const memory = new MemorySink();
    const duck = new DuckDbSink(join(d, 'trace.duckdb'));
    const tee = new TeeSink(memory, duck, new NdjsonSink(join(d, 'trace.ndjson')));
    const result = await runScenario({ plugin, file }, { seed: 5, episodes: 2, agents, sink: tee });
    await tee.close();

    // Same events, same hash: from the records, from DuckDB, from NDJSON.
    const hash = await hashRecords(memory.records);
    expect(await traceHash(join(d, 'trace.duckdb'))).toBe(hash);
    expect(await traceHash(join(d, 'trace.ndjson'))).toBe(hash);

    // Every event carries its episode's context, as the run result's episode ranges say.
    const expected = expectedContexts(result, 2);
    if (agents.includes('dqn')) expect(result.episodes.some((r) => r.stage === 'train')).toBe(true);
    for (const r of memory.records) {
      expect(`${r.agent}/${r.stage}/${r.stage === 'eval' ? r.seed : 'train'}`).toBe(expected.get(r.episode));
      expect(Number.isSafeInteger(r.seed)).toBe(true);
    }
    const lines = (await readFile(join(d, 'trace.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => typeof l.agent === 'string' && (l.stage === 'train' || l.stage === 'eval') && typeof l.seed === 'number')).toBe(true);

    // One typed view per registered event type, holding every event of its type, with every
    // required payload field read (a NULL would be a field its typed column cannot hold).
    const db = join(d, 'trace.duckdb');
    const catalogue = new EventCatalogue(new PhaseTable(plugin.phases ?? []), plugin.events);
    const views = new Set((await rows(db, 'SELECT view_name FROM duckdb_views() WHERE NOT internal')).map((t) => t.view_name));
    const taken = new Set<string>();
    for (const type of catalogue.types) {
      const layout = layoutOf(type, catalogue.spec(type).payload, taken);
      taken.add(layout.table);
      expect(views.has(layout.table), type).toBe(true);
      const required = layout.columns.filter((c) => !c.optional).map((c) => `"${c.name}" IS NULL`);
      const [counts] = await rows(db, `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE ${required.join(' OR ') || 'false'})::INTEGER AS missing FROM ${layout.table}`);
      expect(counts, type).toEqual({ n: memory.records.filter((r) => r.type === type).length, missing: 0 });
    }
    const viewCounts = await rows(db, 'SELECT count(*)::INTEGER AS n, count(agent)::INTEGER AS a, count(stage)::INTEGER AS s, count(seed)::INTEGER AS k FROM events');
    const n = memory.records.length;
    expect(viewCounts).toEqual([{ n, a: n, s: n, k: n }]);
  });
});
