/**
 * MEASUREMENT SPIKE (not a feature, not wired into any bench or test): what DuckDB's ingest and
 * checkpoint of a toscn trace cost per event if each event type's payload were stored in its own
 * table of typed columns, against today's one canonical-JSON VARCHAR per event in `event_rows`
 * (docs/performance.md, "Trace writing", step 8: "the way to the rest is ... typed columns").
 *
 * Records 3000 toscn slots (D = 6) as bench/trace.bench.ts drives SimEnv, then per round:
 *   A: event_rows(seq, episode, slot, time, kind, payload VARCHAR) from canonicalJson strings;
 *   B: one table per event type, header columns + one column per payload key (BIGINT when every
 *      value is an integer, DOUBLE, BOOLEAN, VARCHAR; arrays/objects as canonical-JSON VARCHAR),
 * both appended through @duckdb/node-bindings in chunks of 2048 with copy_data_to_vector per
 * numeric column, flushed per 4096-event batch (B: every type's rows of the batch, one flush per
 * table), CHECKPOINT every 61,440 events and at the end, as duckdb-writer.worker.ts does.
 * Further variants: B4096 (a table's rows flushed once it has 4096, not every batch), B4096end
 * (that, and one CHECKPOINT at the end only), C / C4096end (nested objects flattened into leaf
 * columns and number arrays as BIGINT[] / DOUBLE[] lists, as layout.ts's views type them), and H
 * (the header columns alone in one table: a floor for any one-row-per-event layout).
 * Then reads them back (A: payload ORDER BY seq; B: json_object in SQL; B and C: columns rebuilt
 * to canonical text in JS) and compares every event's payload with A's, bytes and JSON.parse values.
 * Results: docs/performance.md, "Trace writing", step 8 ("Typed columns, measured").
 *
 * Run: npx tsx bench/spikes/typed-trace.spike.ts [rounds=5] [slots=3000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import type * as Bindings from '@duckdb/node-bindings';
import { SimEnv } from '../../src/envs/sim-env.ts';
import { toscnPlugin } from '../../src/scenarios/registry.ts';
import type { ToscnParams } from '../../src/scenarios/toscn/params.ts';
import { canonicalJson } from '../../src/trace/canonical.ts';
import { bindingsPath, EventRowsAppender, loadBindings } from '../../src/trace/duckdb-native.ts';

const ROUNDS = Number(process.argv[2] ?? 5);
const SLOTS = Number(process.argv[3] ?? 3000);
const BATCH = 4096;
const CHUNK = 2048;
const ROW_GROUP = 61440;

interface Ev { seq: number; episode: number; slot: number; time: number; kind: number; type: string; payload: Record<string, unknown> }

// ---- 1. record ----
function record(): Ev[] {
  const params = toscnPlugin.resolve(toscnPlugin.schema.parse({ scenario: 'toscn', devices: { count: 6 } })) as ToscnParams;
  const kinds = new Map<string, number>();
  const events: Ev[] = [];
  const sink = {
    write(r: { seq: number; episode: number; slot: number; time: number; phase: string; type: string; actor: string; payload: unknown }) {
      const k = `${r.phase}\0${r.type}\0${r.actor}`;
      let kind = kinds.get(k);
      if (kind === undefined) kinds.set(k, (kind = kinds.size));
      // Plain JSON values, as the writer would see them (typed arrays to arrays, -0 to 0).
      events.push({ seq: r.seq, episode: r.episode, slot: r.slot, time: r.time, kind, type: r.type, payload: JSON.parse(canonicalJson(r.payload)) });
    },
    async close() {},
  };
  const env = new SimEnv(toscnPlugin, params, { sink });
  const action = { continuous: new Float32Array(3 * params.devices) };
  let done = 0;
  for (let e = 0; done < SLOTS; e++) {
    env.reset({ seed: e });
    for (let end = false; !end; done++) end = env.step(action).truncated;
  }
  return events;
}

// ---- column layouts from the payloads ----
type Kind = 'int' | 'double' | 'bool' | 'string' | 'json' | 'int[]' | 'double[]';
/** `key`: the column's name (path joined with `_`); `path`: where the value sits in the payload. */
interface Col { key: string; path: string[]; kind: Kind; nullable: boolean }
/** The value at a column's path (undefined where the payload has none). */
function get(payload: Record<string, unknown>, c: Col): unknown {
  let v: unknown = payload;
  for (const k of c.path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/**
 * Variant C's layout (beyond the brief's B): nested objects flattened into one column per leaf
 * path (as layout.ts's views do), arrays whose elements are all numbers as BIGINT[] / DOUBLE[]
 * lists; only what is neither stays canonical-JSON VARCHAR. Paths are the union over the type's
 * payloads (absent ones NULL), each level's keys sorted (so the column order is the canonical key order).
 */
function flatLayouts(events: Ev[]): TypeTable[] {
  return layouts(events).map((t) => {
    // The union of every payload's paths (objects opened to depth 3), each level's keys sorted.
    type Node = Map<string, Node> | 'leaf';
    const root = new Map<string, Node>();
    const add = (v: unknown, into: Map<string, Node>, key: string, depth: number): void => {
      const isObject = v !== null && typeof v === 'object' && !Array.isArray(v) && depth < 3;
      const had = into.get(key);
      if (!isObject || had === 'leaf') { into.set(key, 'leaf'); return; }
      const node = had ?? new Map<string, Node>();
      into.set(key, node);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) add(x, node, k, depth + 1);
    };
    for (const e of t.events) for (const [k, x] of Object.entries(e.payload)) add(x, root, k, 1);
    const paths: string[][] = [];
    const walk = (node: Map<string, Node>, path: string[]): void => {
      for (const k of [...node.keys()].sort()) { const n = node.get(k)!; if (n === 'leaf') paths.push([...path, k]); else walk(n, [...path, k]); }
    };
    walk(root, []);
    const cols: Col[] = paths.map((path) => {
      const values = t.events.map((e) => get(e.payload, { key: '', path, kind: 'json', nullable: false })).filter((v) => v !== undefined && v !== null);
      const kind: Kind = values.every((v) => typeof v === 'number')
        ? values.every((v) => Number.isSafeInteger(v)) ? 'int' : 'double'
        : values.every((v) => typeof v === 'boolean') ? 'bool'
        : values.every((v) => typeof v === 'string') ? 'string'
        : values.every(isNumberArray) ? (values.every((v) => (v as number[]).every((x) => Number.isSafeInteger(x))) ? 'int[]' : 'double[]')
        : 'json';
      return { key: path.join('_'), path, kind, nullable: values.length < t.events.length };
    });
    const misfits = new Map<string, number>();
    const known = new Set(paths.map((p) => p.join('.')));
    for (const e of t.events) {
      const seen: string[] = [];
      const collect = (v: unknown, path: string[]): void => {
        if (known.has(path.join('.'))) seen.push(path.join('.'));
        else if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) collect((v as Record<string, unknown>)[k], [...path, k]);
        else misfits.set(`extra path ${path.join('.')}`, (misfits.get(`extra path ${path.join('.')}`) ?? 0) + 1);
      };
      collect(e.payload, []);
      for (const c of cols) { const v = get(e.payload, c); if (v === undefined || v === null) misfits.set(`${v} at ${c.path.join('.')}`, (misfits.get(`${v} at ${c.path.join('.')}`) ?? 0) + 1); }
    }
    return { ...t, cols, misfits };
  });
}
interface TypeTable { type: string; table: string; cols: Col[]; events: Ev[]; misfits: Map<string, number> }

