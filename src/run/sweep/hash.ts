/** Canonical JSON and SHA-256 content addresses of shards. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, no whitespace: equal data give equal text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`canonicalJson: non-finite number ${v}`);
    if (v === undefined) return 'null';
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a shard's result depends on: two shards with equal keys give equal results. */
export interface ShardKey {
  /** The resolved scenario (base file + overrides + axis values), as raw YAML data. */
  readonly scenario: unknown;
  readonly seed: number;
  readonly agents?: readonly string[];
  readonly episodes?: number;
  readonly budget?: string;
  readonly slots?: number;
  /** semsim's version (package.json): a new version never reuses old results. */
  readonly version: string;
}

/** The content address of a shard's result. */
export function shardHash(key: ShardKey): string {
  return sha256(canonicalJson(key));
}
