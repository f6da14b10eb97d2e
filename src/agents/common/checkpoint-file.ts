import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { StateArray } from './checkpoint-state.ts';

/**
 * The checkpoint file: one value tree (plain objects, arrays, numbers, strings, booleans,
 * null, typed arrays) in one file, so a checkpoint is replaced by a single atomic rename.
 *
 * Layout: the 8 magic bytes `SEMSIMCK`, a little-endian u32 with the header's byte length,
 * the header (UTF-8 JSON), then every typed array's bytes, each starting at a multiple of 8.
 * In the header, a typed array is `{"$array": k}` (k-th entry of `arrays`: dtype, byte offset,
 * length) and a number JSON cannot hold is `{"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}`,
 * so every value comes back bit for bit.
 */

const MAGIC = 'SEMSIMCK';
const KINDS = { Float32Array, Float64Array, Int32Array, Uint32Array, Uint8Array } as const;
type Kind = keyof typeof KINDS;

interface ArrayEntry {
  dtype: Kind;
  offset: number;
  length: number;
}

/** A checkpoint file that cannot be read (not one, truncated, or written by another format). */
export class CheckpointFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFileError';
  }
}

function encodeTree(value: unknown, arrays: StateArray[], path: string): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $number: 'NaN' };
    if (value === Infinity) return { $number: 'Infinity' };
    if (value === -Infinity) return { $number: '-Infinity' };
    if (Object.is(value, -0)) return { $number: '-0' };
    return value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (ArrayBuffer.isView(value)) {
    const kind = value.constructor.name;
    if (!Object.hasOwn(KINDS, kind)) throw new TypeError(`checkpoint: ${path} is a ${kind}, which checkpoints do not store`);
    arrays.push(value as StateArray);
    return { $array: arrays.length - 1 };
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeTree(v, arrays, `${path}[${i}]`) ?? null);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const e = encodeTree(v, arrays, `${path}.${k}`);
      if (e !== undefined) out[k] = e;
    }
    return out;
  }
  throw new TypeError(`checkpoint: ${path} is a ${(value as object)?.constructor?.name ?? typeof value}, which checkpoints do not store`);
}

function decodeTree(value: unknown, arrays: StateArray[]): unknown {
  if (Array.isArray(value)) return value.map((v) => decodeTree(v, arrays));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === '$array') return arrays[o.$array as number];
  if (keys.length === 1 && keys[0] === '$number') return o.$number === '-0' ? -0 : Number(o.$number);
  return Object.fromEntries(keys.map((k) => [k, decodeTree(o[k], arrays)]));
}

/** The file's bytes for `tree`. */
export function encodeCheckpoint(tree: unknown): Buffer {
  const arrays: StateArray[] = [];
  const encoded = encodeTree(tree, arrays, 'checkpoint');
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const a of arrays) {
    entries.push({ dtype: a.constructor.name as Kind, offset, length: a.length });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const header = Buffer.from(JSON.stringify({ tree: encoded, arrays: entries }), 'utf8');
  const start = Math.ceil((12 + header.length) / 8) * 8;
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  // Typed arrays are in the platform's byte order; every platform Node runs on is little-endian.
  arrays.forEach((a, k) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + entries[k].offset));
  return out;
}

/** The tree `encodeCheckpoint` stored in `bytes`; `where` names the file in errors. */
export function decodeCheckpoint(bytes: Buffer, where: string): unknown {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) throw new CheckpointFileError(`${where} is not a semsim checkpoint`);
  const length = bytes.readUInt32LE(8);
  if (12 + length > bytes.length) throw new CheckpointFileError(`${where} is truncated`);
  let header: { tree: unknown; arrays: ArrayEntry[] };
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + length)) as typeof header;
  } catch {
    throw new CheckpointFileError(`${where} has an unreadable header`);
  }
  const start = Math.ceil((12 + length) / 8) * 8;
  const arrays = header.arrays.map(({ dtype, offset, length: n }) => {
    const Kind = KINDS[dtype];
    if (!Kind) throw new CheckpointFileError(`${where}: unknown array type ${dtype}`);
    const bytesNeeded = n * Kind.BYTES_PER_ELEMENT;
    if (start + offset + bytesNeeded > bytes.length) throw new CheckpointFileError(`${where} is truncated`);
    const copy = new Uint8Array(bytesNeeded);
    copy.set(bytes.subarray(start + offset, start + offset + bytesNeeded));
    return new Kind(copy.buffer) as StateArray;
  });
  return decodeTree(header.tree, arrays);
}

/** Writes `tree` to `path` atomically: a temporary sibling, flushed to disk, renamed over `path`. */
export function writeCheckpointFile(path: string, tree: unknown): void {
  const bytes = encodeCheckpoint(tree);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function readCheckpointFile(path: string): unknown {
  return decodeCheckpoint(readFileSync(path), path);
}
