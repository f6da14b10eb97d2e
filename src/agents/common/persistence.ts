import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A JSON value, for the metadata stored next to the weights. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { readonly [k: string]: JsonValue };

/** One named float array to persist (a layer's kernel, a bias, `log_alpha`, ...). */
export interface NamedArray {
  readonly name: string;
  readonly data: Float32Array;
}

/** What a loader expects to find: a name and its number of floats. */
export interface ExpectedArray {
  readonly name: string;
  readonly length: number;
}

/** Anything with flat weights, e.g. `Mlp`. */
export interface WeightHolder {
  getWeights(): Float32Array[];
  setWeights(weights: Float32Array[]): void;
}

/** File names inside a saved directory. */
export const WEIGHTS_FILE = 'weights.bin';
export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'semsim-weights';
const VERSION = 1;

interface ManifestEntry {
  name: string;
  /** Offset in floats from the start of `weights.bin`. */
  offset: number;
  length: number;
}

interface Manifest {
  format: string;
  version: number;
  dtype: 'float32';
  byteOrder: 'little-endian';
  arrays: ManifestEntry[];
  metadata: JsonObject;
}

/** A saved directory did not hold what the loader expected; `problems` lists each mismatch. */
export class WeightsMismatchError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: readonly string[],
  ) {
    super(`weights in ${dir} do not match:\n  - ${problems.join('\n  - ')}`);
    this.name = 'WeightsMismatchError';
  }
}

/**
 * Write `arrays` to `dir/weights.bin` (float32, little-endian, concatenated in order) and
 * `dir/manifest.json` (names, offsets, lengths, and `metadata`). Creates `dir` if needed.
 */
export async function saveWeights(dir: string, arrays: readonly NamedArray[], metadata: JsonObject = {}): Promise<void> {
  const seen = new Set<string>();
  let total = 0;
  const entries: ManifestEntry[] = arrays.map(({ name, data }) => {
    if (seen.has(name)) throw new Error(`duplicate weight name '${name}'`);
    seen.add(name);
    const e = { name, offset: total, length: data.length };
    total += data.length;
    return e;
  });
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  arrays.forEach(({ data }, k) => {
    const base = entries[k].offset * 4;
    for (let i = 0; i < data.length; i++) view.setFloat32(base + 4 * i, data[i], true);
  });
  const manifest: Manifest = { format: FORMAT, version: VERSION, dtype: 'float32', byteOrder: 'little-endian', arrays: entries, metadata };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, WEIGHTS_FILE), bytes);
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
}

/** What `loadWeights` returns. */
export interface LoadedWeights {
  readonly arrays: ReadonlyMap<string, Float32Array>;
  readonly metadata: JsonObject;
}

/**
 * Read what `saveWeights` wrote. When `expected` is given, every expected name must be
 * present with the expected length and no other array may be present; otherwise a
 * {@link WeightsMismatchError} lists all differences at once.
 */
export async function loadWeights(dir: string, expected?: readonly ExpectedArray[]): Promise<LoadedWeights> {
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  if (manifest.format !== FORMAT || manifest.version !== VERSION) {
    throw new Error(`${join(dir, MANIFEST_FILE)} is not a ${FORMAT} v${VERSION} manifest (format '${manifest.format}', version ${manifest.version})`);
  }
  const raw = await readFile(join(dir, WEIGHTS_FILE));
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const arrays = new Map<string, Float32Array>();
  for (const e of manifest.arrays) {
    if ((e.offset + e.length) * 4 > raw.byteLength) {
      throw new Error(`${join(dir, WEIGHTS_FILE)} is truncated: '${e.name}' needs bytes up to ${(e.offset + e.length) * 4}, file has ${raw.byteLength}`);
    }
    const a = new Float32Array(e.length);
    for (let i = 0; i < e.length; i++) a[i] = view.getFloat32((e.offset + i) * 4, true);
    arrays.set(e.name, a);
  }
  if (expected) {
    const problems = compareArrays(arrays, expected);
    if (problems.length > 0) throw new WeightsMismatchError(dir, problems);
  }
  return { arrays, metadata: manifest.metadata ?? {} };
}

/** Every difference between loaded arrays and what was expected, as readable sentences. */
export function compareArrays(arrays: ReadonlyMap<string, Float32Array>, expected: readonly ExpectedArray[]): string[] {
  const problems: string[] = [];
  const wanted = new Set<string>();
  for (const { name, length } of expected) {
    wanted.add(name);
    const got = arrays.get(name);
    if (!got) problems.push(`missing '${name}' (expected ${length} floats)`);
    else if (got.length !== length) problems.push(`'${name}' has ${got.length} floats, expected ${length}`);
  }
  for (const name of arrays.keys()) if (!wanted.has(name)) problems.push(`unexpected '${name}' (${arrays.get(name)!.length} floats)`);
  return problems;
}

/** Name a network's weight arrays `prefix/0`, `prefix/1`, ... (in `getWeights` order). */
export function namedWeights(prefix: string, net: WeightHolder): NamedArray[] {
  return net.getWeights().map((data, i) => ({ name: `${prefix}/${i}`, data }));
}

/** Expected arrays for a network, from its current weights' lengths. */
export function expectedWeights(prefix: string, net: WeightHolder): ExpectedArray[] {
  return net.getWeights().map((w, i) => ({ name: `${prefix}/${i}`, length: w.length }));
}

/** Put the arrays named `prefix/i` back into `net` (after `loadWeights` validated them). */
export function restoreWeights(prefix: string, net: WeightHolder, arrays: ReadonlyMap<string, Float32Array>): void {
  const count = net.getWeights().length;
  const ws: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const a = arrays.get(`${prefix}/${i}`);
    if (!a) throw new Error(`missing weights '${prefix}/${i}'`);
    ws.push(a);
  }
  net.setWeights(ws);
}

/**
 * Read `dir` for an agent whose own arrays are `current`: names and lengths must match
 * exactly, else the error names the agent and every mismatch. Returns the arrays to restore.
 */
export async function loadMatching(dir: string, agent: string, current: readonly NamedArray[]): Promise<ReadonlyMap<string, Float32Array>> {
  const { arrays } = await loadWeights(dir);
  const problems = compareArrays(arrays, current.map((a) => ({ name: a.name, length: a.data.length })));
  if (problems.length > 0) throw new Error(`cannot load ${dir} into ${agent}: ${problems.join('; ')}`);
  return arrays;
}
