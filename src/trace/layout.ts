/**
 * Column layouts of the typed trace views, derived from the payload schemas of the event
 * catalogue (`src/events/catalogue.ts`): one view per event type, with the record header,
 * the run context and one typed column per payload field. Whatever a schema says that has no
 * plain column type (unions, arrays of objects, optional objects, ...) becomes a JSON column,
 * so every registered event type gets a view, whatever its scenario.
 */
import type { z } from 'zod';
import type { EventCatalogue } from '../events/catalogue.ts';

/** How a payload field is stored. */
export type ColumnKind = 'int' | 'double' | 'string' | 'bool' | 'double[]' | 'int[]' | 'map<double>' | 'map<double[]>' | 'json';

/** DuckDB type of each kind. */
export const SQL_TYPE: Readonly<Record<ColumnKind, string>> = {
  int: 'BIGINT',
  double: 'DOUBLE',
  string: 'VARCHAR',
  bool: 'BOOLEAN',
  'double[]': 'DOUBLE[]',
  'int[]': 'BIGINT[]',
  'map<double>': 'MAP(VARCHAR, DOUBLE)',
  'map<double[]>': 'MAP(VARCHAR, DOUBLE[])',
  json: 'JSON',
};

/** One payload field's column. `path` is its place in the payload (`[]`: the whole payload). */
export interface PayloadColumn {
  readonly name: string;
  readonly path: readonly string[];
  readonly kind: ColumnKind;
  /** May be absent from the payload (stored as NULL, omitted again on reading). */
  readonly optional: boolean;
}

/** The typed view of one event type. */
export interface EventLayout {
  readonly type: string;
  readonly table: string;
  readonly columns: readonly PayloadColumn[];
}

/** Columns every typed view starts with: the record header without `type`, then the run context. */
export const HEADER_COLUMNS = [
  ['seq', 'BIGINT'],
  ['episode', 'INTEGER'],
  ['slot', 'BIGINT'],
  ['time', 'DOUBLE'],
  ['phase', 'VARCHAR'],
  ['actor', 'VARCHAR'],
  ['agent', 'VARCHAR'],
  ['stage', 'VARCHAR'],
  ['seed', 'BIGINT'],
] as const;

/** The view of every event (payload as JSON, with its run context), and the table of the view layouts. */
export const EVENTS_VIEW = 'events';
export const COLUMNS_TABLE = 'trace_columns';
/** What a DuckDB trace stores: the events without context, and each episode's context (see `duckdb.ts`). */
export const EVENT_ROWS_TABLE = 'event_rows';
export const EPISODES_TABLE = 'episodes';
export const KINDS_TABLE = 'event_kinds';

const RESERVED = new Set([COLUMNS_TABLE, EVENTS_VIEW, EVENT_ROWS_TABLE, EPISODES_TABLE, KINDS_TABLE, 'type', ...HEADER_COLUMNS.map(([n]) => n)]);

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isInt = (schema: z.ZodType): boolean => /int/.test(String((schema as unknown as { format?: string | null }).format ?? ''));

/** The kind of a scalar, number array or record schema; undefined when it has none. */
function leafKind(schema: z.ZodType): ColumnKind | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'number':
      return isInt(schema) ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'enum':
      return Object.values(def.entries as object).every((v) => typeof v === 'string') ? 'string' : undefined;
    case 'array': {
      const element = leafKind(def.element as z.ZodType);
      return element === 'int' ? 'int[]' : element === 'double' ? 'double[]' : undefined;
    }
    case 'record': {
      if (defOf(def.keyType as z.ZodType).type !== 'string') return undefined;
      const value = leafKind(def.valueType as z.ZodType);
      return value === 'double' || value === 'int' ? 'map<double>' : value === 'double[]' || value === 'int[]' ? 'map<double[]>' : undefined;
    }
    default:
      return undefined;
  }
}

