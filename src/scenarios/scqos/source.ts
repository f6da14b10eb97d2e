import { readFileSync } from 'node:fs';
import { sampleEmbedding, type EmbeddingSourceConfig } from '../../models/semantic/embedding.ts';
import type { RandomStream } from '../../random/index.ts';
import { InputError } from '../errors.ts';
import type { ScqosScenario } from './schema.ts';

/** Where a user's sentences come from: one embedding of `dimension` features per draw. */
export interface EmbeddingSource {
  readonly dimension: number;
  /** One sentence embedding, drawn from `stream` (the draw count per sentence is fixed). */
  draw(stream: RandomStream): Float64Array;
}

/** The seeded synthetic source of 001 Fig. 2a (`sampleEmbedding`). */
export function syntheticSource(config: EmbeddingSourceConfig): EmbeddingSource {
  return { dimension: config.dimension, draw: (stream) => sampleEmbedding(stream, config) };
}

/** Embeddings given as rows: each draw picks one uniformly. */
export function tableSource(rows: readonly Float64Array[]): EmbeddingSource {
  if (!rows.length) throw new RangeError('an embedding table needs at least one row');
  return { dimension: rows[0].length, draw: (stream) => Float64Array.from(rows[stream.int(rows.length)]) };
}

/** Parses embeddings from CSV (one per line) or JSON (array of arrays); every row has `features` finite values >= 0. */
export function parseEmbeddings(text: string, features: number, where: string): Float64Array[] {
  const trimmed = text.trim();
  let rows: unknown[];
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed)) throw new InputError(`${where}: JSON embeddings must be an array of arrays`);
    rows = parsed;
  } else {
    rows = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(',').map((x) => Number(x.trim())));
  }
  if (!rows.length) throw new InputError(`${where}: no embeddings`);
  return rows.map((row, i) => {
    if (!Array.isArray(row) || row.length !== features) throw new InputError(`${where}: row ${i + 1} has ${Array.isArray(row) ? row.length : 0} values; codec.features is ${features}`);
    const out = Float64Array.from(row as number[]);
    out.forEach((x, j) => {
      if (!Number.isFinite(x) || x < 0) throw new InputError(`${where}: row ${i + 1}, value ${j + 1} is ${row[j] as string}; allowed: finite numbers >= 0 (embeddings after ReLU, 001 Table II)`);
    });
    return out;
  });
}

/** The source a file names. */
export function sourceOf(file: ScqosScenario): EmbeddingSource {
  const e = file.embeddings;
  const features = file.codec.features;
  if (e.source === 'synthetic') return syntheticSource({ dimension: features, zeroProbability: e.zeroProbability, logMean: e.logMean, logStd: e.logStd, sentenceLogStd: e.sentenceLogStd });
  let text: string;
  try {
    text = readFileSync(e.path, 'utf8');
  } catch (err) {
    throw new InputError(`embeddings.path: cannot read '${e.path}': ${(err as Error).message}`);
  }
  return tableSource(parseEmbeddings(text, features, `embeddings.path '${e.path}'`));
}