function layouts(events: Ev[]): TypeTable[] {
  const byType = new Map<string, Ev[]>();
  for (const e of events) (byType.get(e.type) ?? byType.set(e.type, []).get(e.type)!).push(e);
  const tables: TypeTable[] = [];
  for (const [type, evs] of byType) {
    if (type === 'header') throw new Error('event type named header');
    const first = evs[0].payload;
    const cols: Col[] = Object.keys(first).sort().map((key) => {
      const v = first[key];
      const kind: Kind = typeof v === 'number' ? 'double' : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'string' : 'json';
      return { key, path: [key], kind, nullable: false };
    });
    const misfits = new Map<string, number>();
    const miss = (why: string): void => void misfits.set(why, (misfits.get(why) ?? 0) + 1);
    for (const c of cols) {
      if (c.kind === 'double') c.kind = evs.every((e) => e.payload[c.key] === undefined || Number.isSafeInteger(e.payload[c.key])) ? 'int' : 'double';
    }
    const known = new Set(cols.map((c) => c.key));
    for (const e of evs) {
      for (const k of Object.keys(e.payload)) if (!known.has(k)) miss(`extra key ${k}`);
      for (const c of cols) {
        const v = e.payload[c.key];
        if (v === undefined) { c.nullable = true; miss(`absent ${c.key}`); continue; }
        const t = typeof v;
        const ok = c.kind === 'int' || c.kind === 'double' ? t === 'number' : c.kind === 'bool' ? t === 'boolean' : c.kind === 'string' ? t === 'string' : t === 'object';
        if (!ok) miss(`${c.key}: ${t} in ${c.kind} column`);
        if (c.kind === 'json' && v === null) miss(`${c.key}: null`);
      }
    }
    tables.push({ type, table: 't_' + type.replace(/[^a-z0-9]/gi, '_'), cols, events: evs, misfits });
  }
  return tables;
}