function fields(schema: z.ZodType, path: string[], optional: boolean, out: Omit<PayloadColumn, 'name'>[]): void {
  const def = defOf(schema);
  // A nullable scalar is the scalar's column with NULLs (delay percentiles of an episode without packets).
  if (def.type === 'optional' || def.type === 'nullable') return fields(def.innerType as z.ZodType, path, true, out);
  if (def.type === 'object' && !optional) {
    for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) fields(child, [...path, key], false, out);
    return;
  }
  out.push({ path, kind: leafKind(schema) ?? 'json', optional });
}

/** A view name for an event type: letters, digits and `_` (`buffer.updated` -> `buffer_updated`), unique among `taken`. */
export function tableNameOf(type: string, taken: ReadonlySet<string>): string {
  let base = type.replace(/[^A-Za-z0-9_]/g, '_').toLowerCase();
  if (!/^[a-z_]/.test(base)) base = `e_${base}`;
  let name = base;
  for (let i = 2; RESERVED.has(name) || taken.has(name); i++) name = `${base}_${i}`;
  return name;
}

/**
 * The layout of an event type's view. Field columns are named by their path joined with `_`
 * (`action.continuous` -> `action_continuous`); one whose name is a header or context column
 * (`slot`, `agent`, `seed`, ...) is prefixed `payload_`. A payload that is not an object, or
 * whose names would still collide, is one JSON column `payload`.
 */
export function layoutOf(type: string, schema: z.ZodType, taken: ReadonlySet<string>): EventLayout {
  const table = tableNameOf(type, taken);
  const whole: EventLayout = { type, table, columns: [{ name: 'payload', path: [], kind: 'json', optional: false }] };
  if (defOf(schema).type !== 'object') return whole;
  const found: Omit<PayloadColumn, 'name'>[] = [];
  fields(schema, [], false, found);
  const names = new Set<string>();
  const columns: PayloadColumn[] = [];
  for (const f of found) {
    if (f.path.some((k) => k.length === 0)) return whole;
    let name = f.path.join('_');
    if (RESERVED.has(name.toLowerCase())) name = `payload_${name}`;
    if (names.has(name.toLowerCase())) return whole;
    names.add(name.toLowerCase());
    columns.push({ ...f, name });
  }
  return columns.length > 0 ? { type, table, columns } : whole;
}

/** A quoted SQL identifier. */
export const sqlIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
/** A SQL string literal (single quotes doubled). */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * The typed view of a layout over the `events` table (or view): the header and context
 * columns, then each payload field extracted from the JSON payload and cast to its column type.
 * `TRY_CAST`: a payload that does not fit its schema gives NULL there instead of failing the
 * query (the event itself is in `events`, exactly as written).
 */
export function typedViewSql(layout: EventLayout): string {
  const cols = layout.columns.map((c) => {
    const source = c.path.length === 0 ? 'payload' : `payload -> ${sqlString('$' + c.path.map((k) => `.${JSON.stringify(k)}`).join(''))}`;
    const value = c.kind === 'string' ? `(${source}) ->> '$'` : c.kind === 'json' ? source : `TRY_CAST(${source} AS ${SQL_TYPE[c.kind]})`;
    return `${value} AS ${sqlIdent(c.name)}`;
  });
  const head = HEADER_COLUMNS.map(([n]) => n).join(', ');
  return `CREATE OR REPLACE VIEW ${sqlIdent(layout.table)} AS SELECT ${head}, ${cols.join(', ')} FROM ${EVENTS_VIEW} WHERE type = ${sqlString(layout.type)}`;
}

/**
 * Adds the typed layout of each of the catalogue's event types not yet in `layouts` (both trace
 * sinks keep one map; view names stay unique across catalogues).
 */
export function addLayouts(layouts: Map<string, EventLayout>, catalogue: EventCatalogue): void {
  const taken = new Set([...layouts.values()].map((l) => l.table));
  for (const type of catalogue.types) {
    if (layouts.has(type)) continue;
    const layout = layoutOf(type, catalogue.spec(type).payload, taken);
    taken.add(layout.table);
    layouts.set(type, layout);
  }
}
