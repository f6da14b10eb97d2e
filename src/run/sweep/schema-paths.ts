/**
 * Early field-path checks against the JSON Schema of scenario files (what `semsim schema`
 * prints), so that a typo in a sweep axis or a `--set` is reported before anything runs.
 * Values are not checked here: the scenario loader validates every resolved file.
 */
import { getPath } from './set-path.ts';

type Json = Record<string, any>;

/** The branch of a `oneOf`/`anyOf` root that describes `kind` (its `scenario` const), or the schema itself. */
export function branchFor(schema: Json, kind: unknown): Json | undefined {
  const options: Json[] | undefined = schema.oneOf ?? schema.anyOf;
  if (!options) return schema;
  return options.find((o) => o?.properties?.scenario?.const === kind);
}

/** The alternatives a schema node stands for (unions flattened). */
function alternatives(node: Json | undefined): Json[] {
  if (!node || typeof node !== 'object') return [];
  const union: Json[] | undefined = node.anyOf ?? node.oneOf;
  return union ? union.flatMap(alternatives) : [node];
}

function child(node: Json, key: string): Json[] {
  const out: Json[] = [];
  if (node.properties && Object.hasOwn(node.properties, key)) out.push(node.properties[key]);
  else if (node.additionalProperties && typeof node.additionalProperties === 'object') out.push(node.additionalProperties);
  else if (node.additionalProperties === undefined && node.type === 'object' && !node.properties) out.push({});
  if (/^\d+$/.test(key) && node.items && typeof node.items === 'object') out.push(node.items);
  if (node.type === undefined && !node.properties && !node.items && !node.anyOf && !node.oneOf) out.push({}); // `{}`: anything
  return out.flatMap(alternatives);
}

/** Field names allowed under a node, for the error message. */
function allowedKeys(nodes: readonly Json[]): string[] {
  const keys = new Set<string>();
  for (const n of nodes) for (const k of Object.keys(n.properties ?? {})) keys.add(k);
  if (nodes.some((n) => n.items)) keys.add('<index>');
  return [...keys];
}

/** The schema nodes (union alternatives) at `path`, or a message naming the first unknown segment. */
export function nodesAt(schema: Json, kind: unknown, path: readonly string[]): Json[] | string {
  let nodes = alternatives(branchFor(schema, kind));
  for (let i = 0; i < path.length && nodes.length; i++) {
    const next = nodes.flatMap((n) => child(n, path[i]));
    if (next.length === 0) {
      const under = path.slice(0, i).join('.') || 'the top level';
      const allowed = allowedKeys(nodes);
      return `no field '${path[i]}' under ${under}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ' (not a mapping)'}`;
    }
    nodes = next;
  }
  return nodes;
}

/**
 * `undefined` when `path` names a field of the scenario (in the base file or in its schema),
 * else a message naming the first unknown segment and the fields allowed there.
 */
export function checkPath(schema: Json | undefined, base: unknown, path: readonly string[]): string | undefined {
  if (getPath(base, path) !== undefined) return undefined;
  if (!schema) return undefined;
  const nodes = nodesAt(schema, (base as Json | undefined)?.scenario, path);
  return typeof nodes === 'string' ? nodes : undefined;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** What one schema node allows, e.g. `number in (0, 1000]`, `one of "a", "b"`. */
export function describeNode(n: Json): string {
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (n.enum) return `one of ${n.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}`;
  const t = [n.type ?? 'any'].flat().join('|');
  const lo = n.exclusiveMinimum !== undefined ? `(${n.exclusiveMinimum}` : n.minimum !== undefined && n.minimum > -9007199254740991 ? `[${n.minimum}` : undefined;
  const hi = n.exclusiveMaximum !== undefined ? `${n.exclusiveMaximum})` : n.maximum !== undefined && n.maximum < 9007199254740991 ? `${n.maximum}]` : undefined;
  return lo || hi ? `${t} in ${lo ?? '(-inf'}, ${hi ?? 'inf)'}` : t;
}

function matches(n: Json, v: unknown): boolean {
  if (n.const !== undefined) return JSON.stringify(n.const) === JSON.stringify(v);
  if (n.enum) return n.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(v));
  const types: string[] | undefined = n.type === undefined ? undefined : [n.type].flat();
  const t = typeOf(v);
  if (types && !types.includes(t) && !(t === 'integer' && types.includes('number'))) return false;
  if (typeof v === 'number') {
    if (n.minimum !== undefined && v < n.minimum) return false;
    if (n.maximum !== undefined && v > n.maximum) return false;
    if (n.exclusiveMinimum !== undefined && v <= n.exclusiveMinimum) return false;
    if (n.exclusiveMaximum !== undefined && v >= n.exclusiveMaximum) return false;
  }
  if (typeof v === 'string' && n.minLength !== undefined && v.length < n.minLength) return false;
  return true;
}

/**
 * Checks a scalar value against the schema nodes of its field: `undefined` if one alternative
 * accepts it (or the value is a list or mapping, left to the scenario loader), else what is allowed.
 */
export function checkValue(nodes: readonly Json[], v: unknown): string | undefined {
  if (v !== null && typeof v === 'object') return undefined;
  if (nodes.length === 0 || nodes.some((n) => matches(n, v))) return undefined;
  return `${JSON.stringify(v)} is not allowed; allowed: ${nodes.map(describeNode).join(' or ')}`;
}