const SQL_TYPE: Record<Kind, string> = { int: 'BIGINT', double: 'DOUBLE', bool: 'BOOLEAN', string: 'VARCHAR', json: 'VARCHAR', 'int[]': 'BIGINT[]', 'double[]': 'DOUBLE[]' };
/** A payload key's column (prefixed: payload keys such as `episode`, `slot` collide with the header). */
const ident = (s: string): string => `"p_${s.replaceAll('"', '""')}"`;

// ---- 3. column building (JS objects -> typed arrays) ----
type Column = Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | string[];
/** A list column: every row's elements end to end (`values`, int64 words for BIGINT[]) and row i's elements at `ends[i] .. ends[i + 1]`. */
interface ListColumn { values: Float64Array<ArrayBuffer> | Uint32Array<ArrayBuffer>; ends: Float64Array }
interface Built { count: number; lists?: (ListColumn | undefined)[]; seq: Uint32Array<ArrayBuffer>; episode: Int32Array<ArrayBuffer>; slot: Uint32Array<ArrayBuffer>; time: Float64Array<ArrayBuffer>; kind: Int32Array<ArrayBuffer>; cols: Column[]; valid: (Uint8Array | undefined)[] }

function setInt64(to: Uint32Array, i: number, x: number): void {
  const hi = Math.floor(x / 4294967296);
  to[2 * i] = x - hi * 4294967296;
  to[2 * i + 1] = hi;
}

function build(t: TypeTable): Built {
  const n = t.events.length;
  const b: Built = { count: n, seq: new Uint32Array(2 * n), episode: new Int32Array(n), slot: new Uint32Array(2 * n), time: new Float64Array(n), kind: new Int32Array(n), cols: [], valid: [] };
  for (const c of t.cols) {
    b.cols.push(c.kind === 'int' ? new Uint32Array(2 * n) : c.kind === 'double' ? new Float64Array(n) : c.kind === 'bool' ? new Uint8Array(n) : c.kind === 'string' || c.kind === 'json' ? new Array<string>(n) : new Uint8Array(0));
    b.valid.push(c.nullable ? new Uint8Array(n).fill(1) : undefined);
  }
  const evs = t.events;
  for (let i = 0; i < n; i++) {
    const e = evs[i];
    setInt64(b.seq, i, e.seq);
    b.episode[i] = e.episode;
    setInt64(b.slot, i, e.slot);
    b.time[i] = e.time;
    b.kind[i] = e.kind;
  }
  b.lists = t.cols.map(() => undefined);
  for (let j = 0; j < t.cols.length; j++) {
    const c = t.cols[j];
    const { kind } = c;
    const t0 = cpu();
    if (kind === 'int[]' || kind === 'double[]') {
      let total = 0;
      for (let i = 0; i < n; i++) total += (get(evs[i].payload, c) as number[]).length;
      const ends = new Float64Array(n + 1);
      const values = kind === 'int[]' ? new Uint32Array(2 * total) : new Float64Array(total);
      let at = 0;
      for (let i = 0; i < n; i++) {
        const a = get(evs[i].payload, c) as number[];
        if (kind === 'int[]') for (let k = 0; k < a.length; k++) setInt64(values as Uint32Array, at + k, a[k]);
        else (values as Float64Array).set(a, at);
        at += a.length;
        ends[i + 1] = at;
      }
      b.lists[j] = { values, ends };
      buildProf.lists += cpu() - t0;
      continue;
    }
    const col = b.cols[j];
    const valid = b.valid[j];
    for (let i = 0; i < n; i++) {
      const v = get(evs[i].payload, c);
      if (v === undefined || v === null) { valid![i] = 0; if (kind === 'string' || kind === 'json') (col as string[])[i] = ''; continue; }
      if (kind === 'int') setInt64(col as Uint32Array, i, v as number);
      else if (kind === 'double') (col as Float64Array)[i] = v as number;
      else if (kind === 'bool') (col as Uint8Array)[i] = v ? 1 : 0;
      else if (kind === 'string') (col as string[])[i] = v as string;
      else (col as string[])[i] = canonicalJson(v);
    }
    if (kind === 'json') buildProf.json += cpu() - t0;
  }
  return b;
}

