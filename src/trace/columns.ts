/**
 * Column buffers of one typed trace table (see `layout.ts`): records go in as plain JS values
 * per column, come out as DuckDB column values for a data chunk, and rows read back become
 * records again. A record whose payload does not fit the layout exactly (a missing required
 * field, an extra key, a non-integer in an integer field, ...) is refused, and the sink stores
 * it untyped instead, so a stored trace always reads back to the events that were written.
 */
import { listValue, mapValue, type DuckDBValue } from '@duckdb/node-api';
import { canonicalJson } from './canonical.ts';
import type { EventLayout, PayloadColumn } from './layout.ts';
import type { TraceRecord } from './record.ts';

/** Marks a value that does not fit its column. */
const MISFIT = Symbol('misfit');
type Cell = unknown;

/** No lone surrogates (DuckDB's VARCHAR holds UTF-8 only). Node >= 20 has the method; ES2023's lib lacks its type. */
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** A finite-number list as a plain array (typed arrays copied: the emitter may reuse them). */
function numbers(v: unknown, int: boolean): number[] | typeof MISFIT {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array))) return MISFIT;
  const a = v as ArrayLike<unknown>;
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !(int ? Number.isSafeInteger(x) : Number.isFinite(x))) return MISFIT;
    out[i] = x;
  }
  return out;
}

/** A string-keyed record of numbers or number lists, as [key, value] pairs (undefined values dropped, as in JSON). */
function entries(v: unknown, lists: boolean): [string, number | number[]][] | typeof MISFIT {
  if (!isPlainObject(v)) return MISFIT;
  const out: [string, number | number[]][] = [];
  for (const key of Object.keys(v)) {
    const x = v[key];
    if (x === undefined) continue;
    if (!wellFormed(key)) return MISFIT;
    if (lists) {
      const list = numbers(x, false);
      if (list === MISFIT) return MISFIT;
      out.push([key, list]);
    } else {
      if (typeof x !== 'number' || !Number.isFinite(x)) return MISFIT;
      out.push([key, x]);
    }
  }
  return out;
}

/** The cell of a present value, or MISFIT. */
function cellOf(column: PayloadColumn, v: unknown): Cell | typeof MISFIT {
  switch (column.kind) {
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : MISFIT;
    case 'double':
      return typeof v === 'number' && Number.isFinite(v) ? v : MISFIT;
    case 'string':
      return typeof v === 'string' && wellFormed(v) ? v : MISFIT;
    case 'bool':
      return typeof v === 'boolean' ? v : MISFIT;
    case 'double[]':
      return numbers(v, false);
    case 'int[]':
      return numbers(v, true);
    case 'map<double>':
      return entries(v, false);
    case 'map<double[]>':
      return entries(v, true);
    case 'json':
      return canonicalJson(v);
  }
}

/** Own keys with a defined value (what the canonical form keeps). */
function definedKeyCount(obj: Record<string, unknown>): number {
  let n = 0;
  for (const key in obj) if (obj[key] !== undefined) n++;
  return n;
}

/** Buffered rows of one typed table. */
export class TypedColumns {
  readonly layout: EventLayout;
  /** Header and context columns (HEADER_COLUMNS order), then one per payload column. */
  private cells: Cell[][];
  private readonly scratch: Cell[];
  /**
   * For each object in the payload (root first): its path, the columns of its scalar fields and
   * how many (required) nested objects it holds.
   */
  private readonly objects: { path: readonly string[]; fields: number[]; nested: number }[];

  constructor(layout: EventLayout) {
    this.layout = layout;
    this.cells = this.empty();
    this.scratch = new Array<Cell>(layout.columns.length);
    const objects = new Map<string, { path: readonly string[]; fields: number[]; nested: number }>();
    const objectAt = (path: readonly string[]): { path: readonly string[]; fields: number[]; nested: number } => {
      const key = path.join('\u0000');
      let o = objects.get(key);
      if (!o) {
        o = { path, fields: [], nested: 0 };
        objects.set(key, o);
        if (path.length > 0) objectAt(path.slice(0, -1)).nested++;
      }
      return o;
    };
    layout.columns.forEach((c, i) => {
      if (c.path.length > 0) objectAt(c.path.slice(0, -1)).fields.push(i);
    });
    this.objects = [...objects.values()];
  }

  private empty(): Cell[][] {
    return Array.from({ length: 9 + this.layout.columns.length }, () => []);
  }

  get rows(): number {
    return this.cells[0].length;
  }

  /** Buffers the record's row; false (nothing buffered) when its payload does not fit the layout. */
  push(record: TraceRecord): boolean {
    const payload = record.payload;
    const columns = this.layout.columns;
    const row = this.scratch;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      let v: unknown = payload;
      for (let k = 0; k < c.path.length; k++) {
        if (!isPlainObject(v)) return false;
        v = v[c.path[k]];
      }
      if (v === undefined) {
        if (!c.optional || c.path.length === 0) return false;
        row[i] = null;
        continue;
      }
      const cell = cellOf(c, v);
      if (cell === MISFIT) return false;
      row[i] = cell;
    }
    for (const o of this.objects) {
      let v: unknown = payload;
      for (const k of o.path) v = (v as Record<string, unknown>)[k];
      // Fields the layout has that are present, against all defined keys: an extra key misfits.
      let present = o.nested;
      for (const i of o.fields) if (row[i] !== null) present++;
      if (definedKeyCount(v as Record<string, unknown>) !== present) return false;
    }
    const cells = this.cells;
    cells[0].push(record.seq);
    cells[1].push(record.episode);
    cells[2].push(record.slot);
    cells[3].push(record.time);
    cells[4].push(record.phase);
    cells[5].push(record.actor);
    cells[6].push(record.agent ?? null);
    cells[7].push(record.stage ?? null);
    cells[8].push(record.seed ?? null);
    for (let i = 0; i < columns.length; i++) cells[9 + i].push(row[i]);
    return true;
  }

  /** Takes the buffered rows as DuckDB column values (in table column order), emptying the buffer. */
  take(): DuckDBValue[][] {
    const cells = this.cells;
    this.cells = this.empty();
    const big = (x: Cell): DuckDBValue => (x === null ? null : BigInt(x as number));
    const out: DuckDBValue[][] = [cells[0].map(big), cells[1] as number[], cells[2].map(big), cells[3] as number[], cells[4] as string[], cells[5] as string[], cells[6] as (string | null)[], cells[7] as (string | null)[], cells[8].map(big)];
    this.layout.columns.forEach((c, i) => out.push(cells[9 + i].map((x) => toDuckDb(c, x))));
    return out;
  }
}

function toDuckDb(column: PayloadColumn, x: Cell): DuckDBValue {
  if (x === null) return null;
  switch (column.kind) {
    case 'int':
      return BigInt(x as number);
    case 'double[]':
      return listValue(x as number[]);
    case 'int[]':
      return listValue((x as number[]).map(BigInt));
    case 'map<double>':
      return mapValue((x as [string, number][]).map(([key, value]) => ({ key, value })));
    case 'map<double[]>':
      return mapValue((x as [string, number[]][]).map(([key, value]) => ({ key, value: listValue(value) })));
    default:
      return x as DuckDBValue;
  }
}
