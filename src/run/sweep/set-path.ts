/**
 * Dotted-path overrides on a raw (not yet validated) scenario object: `budgets.bandwidth_mhz=4`,
 * `tasks.0.a1=-0.6`, `agents=[ddpg, random]`. The result is validated afterwards by the normal
 * scenario loader, exactly like a file; `semsim run --set` and sweep axes share this code.
 */
import { parse as parseYaml } from 'yaml';
import { InputError } from './errors.ts';

/** One override: a path (object keys and array indices) and a value. */
export interface SetOp {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** Splits `a.b.0.c` into segments; throws `InputError` on empty segments. */
export function parsePath(text: string): string[] {
  const segments = text.split('.');
  if (text.trim() === '' || segments.some((s) => s.trim() === '' || s !== s.trim())) {
    throw new InputError(`'${text}': not a dotted field path (e.g. budgets.bandwidth_mhz)`);
  }
  return segments;
}

/** Parses `path=value`; the value is read as YAML (`4` a number, `true`, `[1, 2]`, `null`, text a string). */
export function parseSet(text: string): SetOp {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`--set ${text}: expected path=value (e.g. budgets.bandwidth_mhz=4)`);
  let value: unknown;
  try {
    value = parseYaml(text.slice(eq + 1));
  } catch (err) {
    throw new InputError(`--set ${text}: the value is not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return { path: parsePath(text.slice(0, eq)), value: value === undefined ? null : value };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads the value at `path`; `undefined` when any segment is absent. */
export function getPath(raw: unknown, path: readonly string[]): unknown {
  let node: unknown = raw;
  for (const key of path) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Deep copy of plain YAML data (objects, arrays, scalars). */
export function cloneRaw<T>(raw: T): T {
  return structuredClone(raw);
}

/**
 * Returns a copy of `raw` with every override applied in order. Missing object fields are
 * created (a field the base file leaves at its default); an index must address an existing
 * array element or the element just past the end; setting through a scalar is an error.
 */
export function applySets(raw: unknown, sets: readonly (SetOp | string)[]): Record<string, unknown> {
  if (!isObject(raw)) throw new InputError('--set: the scenario must be a YAML mapping');
  const out = cloneRaw(raw);
  for (const s of sets) {
    const op = typeof s === 'string' ? parseSet(s) : s;
    setOne(out, op);
  }
  return out;
}

function setOne(root: Record<string, unknown>, { path, value }: SetOp): void {
  const where = path.join('.');
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    const here = path.slice(0, i).join('.') || '(root)';
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(key)) throw new InputError(`--set ${where}: '${here}' is a list; use an index 0..${node.length - 1}, not '${key}'`);
      const k = Number(key);
      if (k > node.length) throw new InputError(`--set ${where}: index ${k} out of range; '${here}' has ${node.length} element(s)`);
      if (last) node[k] = cloneRaw(value);
      else node = node[k] ??= {};
    } else if (isObject(node)) {
      // Own keys only: `__proto__` would reach Object.prototype and pollute every object in the process.
      if (key === '__proto__') throw new InputError(`--set ${where}: '__proto__' is not a field name`);
      if (last) node[key] = cloneRaw(value);
      else node = (Object.hasOwn(node, key) ? node[key] : undefined) ?? (node[key] = /^\d+$/.test(path[i + 1]) ? [] : {});
    } else {
      throw new InputError(`--set ${where}: '${here}' is ${JSON.stringify(node)}, not a mapping or list`);
    }
  }
}