/** CPU ms inside B's appenders, by part (summed over a variant's run; reset per variant). */
const prof = { copies: 0, strings: 0, stringCount: 0, appendChunk: 0, flush: 0 };
const resetProf = (): void => { prof.copies = prof.strings = prof.stringCount = prof.appendChunk = prof.flush = 0; };
/** CPU ms of B's column building, scalar header/payload columns against canonical JSON of the JSON fields. */
const buildProf = { scalar: 0, json: 0, lists: 0 };

// ---- B's appender: header + typed columns, one copy per numeric column per chunk ----
class TypedAppender {
  private readonly appender: Bindings.Appender;
  private readonly chunk: Bindings.DataChunk;
  /** A chunk's list entries (uint64 offset, uint64 length; the high words stay 0). */
  private readonly entries = new Uint32Array(4 * CHUNK);
  private readonly mask = new Uint8Array(CHUNK / 8);
  constructor(private readonly d: typeof Bindings, connection: Bindings.Connection, table: string, private readonly kinds: Kind[]) {
    this.appender = d.appender_create(connection, null, table);
    const types = Array.from({ length: d.appender_column_count(this.appender) }, (_, i) => d.appender_column_type(this.appender, i));
    this.chunk = d.create_data_chunk(types);
  }
  append(b: Built, from: number, to: number): void {
    const d = this.d;
    const chunk = this.chunk;
    for (let s = from; s < to; s += CHUNK) {
      const n = Math.min(CHUNK, to - s);
      d.data_chunk_reset(chunk);
      const v = (i: number): Bindings.Vector => d.data_chunk_get_vector(chunk, i);
      d.copy_data_to_vector(v(0), 0, b.seq.buffer, 8 * s, 8 * n);
      d.copy_data_to_vector(v(1), 0, b.episode.buffer, 4 * s, 4 * n);
      d.copy_data_to_vector(v(2), 0, b.slot.buffer, 8 * s, 8 * n);
      d.copy_data_to_vector(v(3), 0, b.time.buffer, 8 * s, 8 * n);
      d.copy_data_to_vector(v(4), 0, b.kind.buffer, 4 * s, 4 * n);
      let t0 = cpu();
      for (let j = 0; j < this.kinds.length; j++) {
        const vec = v(5 + j);
        const col = b.cols[j];
        const k = this.kinds[j];
        if (k === 'int' || k === 'double') d.copy_data_to_vector(vec, 0, (col as Uint32Array<ArrayBuffer>).buffer, 8 * s, 8 * n);
        else if (k === 'bool') d.copy_data_to_vector(vec, 0, (col as Uint8Array<ArrayBuffer>).buffer, s, n);
        else if (k === 'int[]' || k === 'double[]') {
          const { values, ends } = b.lists![j]!;
          const first = ends[s], size = ends[s + n] - first;
          for (let i = 0; i < n; i++) { this.entries[4 * i] = ends[s + i] - first; this.entries[4 * i + 2] = ends[s + i + 1] - ends[s + i]; }
          d.copy_data_to_vector(vec, 0, this.entries.buffer, 0, 16 * n);
          d.list_vector_reserve(vec, size);
          d.list_vector_set_size(vec, size);
          d.copy_data_to_vector(d.list_vector_get_child(vec), 0, values.buffer, 8 * first, 8 * size);
        } else {
          const t1 = cpu();
          for (let i = 0; i < n; i++) d.vector_assign_string_element(vec, i, (col as string[])[s + i]);
          const dt = cpu() - t1;
          prof.strings += dt;
          prof.stringCount += n;
          t0 += dt;
        }
        const valid = b.valid[j];
        if (valid) {
          // The validity mask is copied in whole (vector_get_validity returns a copy, not a view).
          d.vector_ensure_validity_writable(vec);
          this.mask.fill(255);
          for (let i = 0; i < n; i++) if (!valid[s + i]) this.mask[i >> 3] &= ~(1 << (i & 7));
          d.copy_data_to_vector_validity(vec, 0, this.mask.buffer, 0, CHUNK / 8);
        }
      }
      d.data_chunk_set_size(chunk, n);
      const t2 = cpu();
      prof.copies += t2 - t0;
      d.append_data_chunk(this.appender, chunk);
      prof.appendChunk += cpu() - t2;
    }
    const t3 = cpu();
    d.appender_flush_sync(this.appender);
    prof.flush += cpu() - t3;
  }
  close(): void {
    this.d.appender_close_sync(this.appender);
  }
}

