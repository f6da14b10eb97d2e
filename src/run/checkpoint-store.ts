import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CheckpointFileError, readCheckpointFile, writeCheckpointFile } from '../agents/common/checkpoint-file.ts';
import { InputError } from '../scenarios/errors.ts';
import type { PipelineCheckpoint } from './checkpoint.ts';
import type { JournalMark } from './checkpoint-journal.ts';

/**
 * Checkpoint directories on disk. A run with `--checkpoint-every N` and run directory `OUT`
 * keeps its checkpoints in `OUT.checkpoint/`, beside (not inside) the temporary directory the
 * run writes to: a killed run's temporary directory is removed as stale by the next run in the
 * same parent and by `semsim clean`, which only touch hidden `.OUT.partial-*` names, while the
 * checkpoint directory stays until the run it belongs to completes. It holds
 * `checkpoint.bin` (the latest checkpoint, replaced atomically) and `trace.journal.ndjson`
 * (the run's trace so far; see `checkpoint-journal.ts`).
 */

export const CHECKPOINT_FILE = 'checkpoint.bin';
export const JOURNAL_FILE = 'trace.journal.ndjson';
const FORMAT = 'semsim-run-checkpoint';
const FORMAT_VERSION = 1;

/** What must be equal for a checkpoint to continue a run: each part is hashed on its own, so a mismatch is named. */
export interface RunIdentity {
  /** The resolved scenario (after --set, --seed, --slots and evaluation flags). */
  readonly scenario: unknown;
  readonly seed: number;
  readonly episodes: number;
  readonly agents: readonly string[];
  readonly trace: string;
  readonly backend: string;
  /** semsim's version. */
  readonly version: string;
}

/** One checkpoint file's content. */
export interface StoredCheckpoint {
  readonly format: string;
  readonly formatVersion: number;
  /** Content hash of the run identity, and of each of its parts. */
  readonly hash: string;
  readonly parts: Record<string, string>;
  /** The run directory the run will be committed to, and the checkpoint interval. */
  readonly target: string;
  readonly every: number;
  readonly journal: JournalMark;
  /** Trace records written so far (the summary's `traceEvents`; also counted with `--trace none`). */
  readonly traceEvents: number;
  readonly state: PipelineCheckpoint;
}

/** JSON with object keys sorted, so equal values hash equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The identity's content hash and the hash of each part. */
export function identityHash(identity: RunIdentity): { hash: string; parts: Record<string, string> } {
  const parts = Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, sha256(stableJson(v))]));
  return { hash: sha256(stableJson(parts)), parts };
}

/** The checkpoint directory of a run writing to `target`. */
export function checkpointDirOf(target: string): string {
  return `${resolve(target)}.checkpoint`;
}

export function saveCheckpoint(dir: string, checkpoint: Omit<StoredCheckpoint, 'format' | 'formatVersion'>): void {
  writeCheckpointFile(join(dir, CHECKPOINT_FILE), { format: FORMAT, formatVersion: FORMAT_VERSION, ...checkpoint });
}

/** Reads `dir`'s checkpoint without checking what run it belongs to; bad input if there is none or it is unreadable. */
export function readCheckpoint(dir: string): StoredCheckpoint {
  const path = join(dir, CHECKPOINT_FILE);
  if (!existsSync(path)) throw new InputError(`--resume ${dir}: no checkpoint there (expected ${path}); a run writes one with --checkpoint-every N`);
  let stored: StoredCheckpoint;
  try {
    stored = readCheckpointFile(path) as StoredCheckpoint;
  } catch (err) {
    if (err instanceof CheckpointFileError) throw new InputError(`--resume ${dir}: ${err.message}`);
    throw err;
  }
  if (stored?.format !== FORMAT || stored.formatVersion !== FORMAT_VERSION) {
    throw new InputError(`--resume ${dir}: ${path} is not a ${FORMAT} v${FORMAT_VERSION} file (format '${String(stored?.format)}', version ${String(stored?.formatVersion)})`);
  }
  return stored;
}

/** Bad input naming every part of the run that differs from the checkpoint's. */
export function checkIdentity(dir: string, stored: StoredCheckpoint, identity: RunIdentity): void {
  const { hash, parts } = identityHash(identity);
  if (hash === stored.hash) return;
  const names: Record<string, string> = { scenario: 'scenario (file, --set, --slots, evaluation flags)', seed: 'seed', episodes: 'training episodes', agents: 'agents', trace: '--trace', backend: 'backend', version: 'semsim version' };
  const differ = Object.keys(parts).filter((k) => parts[k] !== stored.parts[k]);
  throw new InputError(
    `--resume ${dir}: the checkpoint belongs to another run; differs: ${differ.map((k) => names[k] ?? k).join(', ') || 'content hash'}. Resume with the command that started the run (same scenario, flags and semsim version)`,
  );
}