// ---- timing helpers ----
const cpu = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

const d = loadBindings(bindingsPath());

async function openDb(file: string): Promise<{ db: Bindings.Database; con: Bindings.Connection }> {
  const config = d.create_config();
  d.set_config(config, 'threads', '1');
  const db = await d.open(':memory:', config);
  const con = await d.connect(db);
  await d.query(con, `ATTACH '${file}' AS f (RECOVERY_MODE no_wal_writes, ROW_GROUP_SIZE ${ROW_GROUP}); USE f`);
  return { db, con };
}
async function closeDb(db: Bindings.Database, con: Bindings.Connection): Promise<void> {
  await d.query(con, 'USE memory; DETACH f');
  d.disconnect_sync(con);
  d.close_sync(db);
}

interface Phases { build: number; append: number; checkpoint: number; bytes: number; flushes?: number }

async function variantA(events: Ev[], file: string): Promise<Phases> {
  const n = events.length;
  const c0 = cpu();
  const payload = events.map((e) => canonicalJson(e.payload));
  const seq = new Float64Array(n), slot = new Float64Array(n), time = new Float64Array(n), episode = new Int32Array(n), kind = new Int32Array(n);
  events.forEach((e, i) => { seq[i] = e.seq; slot[i] = e.slot; time[i] = e.time; episode[i] = e.episode; kind[i] = e.kind; });
  const build = cpu() - c0;
  const { db, con } = await openDb(file);
  await d.query(con, 'CREATE TABLE event_rows(seq BIGINT, episode INTEGER, slot BIGINT, time DOUBLE, kind INTEGER, payload VARCHAR)');
  const app = new EventRowsAppender(d, con, 'event_rows');
  const rows = { count: n, seq, episode, slot, time, kind, payload };
  let append = 0, checkpoint = 0;
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    const a0 = cpu();
    app.append(rows, from, to);
    append += cpu() - a0;
    if (Math.floor(to / ROW_GROUP) > Math.floor(from / ROW_GROUP)) { const k0 = cpu(); await d.query(con, 'CHECKPOINT'); checkpoint += cpu() - k0; }
  }
  app.close();
  const k0 = cpu();
  await d.query(con, 'CHECKPOINT');
  checkpoint += cpu() - k0;
  await closeDb(db, con);
  return { build, append, checkpoint, bytes: statSync(file).size };
}

/**
 * `flushRows` 0: every type's rows of each 4096-event batch are appended and flushed (one commit
 * per table per batch, as a writer splitting its batches would); > 0: a table's rows wait until it
 * has that many (or a checkpoint comes). `midCheckpoints`: CHECKPOINT every 61,440 events as today.
 */
async function variantB(events: Ev[], tables: TypeTable[], file: string, flushRows: number, midCheckpoints: boolean): Promise<Phases> {
  const c0 = cpu();
  const built = tables.map(build);
  const build_ = cpu() - c0;
  // Rows of each type per 4096-event batch (what the writer would split each batch into).
  const index = new Map(tables.map((t, i) => [t.type, i]));
  const { db, con } = await openDb(file);
  await d.query(con, tables.map((t) => `CREATE TABLE ${t.table}(seq BIGINT, episode INTEGER, slot BIGINT, time DOUBLE, kind INTEGER${t.cols.map((c) => `, ${ident(c.key)} ${SQL_TYPE[c.kind]}`).join('')})`).join(';'));
  const apps = tables.map((t) => new TypedAppender(d, con, t.table, t.cols.map((c) => c.kind)));
  const cursor = new Array<number>(tables.length).fill(0);
  const upto = new Array<number>(tables.length).fill(0);
  let append = 0, checkpoint = 0, flushes = 0;
  const n = events.length;
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    // H's one table takes every event.
    if (tables.length === 1 && tables[0].type === 'header') upto[0] = to;
    else for (let i = from; i < to; i++) upto[index.get(events[i].type)!]++;
    const a0 = cpu();
    const checkpointNow = midCheckpoints && Math.floor(to / ROW_GROUP) > Math.floor(from / ROW_GROUP);
    for (let t = 0; t < tables.length; t++) {
      if (upto[t] > cursor[t] && (upto[t] - cursor[t] >= flushRows || checkpointNow || to === n)) { apps[t].append(built[t], cursor[t], upto[t]); cursor[t] = upto[t]; flushes++; }
    }
    append += cpu() - a0;
    if (checkpointNow) { const k0 = cpu(); await d.query(con, 'CHECKPOINT'); checkpoint += cpu() - k0; }
  }
  for (const a of apps) a.close();
  const k0 = cpu();
  await d.query(con, 'CHECKPOINT');
  checkpoint += cpu() - k0;
  await closeDb(db, con);
  return { build: build_, append, checkpoint, bytes: statSync(file).size, flushes };
}

// ---- 4. read-back ----
async function readA(file: string): Promise<string[]> {
  const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', threads: '1' });
  const con = await inst.connect();
  const r = await con.runAndReadAll('SELECT payload FROM event_rows ORDER BY seq');
  const out = r.getColumnsJS()[0] as string[];
  con.closeSync(); inst.closeSync();
  return out;
}

async function readBSql(file: string, tables: TypeTable[]): Promise<string[]> {
  const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', threads: '1' });
  const con = await inst.connect();
  const parts = tables.map((t) => `SELECT seq, json_object(${t.cols.map((c) => `'${c.key}', ${c.kind === 'json' ? `${ident(c.key)}::JSON` : ident(c.key)}`).join(', ')})::VARCHAR AS p FROM ${t.table}`);
  const r = await con.runAndReadAll(`SELECT p FROM (${parts.join(' UNION ALL ')}) ORDER BY seq`);
  const out = r.getColumnsJS()[0] as string[];
  con.closeSync(); inst.closeSync();
  return out;
}

/** Each table's columns read back and written as canonical JSON text in JS (nested paths reopened as objects: columns are in canonical key order). */
async function readBJs(file: string, tables: TypeTable[], n: number): Promise<string[]> {
  const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY', threads: '1' });
  const con = await inst.connect();
  const out = new Array<string>(n);
  for (const t of tables) {
    const r = await con.runAndReadAll(`SELECT seq, ${t.cols.map((c) => ident(c.key)).join(', ')} FROM ${t.table}`);
    const cols = r.getColumnsJS() as unknown[][];
    const names = t.cols.map((c) => c.path.map((k) => JSON.stringify(k)));
    const seqs = cols[0] as bigint[];
    const open: string[] = [];
    for (let i = 0; i < seqs.length; i++) {
      let s = '{';
      let comma = false;
      open.length = 0;
      for (let j = 0; j < t.cols.length; j++) {
        const v = cols[j + 1][i];
        if (v === null) continue; // absent optional field
        const path = names[j];
        let common = 0;
        while (common < open.length && common < path.length - 1 && open[common] === path[common]) common++;
        while (open.length > common) { s += '}'; open.pop(); comma = true; }
        for (let k = common; k < path.length - 1; k++) { s += `${comma ? ',' : ''}${path[k]}:{`; open.push(path[k]); comma = false; }
        const kind = t.cols[j].kind;
        s += `${comma ? ',' : ''}${path[path.length - 1]}:${kind === 'string' ? JSON.stringify(v) : kind === 'json' ? (v as string) : kind === 'int[]' || kind === 'double[]' ? `[${(v as unknown[]).join(',')}]` : String(v)}`;
        comma = true;
      }
      while (open.length) { s += '}'; open.pop(); }
      out[Number(seqs[i]) - seqOffset] = s + '}';
    }
  }
  con.closeSync(); inst.closeSync();
  return out;
}
let seqOffset = 0;

async function main(): Promise<void> {
  console.log(`load ${load()}; recording ${SLOTS} slots`);
  const events = record();
  seqOffset = events[0].seq;
  events.forEach((e, i) => { if (e.seq !== seqOffset + i) throw new Error('seq not dense'); });
  const tables = layouts(events);
  console.log(`${events.length} events, ${tables.length} types`);
  for (const t of tables) {
    const mis = [...t.misfits].map(([k, v]) => `${k} x${v}`).join('; ');
    console.log(`  ${t.type.padEnd(24)} ${String(t.events.length).padStart(6)}  ${t.cols.map((c) => `${c.key}:${c.kind}${c.nullable ? '?' : ''}`).join(' ')}${mis ? `  MISFITS: ${mis}` : ''}`);
  }
  let textBytes = 0, jsonFieldBytes = 0, scalarNumbers = 0, jsonNumbers = 0;
  const numbersIn = (v: unknown): number => (typeof v === 'number' ? 1 : v && typeof v === 'object' ? Object.values(v).reduce((a: number, x) => a + numbersIn(x), 0) : 0);
  for (const t of tables) for (const e of t.events) { textBytes += canonicalJson(e.payload).length; for (const c of t.cols) if (c.kind === 'json') { jsonFieldBytes += canonicalJson(e.payload[c.key]).length; jsonNumbers += numbersIn(e.payload[c.key]); } else scalarNumbers += numbersIn(e.payload[c.key]); }
  console.log(`numbers: ${scalarNumbers} in scalar columns, ${jsonNumbers} inside JSON fields`);
  console.log(`payload text ${(textBytes / 1e6).toFixed(2)} MB; of it in B's JSON-VARCHAR fields ${(jsonFieldBytes / 1e6).toFixed(2)} MB (${((100 * jsonFieldBytes) / textBytes).toFixed(0)} %)`);
  const dir = mkdtempSync(join(tmpdir(), 'typed-spike-'));
  const flat = flatLayouts(events);
  console.log('variant C layout (flattened objects, number arrays as lists):');
  for (const t of flat) {
    const mis = [...t.misfits].map(([k, v]) => `${k} x${v}`).join('; ');
    console.log(`  ${t.type.padEnd(24)} ${t.cols.map((c) => `${c.key}:${c.kind}${c.nullable ? '?' : ''}`).join(' ')}${mis ? `  MISFITS: ${mis}` : ''}`);
  }
  // H: the header columns alone, every event in one table (a floor for any layout that keeps one row per event).
  const headerOnly: TypeTable[] = [{ type: 'header', table: 't_header', cols: [], events, misfits: new Map() }];
  const cells = (ts: TypeTable[]): string => (ts.reduce((a, t) => a + t.events.length * (5 + t.cols.length), 0) / events.length).toFixed(1);
  console.log(`column values per event (header 5 + payload columns): A 6, H 5, B ${cells(tables)}, C ${cells(flat)}`);
  const VARIANTS = ['A', 'H', 'B', 'B4096', 'B4096end', 'C', 'C4096end'] as const;
  const res: Record<string, Phases[]> = {};
  for (let round = -1; round < ROUNDS; round++) {
    for (const v of VARIANTS) {
      const file = join(dir, `${v}${round + 1}.duckdb`);
      resetProf();
      buildProf.json = 0;
      buildProf.lists = 0;
      const p = v === 'A' ? await variantA(events, file) : v === 'H' ? await variantB(events, headerOnly, file, 0, true) : await variantB(events, v.startsWith('C') ? flat : tables, file, v === 'B' || v === 'C' ? 0 : BATCH, !v.endsWith('end'));
      if (v !== 'A') console.log(`    ${v} parts (ms): build of JSON fields ${buildProf.json.toFixed(0)}, of lists ${buildProf.lists.toFixed(0)}; appender: numeric copies ${prof.copies.toFixed(0)}, ${prof.stringCount} string assigns ${prof.strings.toFixed(0)}, append_data_chunk ${prof.appendChunk.toFixed(0)}, flush ${prof.flush.toFixed(0)}`);
      if (round >= 0) (res[v] ??= []).push(p);
      console.log(`round ${round} ${v}: build ${p.build.toFixed(0)} ms, append+flush ${p.append.toFixed(0)} ms (${p.flushes ?? Math.ceil(events.length / BATCH)} flushes), checkpoint ${p.checkpoint.toFixed(0)} ms, ${(p.bytes / 1e6).toFixed(2)} MB; load ${load()}`);
      if (round < ROUNDS - 1) rmSync(file);
    }
  }
  const n = events.length;
  const us = (ms: number): string => ((ms * 1000) / n).toFixed(2).padStart(6);
  console.log(`\nmedians of ${ROUNDS} rounds, CPU µs/event (all threads), ${n} events:`);
  console.log('               build  append+flush  checkpoint  duckdb-total  file MB');
  for (const v of VARIANTS) {
    const r = res[v];
    const [b, a, k] = [median(r.map((x) => x.build)), median(r.map((x) => x.append)), median(r.map((x) => x.checkpoint))];
    const tot = median(r.map((x) => x.append + x.checkpoint));
    console.log(`  ${v.padEnd(9)}  ${us(b)}  ${us(a)}        ${us(k)}      ${us(tot)}        ${(median(r.map((x) => x.bytes)) / 1e6).toFixed(2)}`);
  }
  // read-back
  const fa = join(dir, `A${ROUNDS}.duckdb`), fb = join(dir, `B4096${ROUNDS}.duckdb`);
  const fc = join(dir, `C4096end${ROUNDS}.duckdb`);
  const reads: Record<string, number[]> = { A: [], 'B sql': [], 'B js': [], 'C js': [] };
  let ta: string[] = [], tsql: string[] = [], tjs: string[] = [], tc: string[] = [];
  for (let round = -1; round < ROUNDS; round++) {
    let c0 = cpu(); ta = await readA(fa); const ra = cpu() - c0;
    c0 = cpu(); tsql = await readBSql(fb, tables); const rs = cpu() - c0;
    c0 = cpu(); tjs = await readBJs(fb, tables, n); const rj = cpu() - c0;
    c0 = cpu(); tc = await readBJs(fc, flat, n); const rc = cpu() - c0;
    if (round >= 0) { reads.A.push(ra); reads['B sql'].push(rs); reads['B js'].push(rj); reads['C js'].push(rc); }
  }
  console.log(`read-back, CPU ms for all ${n} payloads (median of ${ROUNDS}); load ${load()}`);
  for (const [k, v] of Object.entries(reads)) console.log(`  ${k.padEnd(6)} ${median(v).toFixed(0)} ms (${us(median(v))} µs/event)`);
  // exactness
  for (const [name, got] of [['B sql', tsql], ['B js', tjs], ['C js', tc]] as const) {
    let bytesEqual = 0, valueEqual = 0;
    const classes = new Map<string, { count: number; example: string }>();
    for (let i = 0; i < n; i++) {
      if (got[i] === ta[i]) { bytesEqual++; valueEqual++; continue; }
      if (isDeepStrictEqual(JSON.parse(got[i]), JSON.parse(ta[i]))) { valueEqual++; const key = `${events[i].type}: same value, other text`; const c = classes.get(key) ?? { count: 0, example: `${ta[i].slice(0, 90)} | ${got[i].slice(0, 90)}` }; c.count++; classes.set(key, c); continue; }
      const key = `${events[i].type}: DIFFERENT VALUE`;
      const c = classes.get(key) ?? { count: 0, example: `${ta[i].slice(0, 120)} | ${got[i].slice(0, 120)}` };
      c.count++; classes.set(key, c);
    }
    console.log(`${name}: ${bytesEqual}/${n} byte-identical, ${valueEqual}/${n} deep-equal after JSON.parse`);
    for (const [k, c] of classes) console.log(`  ${k} x${c.count}: ${c.example}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
